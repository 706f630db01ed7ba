package io.ctscope.analysis.occupancy;

import io.ctscope.analysis.report.Units;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Live entries over the intervals of the capture, as the JSON {@code series} (entries at the end of
 * each interval, {@code [[ts, entries], ...]}, {@code ts} = the interval's end in epoch seconds) and
 * {@code series_max} (the most entries live at any instant of each interval, same {@code ts}), with
 * the high-water mark of the whole capture at event resolution. Made from {@link LiveRuns} rows: an
 * interval ends at {@code start + sum} and peaks at {@code start + top}. Points are made on demand
 * from two {@code long[]}, so a long series costs 16 bytes a point, not objects.
 */
final class EntrySeries extends AbstractList<long[]> implements RandomAccess {
    private final long firstEndSeconds;
    private final long widthSeconds;
    private final long[] entries;
    private final long[] max;
    private final long peak;
    private final long peakMicros;
    private final boolean peakExact;
    private final double mean;

    private EntrySeries(long firstEndSeconds, long widthSeconds, long[] entries, long[] max,
                        long peak, long peakMicros, boolean peakExact) {
        this.firstEndSeconds = firstEndSeconds;
        this.widthSeconds = widthSeconds;
        this.entries = entries;
        this.max = max;
        this.peak = peak;
        this.peakMicros = peakMicros;
        this.peakExact = peakExact;
        long sum = 0;
        for (long e : entries) {
            sum += e;
        }
        this.mean = Math.round(sum * 10.0 / entries.length) / 10.0;
    }

    /**
     * The series of the {@link LiveRuns} rows of {@code rows} over intervals {@code first..last} (at its
     * current width, a whole number of seconds), starting from {@code liveAtStart} entries at
     * {@code startMicros}, the first timestamp.
     */
    static EntrySeries of(TimeBuckets rows, long first, long last, long liveAtStart, long startMicros) {
        int n = (int) (last - first + 1);
        long[] entries = new long[n];
        long[] max = new long[n];
        long live = liveAtStart;
        long peak = Long.MIN_VALUE;
        long peakMicros = startMicros;
        boolean exact = true;
        long width = rows.widthMicros();
        for (int k = 0; k < n; k++) {
            long interval = first + k;
            long[] page = rows.pageOf(interval);
            long top = 0;
            long topAt = LiveRuns.NO_KEY;
            long slack = 0;
            long sum = 0;
            if (page != null) {
                int o = rows.rowOffset(interval);
                top = LiveRuns.top(page, o);
                topAt = LiveRuns.topAt(page, o);
                slack = LiveRuns.slack(page, o);
                sum = LiveRuns.sum(page, o);
            }
            max[k] = live + top;
            if (max[k] > peak) {
                peak = max[k];
                peakMicros = topAt == LiveRuns.NO_KEY ? Math.max(startMicros, interval * width) : topAt;
                exact = slack == 0;
            }
            live += sum;
            entries[k] = live;
        }
        long widthSeconds = width / 1_000_000;
        return new EntrySeries((first + 1) * widthSeconds, widthSeconds, entries, max, peak, peakMicros, exact);
    }

    @Override
    public long[] get(int index) {
        return new long[] {ts(index), entries[index]};
    }

    @Override
    public int size() {
        return entries.length;
    }

    long ts(int index) {
        return firstEndSeconds + index * widthSeconds;
    }

    /** {@code [[ts, most entries live during the interval], ...]}. */
    List<long[]> maxima() {
        return new Maxima();
    }

    /** The most entries live at any instant. */
    long peak() {
        return peak;
    }

    /** The earliest instant the peak was reached, epoch seconds with µs. */
    Object peakTs() {
        return Units.epochSeconds(peakMicros);
    }

    /** False when events came too far out of order to place: the peak is then an upper bound. */
    boolean peakExact() {
        return peakExact;
    }

    /** Average of the interval-end points, rounded to 0.1. */
    double mean() {
        return mean;
    }

    private final class Maxima extends AbstractList<long[]> implements RandomAccess {
        @Override
        public long[] get(int index) {
            return new long[] {ts(index), max[index]};
        }

        @Override
        public int size() {
            return max.length;
        }
    }
}
