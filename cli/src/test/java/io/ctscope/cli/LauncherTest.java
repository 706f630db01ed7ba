package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ./ctscope} launcher, run for real through a symlink in another directory, on a copy of it
 * placed in a throw-away checkout whose {@code mvn} and {@code java} are stand-ins that log their
 * arguments: so the test sees exactly when the launcher rebuilds and which jar it runs, without the
 * minute a real build takes.
 */
class LauncherTest {
    private static final Path LAUNCHER = LabPrerequisites.repoRoot().resolve("ctscope");

    private Path checkout;
    private Path bin;
    private Path log;
    private Path jar;

    private void setUp(Path dir) throws IOException {
        checkout = dir.resolve("checkout");
        bin = dir.resolve("bin");
        log = dir.resolve("calls.log");
        Files.createDirectories(checkout.resolve("cli/src/main/java"));
        Files.createDirectories(checkout.resolve("cli/target"));
        Files.createDirectories(checkout.resolve(".git"));
        Files.createDirectories(bin);
        Files.copy(LAUNCHER, checkout.resolve("ctscope"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Files.writeString(checkout.resolve("cli/pom.xml"), "<project/>\n");
        Files.writeString(checkout.resolve("cli/src/main/java/Main.java"), "class Main {}\n");
        jar = checkout.resolve("cli/target/ctscope.jar");
        // the stand-in build writes the jar; the stand-in JVM logs what it was asked to run
        script(bin.resolve("mvn"), "echo \"mvn $*\" >> " + log + "\necho jar > cli/target/ctscope.jar\n");
        script(bin.resolve("java"), "echo \"java $*\" >> " + log + "\n");
    }

    private static void script(Path p, String body) throws IOException {
        Files.writeString(p, "#!/bin/sh\n" + body, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> runThroughSymlink(Path dir, String... args) throws IOException, InterruptedException {
        Path links = Files.createDirectories(dir.resolve("usr-local-bin"));
        Path link = links.resolve("ctscope");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, checkout.resolve("ctscope"));
        Files.deleteIfExists(log);
        List<String> cmd = new ArrayList<>(List.of("bash", link.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("CTSCOPE_REBUILD");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        assertEquals(0, p.exitValue(), output);
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private void age(Path p, long secondsAgo) throws IOException {
        Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - secondsAgo * 1000));
    }

    @Test
    void shouldBuildTheMissingJarAndRunItThroughASymlink(@TempDir Path dir) throws Exception {
        setUp(dir);
        List<String> calls = runThroughSymlink(dir, "--version");
        assertEquals(2, calls.size(), calls.toString());
        assertTrue(calls.get(0).startsWith("mvn ") && calls.get(0).contains("package"), calls.toString());
        assertTrue(calls.get(1).startsWith("java --add-opens") && calls.get(1).endsWith(" -jar " + jar + " --version"), calls.get(1));
    }

    @Test
    void shouldNotRebuildWhenTheJarIsNewerThanEverySource(@TempDir Path dir) throws Exception {
        setUp(dir);
        Files.writeString(jar, "jar");
        for (String s : List.of("pom.xml", "cli/pom.xml", "cli/src/main/java/Main.java")) {
            age(checkout.resolve(s), 3600);
        }
        // build output and git metadata are not sources
        Files.writeString(checkout.resolve("cli/target/newer.class"), "x");
        Files.writeString(checkout.resolve(".git/index"), "x");
        List<String> calls = runThroughSymlink(dir, "report", "x");
        assertEquals(1, calls.size(), calls.toString());
        assertTrue(calls.get(0).endsWith(" -jar " + jar + " report x"), calls.toString());
    }

    @Test
    void shouldRebuildWhenASourceOrPomIsNewerThanTheJar(@TempDir Path dir) throws Exception {
        setUp(dir);
        for (String changed : List.of("cli/src/main/java/Main.java", "cli/pom.xml")) {
            Files.writeString(jar, "jar");
            for (String s : List.of("pom.xml", "cli/pom.xml", "cli/src/main/java/Main.java")) {
                age(checkout.resolve(s), 3600);
            }
            age(jar, 60);
            Files.writeString(checkout.resolve(changed), "changed after the build, as a git pull does\n");
            List<String> calls = runThroughSymlink(dir, "--version");
            assertEquals(2, calls.size(), changed + ": " + calls);
            assertTrue(calls.get(0).startsWith("mvn "), changed + ": " + calls);
        }
    }
}
