package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code live --dashboard} in a real terminal: tmux at 80×24 runs it on the lab capture (--follow);
 * the screen is read with capture-pane once it shows the whole capture, then {@code q} is sent and the
 * report must come out on stdout as after SIGINT. Expected figures: recounts of the capture's lines.
 */
class LiveDashboardTmuxTest {
    private static final Path EVENTS = LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt");

    @TempDir
    Path dir;

    @Test
    void shouldFitTheDashboardIn80x24AndQuitWithQ() throws Exception {
        Tmux.require("the dashboard test");
        IndependentCount count = IndependentCount.ofEvents(EVENTS);
        long topSourceFlows = Files.readAllLines(EVENTS).stream().filter(l -> l.contains("[NEW]") && l.contains(" src=10.77.1.2 ")).count();

        Path script = dir.resolve("run.sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\nexec " + java + " " + System.getProperty("ctscope.test.jvmArgs", "") + " -cp '"
            + System.getProperty("java.class.path") + "' io.ctscope.cli.Main live --dashboard --interval 0 --queue '" + dir.resolve("q")
            + "' --follow '" + EVENTS + "' > '" + dir.resolve("report.txt") + "'\n");
        String session = "ctscope-dash-" + ProcessHandle.current().pid();
        Path exit = dir.resolve("exit");
        Tmux.run("tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24",
            "sh " + script + "; echo $? > " + exit + "; sleep 600");
        try {
            String screen = Tmux.awaitScreen(session, "TABLE  " + count.entries + " entries");
            List<String> lines = screen.lines().toList();
            assertTrue(lines.size() <= 24, screen);
            for (String l : lines) {
                assertTrue(l.length() <= 80, "wider than 80 columns: " + l);
            }
            assertTrue(lines.get(0).startsWith("ctscope live  "), screen);
            assertTrue(screen.contains("RATES  "), screen);
            assertTrue(screen.contains("OCCUPANCY |"), screen);
            assertTrue(screen.contains("STATE") && screen.contains("SOURCE") && screen.contains("DESTINATION"), screen);
            assertTrue(screen.lines().anyMatch(l -> l.matches(".*10\\.77\\.1\\.2 +" + topSourceFlows + " .*")),
                "top source with its flows:\n" + screen);
            assertTrue(screen.contains("q quit"), screen);
            assertFalse(Files.exists(exit));

            Tmux.run("tmux", "send-keys", "-t", session, "q");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(exit) || Files.readString(exit).isBlank()) {
                assertTrue(System.nanoTime() < deadline, "live did not exit after q");
                Thread.sleep(100);
            }
            assertEquals("0", Files.readString(exit).trim());
            String report = Files.readString(dir.resolve("report.txt"));
            assertTrue(report.startsWith("TABLE  " + count.entries + " flows open at the end"), report);
            assertFalse(report.contains("\u001b"), "no escape codes in the report on stdout");
        } finally {
            Tmux.run("tmux", "kill-session", "-t", session);
        }
    }
}
