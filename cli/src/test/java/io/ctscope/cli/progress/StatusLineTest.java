package io.ctscope.cli.progress;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusLineTest {
    private static final String ERASE = "\r\033[K";

    @Test
    void shouldRedrawTheLineInPlaceAndEraseItBeforeAMessage() {
        StringWriter screen = new StringWriter();
        StatusLine line = new StatusLine(screen);
        PrintWriter err = new PrintWriter(line, true);
        line.show("ctscope: 1 MiB");
        line.show("ctscope: 2 MiB");
        err.println("ctscope: f:3: bad line");
        line.show("ctscope: 3 MiB");
        line.clear();
        assertEquals("\rctscope: 1 MiB\033[K" + "\rctscope: 2 MiB\033[K" + ERASE + "ctscope: f:3: bad line"
            + System.lineSeparator() + "\rctscope: 3 MiB\033[K" + ERASE, screen.toString());
    }

    @Test
    void shouldNotDrawIntoAMessageWrittenInParts() {
        StringWriter screen = new StringWriter();
        StatusLine line = new StatusLine(screen);
        PrintWriter err = new PrintWriter(line);
        err.print("ctscope: reading ");
        err.flush();
        line.show("ctscope: 1 MiB");
        err.print("f\n");
        err.flush();
        line.show("ctscope: 2 MiB");
        assertEquals("ctscope: reading f\n\rctscope: 2 MiB\033[K", screen.toString());
    }

    @Test
    void shouldEraseNothingWhenNothingShows() {
        StringWriter screen = new StringWriter();
        new StatusLine(screen).clear();
        assertEquals("", screen.toString());
    }

    @Test
    void shouldTakeOnlyATerminalForOne(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertTrue(StderrTerminal.isTerminal(Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"))));
        assertTrue(StderrTerminal.isTerminal(Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1"))));
        assertFalse(StderrTerminal.isTerminal(Files.createSymbolicLink(dir.resolve("file"), dir.resolve("err.txt"))));
        assertFalse(StderrTerminal.isTerminal(Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[12345]"))));
        assertFalse(StderrTerminal.isTerminal(Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null"))));
        assertFalse(StderrTerminal.isTerminal(dir.resolve("missing")));
    }

    @Test
    void shouldDrawNothingOnAWriterThatIsNotTheTerminal() {
        assertEquals(null, StderrTerminal.statusLineOf(new PrintWriter(new StringWriter())));
    }
}
