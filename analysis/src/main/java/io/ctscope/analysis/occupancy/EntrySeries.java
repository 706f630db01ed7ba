package io.ctscope.analysis.occupancy;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * Live entries at the end of each interval of the capture, as the JSON {@code series}: a list of
 * {@code [ts, entries]} points, {@code ts} = the interval's end in epoch seconds. Entries are the prefix
 * sums of the per-interval deltas plus the flows live from the capture start. Points are made on
 * demand from one {@code long[]}, so a long series costs 8 bytes a point, not an object each.
 */
final class EntrySeries extends AbstractList<long[]> implements RandomAccess {
    private final long firstEndSeconds;
    private final long widthSeconds;
    private final long[] entries;
    private final int peakIndex;
    private final double mean;

    private EntrySeries(long firstEndSeconds, long widthSeconds, long[] entries) {
        this.firstEndSeconds = firstEndSeconds;
        this.widthSeconds = widthSeconds;
        this.entries = entries;
        int peak = 0;
        long sum = 0;
        for (int k = 0; k < entries.length; k++) {
            if (entries[k] > entries[peak]) {
                peak = k;
            }
            sum += entries[k];
        }
        this.peakIndex = peak;
        this.mean = Math.round(sum * 10.0 / entries.length) / 10.0;
    }

    /**
     * The series of {@code column} of {@code deltas} over intervals {@code first..last} (at its current
     * width, a whole number of seconds), starting from {@code liveAtStart} entries.
     */
    static EntrySeries of(TimeBuckets deltas, int column, long first, long last, long liveAtStart) {
        long[] entries = new long[(int) (last - first + 1)];
        long live = liveAtStart;
        for (int k = 0; k < entries.length; k++) {
            live += deltas.get(first + k, column);
            entries[k] = live;
        }
        long widthSeconds = deltas.widthMicros() / 1_000_000;
        return new EntrySeries((first + 1) * widthSeconds, widthSeconds, entries);
    }

    @Override
    public long[] get(int index) {
        return new long[] {ts(index), entries(index)};
    }

    @Override
    public int size() {
        return entries.length;
    }

    long ts(int index) {
        return firstEndSeconds + index * widthSeconds;
    }

    long entries(int index) {
        return entries[index];
    }

    /** The largest value; the earliest point holding it. */
    long peak() {
        return entries[peakIndex];
    }

    long peakTs() {
        return ts(peakIndex);
    }

    /** Average over the points, rounded to 0.1. */
    double mean() {
        return mean;
    }
}
