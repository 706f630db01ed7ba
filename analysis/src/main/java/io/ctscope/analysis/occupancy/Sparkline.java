package io.ctscope.analysis.occupancy;

/**
 * One line of ASCII showing the shape of a series: each column is the largest value of its share of
 * the points (so short peaks survive), drawn on the scale {@code " .:-=+*#%@"}, blank for 0 and
 * {@code @} for the overall peak. ASCII, so it survives any terminal, log file and e-mail.
 */
public final class Sparkline {
    static final String LEVELS = " .:-=+*#%@";

    private Sparkline() {
    }

    /** At most {@code columns} characters; one per point when there are fewer points. */
    public static String of(long[] values, int columns) {
        int n = values.length;
        int cols = Math.min(columns, n);
        long[] max = new long[cols];
        long peak = 0;
        for (int c = 0; c < cols; c++) {
            int from = (int) ((long) c * n / cols);
            int to = (int) ((long) (c + 1) * n / cols);
            long m = 0;
            for (int k = from; k < to; k++) {
                m = Math.max(m, values[k]);
            }
            max[c] = m;
            peak = Math.max(peak, m);
        }
        int top = LEVELS.length() - 1;
        StringBuilder sb = new StringBuilder(cols);
        for (int c = 0; c < cols; c++) {
            // Round up, so any non-zero column shows at least the lowest mark.
            int level = max[c] <= 0 ? 0 : (int) ((max[c] * top + peak - 1) / peak);
            sb.append(LEVELS.charAt(level));
        }
        return sb.toString();
    }
}
