package io.ctscope.ingest.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The live source's own counts (ENOBUFS warnings, restarts, table reads), which no record carries:
 * written by the source threads, read by the report and the metrics.
 */
public final class LiveCounters implements SourceEvents {
    private final AtomicLong lossWarnings = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final SourceEvents messages;

    public LiveCounters(SourceEvents messages) {
        this.messages = messages;
    }

    @Override
    public void onLossWarning() {
        lossWarnings.incrementAndGet();
        messages.onLossWarning();
    }

    @Override
    public void onRestart(long n) {
        restarts.set(n);
        messages.onRestart(n);
    }

    @Override
    public void onMessage(String message) {
        messages.onMessage(message);
    }

    public long lossWarnings() {
        return lossWarnings.get();
    }

    public long restarts() {
        return restarts.get();
    }
}
