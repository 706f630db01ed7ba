package io.ctscope.cli.progress;

import java.io.IOException;
import java.io.Writer;

/**
 * Standard error when it is a terminal: an ordinary writer for the messages, plus one line kept at the
 * bottom and redrawn in place ({@code \r}, the text, erase to the end of the line). A message written
 * while the line shows first erases it (the next draw brings it back under the message), and the line
 * is drawn only at the start of a line, never into a message being written in parts.
 */
public final class StatusLine extends Writer {
    private static final String ERASE = "\r\033[K";

    private final Writer out;
    private boolean shown;
    private boolean atLineStart = true;

    public StatusLine(Writer out) {
        this.out = out;
    }

    /** Draws {@code text} (one line, no control characters) in place of the last one. */
    public synchronized void show(String text) {
        if (!atLineStart) {
            return;
        }
        try {
            out.write("\r" + text + "\033[K");
            out.flush();
            shown = true;
        } catch (IOException e) {
            // a terminal that went away: the messages meet the same error and report it
        }
    }

    /** Erases the line if it shows. */
    public synchronized void clear() {
        if (!shown) {
            return;
        }
        try {
            out.write(ERASE);
            out.flush();
        } catch (IOException e) {
            // as in show
        }
        shown = false;
    }

    @Override
    public synchronized void write(char[] text, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        clear();
        out.write(text, off, len);
        atLineStart = text[off + len - 1] == '\n';
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        clear();
        out.close();
    }
}
