package io.ctscope.analysis.occupancy;

import java.math.BigDecimal;

/**
 * Timestamps for the JSON report, as {@code input.first_ts} writes them: epoch seconds, an integer
 * when whole, else a decimal with microsecond precision (never a double, which would round it).
 */
final class EpochSeconds {
    private EpochSeconds() {
    }

    static Object of(long micros) {
        if (micros % 1_000_000 == 0) {
            return micros / 1_000_000;
        }
        return new BigDecimal(micros).movePointLeft(6);
    }
}
