package io.ctscope.ingest.live;

/**
 * Restart delays for a source that dies: 1 s, doubling to at most 30 s; back to 1 s once a run lasted
 * a minute (the source was healthy, the death is news, not a crash loop).
 */
public final class Backoff {
    static final long FIRST_NANOS = 1_000_000_000L;
    static final long MAX_NANOS = 30_000_000_000L;
    static final long HEALTHY_NANOS = 60_000_000_000L;

    private long next = FIRST_NANOS;

    /** The delay before the next start, after a run that lasted {@code ranNanos}. */
    public long delayAfter(long ranNanos) {
        if (ranNanos >= HEALTHY_NANOS) {
            next = FIRST_NANOS;
        }
        long d = next;
        next = Math.min(MAX_NANOS, next * 2);
        return d;
    }
}
