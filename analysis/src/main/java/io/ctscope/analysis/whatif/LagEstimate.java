package io.ctscope.analysis.whatif;

/**
 * The reaping lag, DESTROY time minus real expiry, as the capture itself measures it on flows whose
 * last packet time is known (TCP that ended in TIME_WAIT or CLOSE, an unanswered SYN, which repeated
 * SYNs do not refresh) or whose expiry the kernel printed ({@code -o ktimestamp} stop). The median is
 * the point estimate for every other flow; the band does not depend on it.
 */
final class LagEstimate {
    private final LongColumn lags = new LongColumn();

    void add(long lagMicros) {
        lags.add(Math.max(0, lagMicros));
    }

    int samples() {
        return lags.size();
    }

    long[] sorted() {
        return lags.sorted();
    }

    /** Median lag, µs; 0 with no sample. */
    static long median(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    static long max(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }
}
