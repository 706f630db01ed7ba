package io.ctscope.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real terminal for tests: tmux sessions, their screens, and commands run beside them. */
final class Tmux {
    private Tmux() {
    }

    /** Aborts the test when tmux is missing; fails it under CI, which installs it (.ci/run). */
    static void require(String what) throws IOException, InterruptedException {
        if (!run("sh", "-c", "command -v tmux").contains("tmux")) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("CI: " + what + " needs tmux (bash .ci/run installs it)");
            }
            Assumptions.abort("tmux is not installed");
        }
    }

    /** Polls the pane of {@code session} until it shows {@code text}, for at most 60 s; returns the screen. */
    static String awaitScreen(String session, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String screen = "";
        while (!screen.contains(text)) {
            assertTrue(System.nanoTime() < deadline, "the terminal never showed \"" + text + "\":\n" + screen);
            Thread.sleep(100);
            screen = run("tmux", "capture-pane", "-t", session, "-p");
        }
        return screen;
    }

    /** Runs a command to its end; its stdout and stderr together. */
    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
