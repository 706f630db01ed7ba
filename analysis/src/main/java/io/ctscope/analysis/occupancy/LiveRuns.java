package io.ctscope.analysis.occupancy;

/**
 * One interval of the live-entry count as a {@link TimeBuckets} row: its net change and its own
 * high-water mark at event resolution, kept exactly without keeping the events, whatever the order
 * in which they arrive, as long as they come as at most two runs in time order.
 *
 * <p>Each open is +1 and each close -1 at its µs timestamp. The count at an instant is the count after
 * all its events (a DESTROY and a NEW at the same µs: one entry, not two). For the instants of an
 * interval in time order, the interval's <em>top</em> is the largest running total, counting the empty
 * prefix (the entries live when the interval began), so the most entries live in the interval is
 * {@code entries at its start + top}. A sorted run is summarised by its events, first and last instant,
 * the sum and top of everything before its last instant, and the net change at its last instant;
 * summaries of runs concatenate exactly ({@code top(x y) = max(top(x), sum(x) + top(y))}), so adjacent
 * intervals fold exactly, and an event at or after a run's last instant, or before its first, extends
 * it exactly.
 *
 * <p>Order. A row holds two runs, an earlier one (R1) and a later one (R2), R1's instants all before
 * R2's. Events in time order extend R2; an event before everything starts or extends R1, so input made
 * of two sorted parts in either order (two rotated files, a clock stepped back once) is still exact.
 * An event that cannot be placed (strictly inside a run, or at the first instant of a run of several)
 * keeps the sum exact and makes the top an upper bound; {@code SLACK} (added up when rows fold) says
 * by how much it may be over.
 *
 * <pre>
 * run: [N MIN MAX SB TB ATB LN]   MIN, MAX: first and last instant (µs); SB, TB: sum and top before MAX,
 *                                 ATB: where TB is reached (NO_KEY: the empty prefix); LN: net change at MAX
 * row: [R1 run][R2 run][SLACK]
 * </pre>
 */
final class LiveRuns {
    static final int N = 0;
    static final int MIN = 1;
    static final int MAX = 2;
    static final int SB = 3;
    static final int TB = 4;
    static final int ATB = 5;
    static final int LN = 6;
    static final int RUN = 7;
    static final int R1 = 0;
    static final int R2 = R1 + RUN;
    static final int SLACK = R2 + RUN;
    static final int COLUMNS = SLACK + 1;
    /** The top is the empty prefix: the count when the interval began. */
    static final long NO_KEY = Long.MIN_VALUE;

    /** Folds a later row onto an earlier one (using the later row as scratch: it is discarded). */
    static final TimeBuckets.Fold FOLD = (d, dst, s, src, columns) -> {
        concat(d, dst + R1, d, dst + R2, d, dst + R2);
        concat(s, src + R1, s, src + R2, s, src + R1);
        concat(d, dst + R2, s, src + R1, d, dst + R2);
        clear(d, dst + R1);
        d[dst + SLACK] += s[src + SLACK];
    };

    private LiveRuns() {
    }

    /** Adds one event, {@code delta} entries at {@code timeMicros}, to the row at {@code o}. */
    static void add(long[] c, int o, long timeMicros, long delta) {
        int r1 = o + R1;
        int r2 = o + R2;
        long t = timeMicros;
        // Cases in order: in time order; between the runs; at R1's last instant; before everything; unplaceable.
        if (c[r2 + N] == 0) {
            start(c, r2, t, delta);
        } else if (t >= c[r2 + MAX]) {
            append(c, r2, t, delta);
        } else if (t < c[r2 + MIN] && (c[r1 + N] == 0 || t > c[r1 + MAX])) {
            if (c[r1 + N] == 0) {
                start(c, r1, t, delta);
            } else {
                append(c, r1, t, delta);
            }
        } else if (c[r1 + N] != 0 && t == c[r1 + MAX]) {
            append(c, r1, t, delta);
        } else if (c[r1 + N] != 0 && t < c[r1 + MIN]) {
            prepend(c, r1, t, delta);
        } else {
            inside(c, c[r1 + N] != 0 && t <= c[r1 + MAX] ? r1 : r2, o + SLACK, delta);
        }
    }

