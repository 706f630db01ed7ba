package io.ctscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code ctscope} run as a real process (the JVM flags of ./ctscope, the test's class path), output to a log. */
final class IngestProcess {
    private IngestProcess() {
    }

    static Process start(Path log, String... args) throws IOException {
        return start(log, Map.of(), args);
    }

    static Process start(Path log, Map<String, String> env, String... args) throws IOException {
        return start(log, env, null, args);
    }

    /** With {@code stdin} (a file) as standard input when not null; a null value in {@code env} unsets it. */
    static Process start(Path log, Map<String, String> env, Path stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("ctscope.test.jvmArgs", "").split(" ")));
        cmd.removeIf(String::isBlank);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.ctscope.cli.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        return pb.start();
    }

    /** Waits for the process to end (at most {@code seconds}); returns its exit status. */
    static int finish(Process p, Path log, int seconds) throws IOException, InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("ctscope did not finish in " + seconds + " s\n" + Files.readString(log));
        }
        return p.exitValue();
    }

    /** Waits until {@code log} contains {@code text} while {@code p} runs (at most {@code seconds}). */
    static void awaitOutput(Process p, Path log, String text, int seconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            assertTrue(p.isAlive(), "ended before printing \"" + text + "\":\n" + Files.readString(log));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        fail("no \"" + text + "\" within " + seconds + " s:\n" + Files.readString(log));
    }
}
