package io.ctscope.cli;

import io.ctscope.ingest.decode.BadLineListener;
import io.ctscope.ingest.io.Printable;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints rejected lines as {@code file:line: reason} on stderr, the first {@link #SHOWN} of them, then
 * only counts; with {@code strict} the first bad line stops the run.
 *
 * <p>Unless strict or {@link #immediate immediate}, an input's bad lines wait until it yields its first
 * record: a file that turns out to hold none (a binary, a log of something else) is then told in one line
 * by its verdict ({@link #dropHeld}) instead of twenty lines of "binary data" before it.
 */
final class BadLineReporter implements BadLineListener {
    static final int SHOWN = 20;

    private final PrintWriter err;
    private final boolean strict;
    private final boolean hold;
    private final Map<String, List<String>> held = new LinkedHashMap<>();
    private final Set<String> withRecords = new HashSet<>();
    private long count;
    private long printed;

    BadLineReporter(PrintWriter err, boolean strict) {
        this(err, strict, !strict);
    }

    private BadLineReporter(PrintWriter err, boolean strict, boolean hold) {
        this.err = err;
        this.strict = strict;
        this.hold = hold;
    }

    /** Prints each shown bad line at once (a live stream: no end to wait for). */
    static BadLineReporter immediate(PrintWriter err) {
        return new BadLineReporter(err, false, false);
    }

    @Override
    public boolean onBadLine(String input, long lineNumber, String reason) {
        count++;
        if (count <= SHOWN) {
            String line = Printable.of(input) + ":" + lineNumber + ": " + Printable.of(reason);
            if (hold && !withRecords.contains(input)) {
                held.computeIfAbsent(input, k -> new ArrayList<>()).add(line);
            } else {
                print(line);
            }
        }
        return !strict;
    }

    @Override
    public void onFirstRecord(String input) {
        withRecords.add(input);
        List<String> lines = held.remove(input);
        if (lines != null) {
            lines.forEach(this::print);
        }
    }

    /** Forgets {@code input}'s held bad lines: its verdict (it holds no records) says what they were. */
    void dropHeld(String input) {
        held.remove(input);
    }

    private void print(String line) {
        err.println(line);
        printed++;
    }

    long count() {
        return count;
    }

    /** The closing line on stderr: held lines of inputs without a verdict, how many bad lines, how many not shown. */
    void finish() {
        held.values().forEach(lines -> lines.forEach(this::print));
        held.clear();
        if (count > printed && printed > 0) {
            err.println("ctscope: " + (count - printed) + " more bad lines not shown (" + count + " in all)");
        } else if (count > 0) {
            err.println("ctscope: " + count + " bad line" + (count == 1 ? "" : "s") + " skipped");
        }
        err.flush();
    }
}
