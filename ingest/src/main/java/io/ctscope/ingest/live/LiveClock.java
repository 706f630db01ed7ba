package io.ctscope.ingest.live;

/**
 * Time for the live sources: a monotonic clock and a way to wait. Injected, so restart backoff, polling
 * and periodic reads are tested by advancing a fake clock instead of sleeping.
 */
public interface LiveClock {
    LiveClock SYSTEM = new LiveClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
            }
        }

        @Override
        public long epochMicros() {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        }
    };

    long nanoTime();

    /** Waits about {@code nanos}; returns early (with the interrupt) when the thread is interrupted. */
    void sleepNanos(long nanos) throws InterruptedException;

    /** Wall-clock time in µs since the epoch, for stamping table reads. */
    long epochMicros();
}
