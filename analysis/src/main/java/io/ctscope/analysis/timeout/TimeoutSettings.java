package io.ctscope.analysis.timeout;

import java.util.Arrays;

/**
 * One value per {@link Setting}, seconds, each with where it came from. Starts at the kernel's defaults
 * for the given {@link KernelRules}; later sources overwrite. Indexed by ordinal: no map on the hot path.
 */
public final class TimeoutSettings {
    private final long[] seconds = new long[Setting.count()];
    private final TimeoutSource[] sources = new TimeoutSource[Setting.count()];

    public TimeoutSettings(KernelRules rules) {
        for (Setting s : Setting.values()) {
            seconds[s.ordinal()] = rules.defaultSeconds(s);
        }
        Arrays.fill(sources, TimeoutSource.DEFAULT);
    }

    public TimeoutSettings copy() {
        TimeoutSettings c = new TimeoutSettings(KernelRules.CURRENT);
        System.arraycopy(seconds, 0, c.seconds, 0, seconds.length);
        System.arraycopy(sources, 0, c.sources, 0, sources.length);
        return c;
    }

    public long get(Setting s) {
        return seconds[s.ordinal()];
    }

    public long get(int ordinal) {
        return seconds[ordinal];
    }

    public TimeoutSource source(Setting s) {
        return sources[s.ordinal()];
    }

    public void set(Setting s, long value, TimeoutSource source) {
        if (value < 0) {
            throw new IllegalArgumentException(s.sysctl + " must not be negative, not " + value);
        }
        seconds[s.ordinal()] = value;
        sources[s.ordinal()] = source;
    }

    /** The refresh cap for TCP: a state timeout above it is cut to it on retransmits or unacknowledged data. */
    public long tcpCap() {
        return Math.min(get(Setting.TCP_MAX_RETRANS), get(Setting.TCP_UNACKNOWLEDGED));
    }
}
