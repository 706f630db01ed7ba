package io.ctscope.cli.progress;

import io.ctscope.analysis.report.TextWidth;
import io.ctscope.ingest.pipeline.ReadProgress;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * The progress line of a long read ({@code report}, {@code ingest}, {@code whatif}): drawn on standard
 * error only when it is a terminal, from {@value #SHOW_AFTER_MS} ms into the read (a short run shows
 * nothing), redrawn {@value #REDRAWS_PER_SECOND} times a second, erased when the read ends. Its own
 * thread reads the pipeline's counters; the reading threads never wait for it.
 */
public final class ProgressDisplay implements AutoCloseable {
    static final long SHOW_AFTER_MS = 2000;
    static final int REDRAWS_PER_SECOND = 4;

    private static final ProgressDisplay NONE = new ProgressDisplay(null, null, null, 80);

    private final StatusLine line;
    private final ReadProgress progress;
    private final LongSupplier nanoClock;
    private final int columns;
    private final Thread thread;
    private volatile boolean done;

    private ProgressDisplay(StatusLine line, ReadProgress progress, LongSupplier nanoClock, int columns) {
        this.line = line;
        this.progress = progress;
        this.nanoClock = nanoClock;
        this.columns = columns;
        this.thread = line == null ? null : new Thread(this::run, "ctscope-progress");
    }

    /**
     * Shows {@code progress} on {@code err} while the returned display is open, if {@code err} is the
     * process's terminal standard error ({@link StderrTerminal}); otherwise does nothing.
     */
    public static ProgressDisplay whileReading(PrintWriter err, ReadProgress progress) {
        StatusLine line = StderrTerminal.statusLineOf(err);
        if (line == null) {
            return NONE;
        }
        ProgressDisplay d = new ProgressDisplay(line, progress, System::nanoTime, TextWidth.of(System.getenv("COLUMNS")));
        d.thread.setDaemon(true);
        d.thread.start();
        return d;
    }

    private void run() {
        long start = nanoClock.getAsLong();
        long showAt = start + SHOW_AFTER_MS * 1_000_000;
        long period = 1_000_000_000L / REDRAWS_PER_SECOND;
        synchronized (this) {
            long next = showAt;
            while (!done) {
                long now = nanoClock.getAsLong();
                if (now >= next) {
                    line.show(ProgressLine.fit(ProgressLine.of(progress, now - start), columns));
                    next = now + period;
                    continue;
                }
                try {
                    wait(Math.max(1, (next - now) / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Stops drawing and erases the line. */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        synchronized (this) {
            done = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.clear();
    }
}
