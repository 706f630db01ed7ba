package io.ctscope.analysis.top;

/**
 * Sums of conntrack's packet and byte counters. The kernel's counters are unsigned 64-bit (a line may
 * legally say {@code bytes=18446744073709551615}); the report keeps signed longs, so a counter or a sum
 * past {@link Long#MAX_VALUE} (8 EiB) saturates there instead of wrapping to a small or negative figure.
 */
final class Counters {
    private Counters() {
    }

    /** {@code a + b} for counters read as unsigned, saturating at {@link Long#MAX_VALUE}. */
    static long add(long a, long b) {
        if (a < 0 || b < 0) {
            return Long.MAX_VALUE;
        }
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
