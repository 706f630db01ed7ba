package io.ctscope.analysis.occupancy;

import java.util.Arrays;

/**
 * Per-interval sums over time, in a primitive array that grows in both directions, so records may
 * arrive in any time order: an event older than everything so far just extends the array downwards.
 * Interval {@code i} covers {@code [i * width, (i + 1) * width)} µs since the epoch, so intervals are
 * aligned to the epoch and doubling the width maps interval {@code i} onto {@code floor(i / 2)}.
 *
 * <p>Memory is bounded: when the touched range would exceed {@code maxIntervals}, the width doubles
 * and adjacent intervals are summed in place (exact for sums, and so for deltas read as prefix sums at
 * interval ends) until it fits. The final width therefore depends only on the set of times seen, not
 * on their order. Each interval holds {@code columns} sums (row-major), for counters that share times.
 *
 * <pre>
 * cells: [ row 0: col 0 .. col c-1 ][ row 1 ] ...   row r is interval origin + r
 *        touched rows lo - origin .. hi - origin; every other cell is 0
 * </pre>
 */
final class TimeBuckets {
    /** 2^22 intervals: 48 days at 1 s, 32 MiB per column of longs. */
    static final int DEFAULT_MAX_INTERVALS = 1 << 22;
    private static final int INITIAL_ROWS = 256;

    private final int columns;
    private final int maxIntervals;
    private long widthMicros;
    private long[] cells = new long[0];
    /** Interval index of row 0. */
    private long origin;
    /** Touched range of interval indexes; empty while {@code lo > hi}. */
    private long lo = 1;
    private long hi = 0;

    TimeBuckets(long widthMicros, int columns, int maxIntervals) {
        if (widthMicros <= 0 || columns <= 0 || maxIntervals <= 0) {
            throw new IllegalArgumentException("width, columns and maxIntervals must be positive");
        }
        this.widthMicros = widthMicros;
        this.columns = columns;
        this.maxIntervals = maxIntervals;
    }

    /** Adds {@code delta} to {@code column} of the interval holding {@code timeMicros}. */
    void add(long timeMicros, int column, long delta) {
        long i = Math.floorDiv(timeMicros, widthMicros);
        if (i < lo || i > hi) {
            i = cover(timeMicros);
        }
        cells[(int) (i - origin) * columns + column] += delta;
    }

    /** Makes the range include {@code timeMicros} without adding anything (the capture spans it). */
    void touch(long timeMicros) {
        long i = Math.floorDiv(timeMicros, widthMicros);
        if (i < lo || i > hi) {
            cover(timeMicros);
        }
    }

    /** The sum in {@code column} of {@code interval} (at the current width); 0 outside the range. */
    long get(long interval, int column) {
        if (interval < lo || interval > hi) {
            return 0;
        }
        return cells[(int) (interval - origin) * columns + column];
    }

    long widthMicros() {
        return widthMicros;
    }

    boolean isEmpty() {
        return lo > hi;
    }

    /** Index of the interval holding {@code timeMicros} at the current width. */
    long intervalOf(long timeMicros) {
        return Math.floorDiv(timeMicros, widthMicros);
    }

    /** Doubles the width until it is {@code targetMicros}, which must be this width times a power of two. */
    void coarsenTo(long targetMicros) {
        if (targetMicros % widthMicros != 0 || Long.bitCount(targetMicros / widthMicros) != 1) {
            throw new IllegalArgumentException(targetMicros + " µs is not " + widthMicros + " µs times a power of two");
        }
        while (widthMicros < targetMicros) {
            coarsen();
        }
    }

    /** Cold path: extends the range to the interval of {@code timeMicros}, coarsening if needed; returns its index. */
    private long cover(long timeMicros) {
        long i = Math.floorDiv(timeMicros, widthMicros);
        while (spanWith(i) > maxIntervals) {
            coarsen();
            i = Math.floorDiv(timeMicros, widthMicros);
        }
        long newLo = isEmpty() ? i : Math.min(lo, i);
        long newHi = isEmpty() ? i : Math.max(hi, i);
        int rows = cells.length / columns;
        if (newLo < origin || newHi >= origin + rows) {
            int span = (int) (newHi - newLo + 1);
            // At least twice the span, so each move buys as many cheap extensions as it cost.
            int newRows = (int) Math.max(rows, Math.min(maxIntervals, Math.max(INITIAL_ROWS, 2L * span)));
            long slack = newRows - span;
            // Streams mostly move forward: keep all the slack above unless extending downwards.
            long newOrigin = !isEmpty() && i < lo ? newLo - slack / 2 : newLo;
            relocate(newOrigin, newRows);
        }
        lo = newLo;
        hi = newHi;
        return i;
    }

    private long spanWith(long i) {
        if (isEmpty()) {
            return 1;
        }
        return Math.max(hi, i) - Math.min(lo, i) + 1;
    }

    /** Moves the touched rows so that row 0 is interval {@code newOrigin}, in a new array when the size changes. */
    private void relocate(long newOrigin, int newRows) {
        long[] dst = newRows == cells.length / columns ? cells : new long[newRows * columns];
        if (!isEmpty()) {
            int n = (int) (hi - lo + 1) * columns;
            int from = (int) (lo - origin) * columns;
            int to = (int) (lo - newOrigin) * columns;
            System.arraycopy(cells, from, dst, to, n);
            if (dst == cells) {
                // Same array: clear what the move uncovered, so cells outside the range stay 0.
                if (to > from) {
                    Arrays.fill(cells, from, Math.min(to, from + n), 0);
                } else {
                    Arrays.fill(cells, Math.max(to + n, from), from + n, 0);
                }
            }
        }
        cells = dst;
        origin = newOrigin;
    }

    /**
     * Doubles the width in place: interval j's sums move into row floor(j/2) - floor(origin/2). That row
     * is never after j's own row and always before any later row, so nothing unread is overwritten.
     */
    private void coarsen() {
        widthMicros *= 2;
        if (isEmpty()) {
            return;
        }
        long newOrigin = Math.floorDiv(origin, 2);
        for (long j = lo; j <= hi; j++) {
            int src = (int) (j - origin) * columns;
            int dst = (int) (Math.floorDiv(j, 2) - newOrigin) * columns;
            for (int c = 0; c < columns; c++) {
                long v = cells[src + c];
                cells[src + c] = 0;
                cells[dst + c] += v;
            }
        }
        origin = newOrigin;
        lo = Math.floorDiv(lo, 2);
        hi = Math.floorDiv(hi, 2);
    }
}
