package io.ctscope.analysis.whatif;

import io.ctscope.analysis.timeout.Setting;

/**
 * The timeouts in force as the stream shows them: a NEW or UPDATE prints the full timeout it just
 * applied, so per setting the value printed most often is the setting (values printed by a minority
 * of flows are per-rule policies or capped refreshes). Up to {@link #SLOTS} distinct values per
 * setting are counted; more are lumped as "other". No allocation after construction.
 */
final class StreamTimeouts {
    private static final int SLOTS = 8;
    private final long[][] values = new long[Setting.count()][SLOTS];
    private final long[][] counts = new long[Setting.count()][SLOTS];
    private final int[] used = new int[Setting.count()];
    private final long[] others = new long[Setting.count()];

    void observe(int setting, long seconds) {
        long[] v = values[setting];
        long[] c = counts[setting];
        int n = used[setting];
        for (int i = 0; i < n; i++) {
            if (v[i] == seconds) {
                c[i]++;
                return;
            }
        }
        if (n < SLOTS) {
            v[n] = seconds;
            c[n] = 1;
            used[setting] = n + 1;
        } else {
            others[setting]++;
        }
    }

    boolean seen(int setting) {
        return used[setting] > 0;
    }

    /** The value printed most often for {@code setting} (the larger on a tie); only when {@link #seen}. */
    long mode(int setting) {
        long[] v = values[setting];
        long[] c = counts[setting];
        int best = 0;
        for (int i = 1; i < used[setting]; i++) {
            if (c[i] > c[best] || (c[i] == c[best] && v[i] > v[best])) {
                best = i;
            }
        }
        return v[best];
    }

    long observations(int setting) {
        long n = others[setting];
        for (int i = 0; i < used[setting]; i++) {
            n += counts[setting][i];
        }
        return n;
    }
}
