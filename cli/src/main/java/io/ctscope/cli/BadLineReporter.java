package io.ctscope.cli;

import io.ctscope.ingest.decode.BadLineListener;
import io.ctscope.ingest.io.Printable;

import java.io.PrintWriter;

/**
 * Prints rejected lines as {@code file:line: reason} on stderr, the first {@link #SHOWN} of them, then
 * only counts; with {@code strict} the first bad line stops the run.
 */
final class BadLineReporter implements BadLineListener {
    static final int SHOWN = 20;

    private final PrintWriter err;
    private final boolean strict;
    private long count;

    BadLineReporter(PrintWriter err, boolean strict) {
        this.err = err;
        this.strict = strict;
    }

    @Override
    public boolean onBadLine(String input, long lineNumber, String reason) {
        count++;
        if (count <= SHOWN) {
            err.println(Printable.of(input) + ":" + lineNumber + ": " + Printable.of(reason));
        }
        return !strict;
    }

    long count() {
        return count;
    }

    /** The closing line on stderr: how many bad lines, how many were not shown. */
    void finish() {
        if (count > SHOWN) {
            err.println("ctscope: " + (count - SHOWN) + " more bad lines not shown (" + count + " in all)");
        } else if (count > 0) {
            err.println("ctscope: " + count + " bad line" + (count == 1 ? "" : "s") + " skipped");
        }
        err.flush();
    }
}
