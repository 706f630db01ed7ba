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
 * arguments: so the test sees exactly when the launcher rebuilds, when it makes its class-data archive
 * and which jar it runs with which flags, without the minute a real build takes. (The stand-in JVM
 * writes the archive it is asked to dump, unless {@code fail-dump} exists.)
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
        script(bin.resolve("java"), "echo \"java $*\" >> " + log + "\n"
            + "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*)\n"
            + "  [ -e " + dir.resolve("fail-dump") + " ] && exit 1; echo cds > \"${a#*=}\";; esac; done\n");
    }

    private static void script(Path p, String body) throws IOException {
        Files.writeString(p, "#!/bin/sh\n" + body, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> runThroughSymlink(Path dir, String... args) throws IOException, InterruptedException {
        return runThroughSymlink(dir, java.util.Map.of(), args);
    }

    private List<String> runThroughSymlink(Path dir, java.util.Map<String, String> env, String... args)
        throws IOException, InterruptedException {
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
        pb.environment().remove("CTSCOPE_CDS");
        pb.environment().remove("CTSCOPE_C1_BYTES");
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        assertEquals(0, p.exitValue(), output);
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private Path archive() {
        return checkout.resolve("cli/target/ctscope.jsa");
    }

    /** A current jar and class-data archive, every source older than both. */
    private void built() throws IOException {
        Files.writeString(jar, "jar");
        for (String s : List.of("pom.xml", "cli/pom.xml", "cli/src/main/java/Main.java")) {
            age(checkout.resolve(s), 3600);
        }
        age(jar, 60);
        Files.writeString(archive(), "cds");
    }

    private void age(Path p, long secondsAgo) throws IOException {
        Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - secondsAgo * 1000));
    }

    @Test
    void shouldBuildTheMissingJarAndRunItThroughASymlink(@TempDir Path dir) throws Exception {
        setUp(dir);
        List<String> calls = runThroughSymlink(dir, "--version");
        assertEquals(4, calls.size(), calls.toString());
        assertTrue(calls.get(0).startsWith("mvn ") && calls.get(0).contains("package"), calls.toString());
        String run = calls.get(3);
        assertTrue(run.startsWith("java --add-opens") && run.endsWith(" -jar " + jar + " --version"), run);
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
        age(jar, 60);
        Files.writeString(archive(), "cds");   // made after the jar
        List<String> calls = runThroughSymlink(dir, "report", "x");
        assertEquals(1, calls.size(), calls.toString());
        assertTrue(calls.get(0).endsWith(" -jar " + jar + " report x"), calls.toString());
        assertTrue(calls.get(0).contains(" -XX:SharedArchiveFile=" + archive() + " "), calls.toString());
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
            assertTrue(calls.get(0).startsWith("mvn "), changed + ": " + calls);
            assertEquals(1, calls.stream().filter(c -> c.startsWith("mvn ")).count(), changed + ": " + calls);
        }
    }

    @Test
    void shouldMakeTheClassDataArchiveOnceForEachJarAndRunWithIt(@TempDir Path dir) throws Exception {
        setUp(dir);
        built();
        Files.delete(archive());
        List<String> first = runThroughSymlink(dir, "--version");
        assertEquals(3, first.size(), first.toString());
        assertTrue(first.get(0).contains(" -XX:ArchiveClassesAtExit=") && first.get(0).contains(" report "), first.get(0));
        assertTrue(first.get(1).contains(" -Xshare:on "), "the new archive is tried before it is used: " + first);
        assertTrue(first.get(2).contains(" -XX:SharedArchiveFile=" + archive() + " "), first.get(2));
        assertTrue(Files.exists(archive()));

        List<String> second = runThroughSymlink(dir, "--version");
        assertEquals(1, second.size(), "made once: " + second);
        assertTrue(second.get(0).contains(" -XX:SharedArchiveFile=" + archive() + " "), second.get(0));

        Files.writeString(jar, "rebuilt jar");   // an archive older than the jar is stale
        List<String> third = runThroughSymlink(dir, "--version");
        assertEquals(3, third.size(), "made again for the new jar: " + third);
        assertTrue(third.get(0).contains(" -XX:ArchiveClassesAtExit="), third.toString());
    }

    @Test
    void shouldRunWithoutTheArchiveWhenItCannotBeMadeAndNotRetryUntilTheNextBuild(@TempDir Path dir) throws Exception {
        setUp(dir);
        built();
        Files.delete(archive());
        Files.writeString(dir.resolve("fail-dump"), "");
        List<String> first = runThroughSymlink(dir, "--version");
        assertEquals(2, first.size(), first.toString());
        assertTrue(first.get(0).contains(" -XX:ArchiveClassesAtExit="), first.toString());
        assertTrue(!first.get(1).contains("SharedArchiveFile") && first.get(1).endsWith(" -jar " + jar + " --version"), first.get(1));
        assertTrue(!Files.exists(archive()), "no half-made archive is left to be mapped");

        List<String> second = runThroughSymlink(dir, "--version");
        assertEquals(1, second.size(), "not tried again for the same jar: " + second);

        List<String> off = runThroughSymlink(dir, java.util.Map.of("CTSCOPE_CDS", "0"), "--version");
        assertEquals(1, off.size(), off.toString());
        assertTrue(!off.get(0).contains("SharedArchiveFile"), off.toString());
    }

    @Test
    void shouldCompileWithC1AloneOnlyForASmallNamedInput(@TempDir Path dir) throws Exception {
        setUp(dir);
        built();
        Path small = dir.resolve("small.txt");
        Files.writeString(small, "x".repeat(1000));
        String c1 = " -XX:TieredStopAtLevel=1 ";
        assertTrue(runThroughSymlink(dir, "report", "--top", "3", small.toString()).get(0).contains(c1));
        assertTrue(!runThroughSymlink(dir, "report", "-").get(0).contains(c1), "standard input: size unknown");
        Path bigJournal = Files.createDirectories(dir.resolve("queue"));
        Files.write(bigJournal.resolve("20261202.cq4"), new byte[4000]);
        assertTrue(runThroughSymlink(dir, "report", "--queue", bigJournal.toString()).get(0).contains(c1), "a small journal");
        assertTrue(!runThroughSymlink(dir, java.util.Map.of("CTSCOPE_C1_BYTES", "11999"), "report", "--queue",
            bigJournal.toString()).get(0).contains(c1), "a journal counts three times its bytes");
        assertTrue(!runThroughSymlink(dir, "live", "--follow", small.toString()).get(0).contains(c1), "live runs on");
        assertTrue(!runThroughSymlink(dir, java.util.Map.of("CTSCOPE_C1_BYTES", "999"), "report", small.toString())
            .get(0).contains(c1), "over the limit");
        // a gzip file counts eight times its size: 125 compressed bytes are 1000 over a 999-byte limit
        Path gz = dir.resolve("small.gz");
        byte[] gzip = new byte[125];
        gzip[0] = 0x1f;
        gzip[1] = (byte) 0x8b;
        Files.write(gz, gzip);
        assertTrue(!runThroughSymlink(dir, java.util.Map.of("CTSCOPE_C1_BYTES", "999"), "report", gz.toString())
            .get(0).contains(c1), "gzip over the limit");
        assertTrue(runThroughSymlink(dir, java.util.Map.of("CTSCOPE_C1_BYTES", "1000"), "report", gz.toString())
            .get(0).contains(c1), "gzip at the limit");
    }
}