    /** Net change over the interval. */
    static long sum(long[] c, int o) {
        return runSum(c, o + R1) + runSum(c, o + R2);
    }

    /** Largest running total (at least 0); an upper bound, by at most {@link #slack}, when events came out of order. */
    static long top(long[] c, int o) {
        return Math.max(runTop(c, o + R1), runSum(c, o + R1) + runTop(c, o + R2));
    }

    /** Earliest instant (µs) at which {@link #top} is reached, or {@link #NO_KEY} for the interval's start. */
    static long topAt(long[] c, int o) {
        if (runSum(c, o + R1) + runTop(c, o + R2) > runTop(c, o + R1)) {
            return runTopAt(c, o + R2);
        }
        return c[o + R1 + N] == 0 ? NO_KEY : runTopAt(c, o + R1);
    }

    static long slack(long[] c, int o) {
        return c[o + SLACK];
    }

    private static long runSum(long[] c, int r) {
        return c[r + SB] + c[r + LN];
    }

    private static long runTop(long[] c, int r) {
        return Math.max(c[r + TB], c[r + SB] + c[r + LN]);
    }

    private static long runTopAt(long[] c, int r) {
        return c[r + SB] + c[r + LN] > c[r + TB] ? c[r + MAX] : c[r + ATB];
    }

    private static void start(long[] c, int r, long t, long delta) {
        c[r + N] = 1;
        c[r + MIN] = t;
        c[r + MAX] = t;
        c[r + SB] = 0;
        c[r + TB] = 0;
        c[r + ATB] = NO_KEY;
        c[r + LN] = delta;
    }

    /** At or after the last instant. */
    private static void append(long[] c, int r, long t, long delta) {
        c[r + N]++;
        if (t > c[r + MAX]) {
            long top = runTop(c, r);
            long at = runTopAt(c, r);
            c[r + SB] += c[r + LN];
            c[r + TB] = top;
            c[r + ATB] = at;
            c[r + LN] = 0;
            c[r + MAX] = t;
        }
        c[r + LN] += delta;
    }

    /** Before the first instant: the running totals become 0, delta, delta + each old one. */
    private static void prepend(long[] c, int r, long t, long delta) {
        c[r + N]++;
        c[r + MIN] = t;
        c[r + SB] += delta;
        long top = delta + c[r + TB];
        if (top > 0) {
            c[r + TB] = top;
            c[r + ATB] = c[r + ATB] == NO_KEY ? t : c[r + ATB];
        } else {
            c[r + TB] = 0;
            c[r + ATB] = NO_KEY;
        }
    }

    /** An event that cannot be placed in run {@code r}: the sum stays exact, the top an upper bound. */
    private static void inside(long[] c, int r, int slack, long delta) {
        c[r + N]++;
        c[r + SB] += delta;
        if (delta > 0) {
            c[r + TB] += delta;
        }
        c[slack] += Math.abs(delta);
    }

    /** Run {@code x} followed by run {@code y} (all of whose instants are later), written to {@code out} (either). */
    private static void concat(long[] xa, int x, long[] ya, int y, long[] oa, int out) {
        if (ya[y + N] == 0) {
            copy(xa, x, oa, out);
            return;
        }
        if (xa[x + N] == 0) {
            copy(ya, y, oa, out);
            return;
        }
        long n = xa[x + N] + ya[y + N];
        long min = xa[x + MIN];
        long max = ya[y + MAX];
        long xSum = runSum(xa, x);
        long xTop = runTop(xa, x);
        long xAt = runTopAt(xa, x);
        long later = xSum + ya[y + TB];
        long tb = later > xTop ? later : xTop;
        long atb = later > xTop ? ya[y + ATB] : xAt;
        long sb = xSum + ya[y + SB];
        long ln = ya[y + LN];
        oa[out + N] = n;
        oa[out + MIN] = min;
        oa[out + MAX] = max;
        oa[out + SB] = sb;
        oa[out + TB] = tb;
        oa[out + ATB] = atb;
        oa[out + LN] = ln;
    }

    private static void copy(long[] from, int f, long[] to, int t) {
        if (from != to || f != t) {
            System.arraycopy(from, f, to, t, RUN);
        }
    }

    private static void clear(long[] c, int r) {
        for (int i = 0; i < RUN; i++) {
            c[r + i] = 0;
        }
    }
}
