package io.ctscope.analysis.report.html;

/**
 * Reduces a long series to at most two points per pixel column: each column keeps its smallest and
 * its largest value, in time order, so a one-second spike in a week of data still shows, and a week at
 * 1 s (604,800 points) becomes at most twice the chart's width in points. Points outside
 * {@code [t0, t1]} are dropped; NaN values are skipped.
 */
final class MinMaxDownsampler {
    private MinMaxDownsampler() {
    }

    /** The points kept, as {@code {columns[], values[], count}} in time order; column in {@code 0..columns-1}. */
    static Points line(long[] ts, double[] values, long t0, long t1, int columns) {
        int[] col = new int[2 * columns];
        double[] val = new double[2 * columns];
        double[] min = new double[columns];
        double[] max = new double[columns];
        long[] minAt = new long[columns];
        long[] maxAt = new long[columns];
        boolean[] seen = new boolean[columns];
        for (int i = 0; i < ts.length; i++) {
            double v = values[i];
            if (ts[i] < t0 || ts[i] > t1 || Double.isNaN(v)) {
                continue;
            }
            int c = column(ts[i], t0, t1, columns);
            if (!seen[c]) {
                seen[c] = true;
                min[c] = v;
                max[c] = v;
                minAt[c] = i;
                maxAt[c] = i;
            } else if (v < min[c]) {
                min[c] = v;
                minAt[c] = i;
            } else if (v > max[c]) {
                max[c] = v;
                maxAt[c] = i;
            }
        }
        int n = 0;
        for (int c = 0; c < columns; c++) {
            if (!seen[c]) {
                continue;
            }
            boolean minFirst = minAt[c] <= maxAt[c];
            col[n] = c;
            val[n++] = minFirst ? min[c] : max[c];
            if (minAt[c] != maxAt[c]) {
                col[n] = c;
                val[n++] = minFirst ? max[c] : min[c];
            }
        }
        return new Points(col, val, null, n);
    }

    /** A band: per column the smallest low and the largest high, as {@code {columns[], low[], high[], count}}. */
    static Points band(long[] ts, double[] low, double[] high, long t0, long t1, int columns) {
        double[] lo = new double[columns];
        double[] hi = new double[columns];
        boolean[] seen = new boolean[columns];
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] < t0 || ts[i] > t1 || Double.isNaN(low[i]) || Double.isNaN(high[i])) {
                continue;
            }
            int c = column(ts[i], t0, t1, columns);
            if (!seen[c]) {
                seen[c] = true;
                lo[c] = low[i];
                hi[c] = high[i];
            } else {
                lo[c] = Math.min(lo[c], low[i]);
                hi[c] = Math.max(hi[c], high[i]);
            }
        }
        int n = 0;
        int[] col = new int[columns];
        double[] l = new double[columns];
        double[] h = new double[columns];
        for (int c = 0; c < columns; c++) {
            if (seen[c]) {
                col[n] = c;
                l[n] = lo[c];
                h[n++] = hi[c];
            }
        }
        return new Points(col, l, h, n);
    }

    private static int column(long t, long t0, long t1, int columns) {
        if (t1 == t0) {
            return 0;
        }
        return (int) Math.min(columns - 1, (double) (t - t0) * columns / (t1 - t0));
    }

    /** Kept points: pixel column and value (and for a band, the high value). */
    record Points(int[] columns, double[] values, double[] highs, int count) {
    }
}
