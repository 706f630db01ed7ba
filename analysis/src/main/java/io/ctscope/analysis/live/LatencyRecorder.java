package io.ctscope.analysis.live;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Ingest→analyzer latency: recorded on the analyzer thread into an HdrHistogram
 * {@link SingleWriterRecorder} (wait-free, no lock, no allocation), read from one reporting thread by
 * swapping interval histograms ({@link #swap}); each swap is added to the interval being shown and to the
 * whole run. Values are nanoseconds, 3 significant digits, up to an hour.
 */
public final class LatencyRecorder {
    private static final long HIGHEST = 3_600_000_000_000L;

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST, 3);
    private final Histogram interval = new Histogram(1, HIGHEST, 3);
    private final Histogram total = new Histogram(1, HIGHEST, 3);
    private Histogram recycled;

    /** Hot path: one sample. */
    public void record(long nanos) {
        recorder.recordValue(Math.max(1, Math.min(HIGHEST, nanos)));
    }

    /** Moves what was recorded since the last swap into the interval and the total (reporting thread). */
    public synchronized void swap() {
        recycled = recorder.getIntervalHistogram(recycled);
        interval.add(recycled);
        total.add(recycled);
    }

    /** The samples since the last call, then starts a new interval (reporting thread). */
    public synchronized Histogram takeInterval() {
        swap();
        Histogram copy = interval.copy();
        interval.reset();
        return copy;
    }

    /** Every sample of the run so far. */
    public synchronized Histogram total() {
        swap();
        return total.copy();
    }
}
