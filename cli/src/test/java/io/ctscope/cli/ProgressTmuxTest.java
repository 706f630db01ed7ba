package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The progress line in a real terminal: two {@code ctscope report} processes in tmux read FIFOs the
 * test writes, so each runs for as long as the test keeps its FIFO open. One has stderr on the
 * terminal: its line must appear (after two seconds of reading), follow what was written, stay one
 * line redrawn in place, and be erased at the end. The other, started first and so reading at least
 * as long, has stderr in a file: it must get none of it.
 */
class ProgressTmuxTest {
    private static final String PROGRESS = " lines/s";

    @TempDir
    Path dir;

    private static String line(int i) {
        return "[1700000000." + String.format("%06d", i) + "]\t    [NEW] ipv4     2 udp      17 30 src=10.1.0." + (i % 250)
            + " dst=10.2.0.1 sport=" + (1024 + i) + " dport=53 [UNREPLIED] src=10.2.0.1 dst=10.1.0." + (i % 250)
            + " sport=53 dport=" + (1024 + i) + " id=" + i + "\n";
    }

    private static void write(OutputStream out, int from, int to) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            sb.append(line(i));
        }
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void shouldDrawTheLineOnlyOnATerminalRedrawItInPlaceAndEraseItAtTheEnd() throws Exception {
        Tmux.require("the progress test");
        Path onTerminal = dir.resolve("tty.fifo");
        Path toFile = dir.resolve("file.fifo");
        Tmux.run("mkfifo", onTerminal.toString(), toFile.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java") + " " + System.getProperty("ctscope.test.jvmArgs", "")
            + " -cp '" + System.getProperty("java.class.path") + "' io.ctscope.cli.Main report --format json ";
        Files.writeString(dir.resolve("tty.sh"), "#!/bin/sh\n" + java + "'" + onTerminal + "' > '" + dir.resolve("tty.json") + "'\n");
        Files.writeString(dir.resolve("file.sh"), "#!/bin/sh\n" + java + "'" + toFile + "' > '" + dir.resolve("file.json")
            + "' 2> '" + dir.resolve("file.err") + "'\n");
        String tty = "ctscope-progress-" + ProcessHandle.current().pid();
        String file = tty + "-file";
        for (String[] s : List.of(new String[] {tty, "tty"}, new String[] {file, "file"})) {
            Tmux.run("tmux", "new-session", "-d", "-s", s[0], "-x", "100", "-y", "10",
                "sh " + dir.resolve(s[1] + ".sh") + "; echo $? > " + dir.resolve(s[1] + ".exit") + "; sleep 600");
        }
        try {
            // opening a FIFO for writing waits for its reader: each ctscope is reading once its open returns
            try (OutputStream quiet = new FileOutputStream(toFile.toFile());
                 OutputStream shown = new FileOutputStream(onTerminal.toFile())) {
                write(quiet, 1, 2000);
                write(shown, 1, 2000);
                String screen = Tmux.awaitScreen(tty, "2000 lines");
                assertTrue(screen.lines().anyMatch(l -> l.matches("ctscope: [0-9.]+ KiB, 2000 lines, [0-9.]+( k)? lines/s")), screen);
                write(shown, 2001, 5000);
                screen = Tmux.awaitScreen(tty, "5000 lines");
                assertEquals(1, screen.lines().filter(l -> l.contains(PROGRESS)).count(), "one line, redrawn in place:\n" + screen);
                write(quiet, 2001, 5000);
            }
            awaitExit("tty");
            awaitExit("file");
            String screen = Tmux.run("tmux", "capture-pane", "-t", tty, "-p");
            assertFalse(screen.contains(PROGRESS), "erased at the end:\n" + screen);
            for (String s : List.of("tty", "file")) {
                assertTrue(Files.readString(dir.resolve(s + ".json")).contains("\"records\": 5000,"), s);
            }
            String err = Files.readString(dir.resolve("file.err"));
            assertFalse(err.contains(PROGRESS) || err.contains("\r") || err.contains("\u001b"), "stderr in a file: " + err);
        } finally {
            Tmux.run("tmux", "kill-session", "-t", tty);
            Tmux.run("tmux", "kill-session", "-t", file);
        }
    }

    private void awaitExit(String name) throws Exception {
        Path exit = dir.resolve(name + ".exit");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(exit) || Files.readString(exit).isBlank()) {
            assertTrue(System.nanoTime() < deadline, name + ": ctscope did not exit");
            Thread.sleep(100);
        }
        assertEquals("0", Files.readString(exit).trim(), name);
    }
}
