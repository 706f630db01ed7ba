package io.ctscope.analysis.whatif;

/**
 * One projected occupancy curve: entries are intervals {@code [start, end)} in µs, collected as two
 * lists; {@link #sweep} sorts both and walks them once for the instantaneous peak (an end and a start at
 * the same instant: the end first, intervals are half-open) and the value at each interval end of the
 * series grid. Exact at event resolution, whatever the grid.
 */
final class Curve {
    private final LongColumn starts;
    private final LongColumn ends;

    Curve() {
        this(new LongColumn(), new LongColumn());
    }

    private Curve(LongColumn starts, LongColumn ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /** An independent copy. */
    Curve copy() {
        return new Curve(starts.copy(), ends.copy());
    }

    void add(long startMicros, long endMicros) {
        if (endMicros > startMicros) {
            starts.add(startMicros);
            ends.add(endMicros);
        }
    }

    /** A gap {@code [fromMicros, toMicros)} inside an interval already added, during which the entry is absent. */
    void addAbsence(long fromMicros, long toMicros) {
        if (toMicros > fromMicros) {
            ends.add(fromMicros);
            starts.add(toMicros);
        }
    }

    int size() {
        return starts.size();
    }

    /**
     * Walks the curve over {@code [windowStart, windowEnd]}: series points at the end of each grid
     * interval ({@code firstInterval .. firstInterval + points.length - 1}, width {@code widthMicros}),
     * and the peak within the window.
     */
    Sweep sweep(long windowStart, long windowEnd, long firstInterval, long widthMicros, int points) {
        long[] s = starts.sorted();
        long[] e = ends.sorted();
        long[] series = new long[points];
        long live = 0;
        long peak = 0;
        long peakAt = windowStart;
        int i = 0;
        int j = 0;
        // Everything that starts at or before the window start and is not over by then is live at it.
        while (i < s.length && s[i] <= windowStart) {
            i++;
            live++;
        }
        while (j < e.length && e[j] <= windowStart) {
            j++;
            live--;
        }
        peak = live;
        int k = 0;
        long nextMark = (firstInterval + 1) * widthMicros;
        while (true) {
            long ts = i < s.length ? s[i] : Long.MAX_VALUE;
            long te = j < e.length ? e[j] : Long.MAX_VALUE;
            long t = Math.min(ts, te);
            while (k < points && nextMark <= Math.min(t, windowEnd + 1)) {
                // the value at the end of interval k: what is live just before nextMark
                series[k++] = live;
                nextMark += widthMicros;
            }
            if (t > windowEnd) {
                break;
            }
            if (te <= ts) {
                j++;
                live--;
            } else {
                i++;
                live++;
                if (live > peak) {
                    peak = live;
                    peakAt = t;
                }
            }
        }
        while (k < points) {
            series[k++] = live;
        }
        return new Sweep(peak, peakAt, series);
    }

    record Sweep(long peak, long peakAtMicros, long[] series) {
        double mean() {
            if (series.length == 0) {
                return 0;
            }
            long sum = 0;
            for (long v : series) {
                sum += v;
            }
            return Math.round(sum * 10.0 / series.length) / 10.0;
        }
    }
}
