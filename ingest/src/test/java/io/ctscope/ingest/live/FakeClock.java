package io.ctscope.ingest.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that advances only when told to wait: waiting returns at once and records how long was asked. */
final class FakeClock implements LiveClock {
    final List<Long> sleeps = new CopyOnWriteArrayList<>();
    private volatile long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleepNanos(long nanos) {
        sleeps.add(nanos);
        now += nanos;
    }

    @Override
    public long epochMicros() {
        return 1_700_000_000_000_000L + now / 1000;
    }
}
