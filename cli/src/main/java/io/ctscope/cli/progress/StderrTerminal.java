package io.ctscope.cli.progress;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's standard error, when it is a terminal: the one place a progress line may be drawn.
 * (Java has no isatty; on Linux /proc/self/fd/2 names the device: a pseudo-terminal or a console.)
 */
public final class StderrTerminal {
    private static volatile StatusLine terminal;

    private StderrTerminal() {
    }

    /**
     * For the process's own main: when standard error is a terminal, the writer for it that can hold a
     * status line (and registers it); else null, and nothing will be drawn.
     */
    public static PrintWriter open() {
        if (!isTerminal(Path.of("/proc/self/fd/2"))) {
            return null;
        }
        StatusLine line = new StatusLine(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), Charset.defaultCharset()));
        terminal = line;
        return new Writer(line);
    }

    /** The status line behind {@code err} when {@code err} is the terminal {@link #open()} made, else null. */
    static StatusLine statusLineOf(PrintWriter err) {
        StatusLine t = terminal;
        return t != null && err instanceof Writer w && w.line == t ? t : null;
    }

    /** Whether the descriptor link names a terminal device. */
    static boolean isTerminal(Path fdLink) {
        try {
            String device = Files.readSymbolicLink(fdLink).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static final class Writer extends PrintWriter {
        final StatusLine line;

        Writer(StatusLine line) {
            super(line, true);
            this.line = line;
        }
    }
}
