package io.ctscope.cli;

import io.ctscope.ingest.live.LiveSource;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops a live run: the first SIGINT/SIGTERM (or the end of --duration, or the dashboard's q) stops the
 * source, and the run drains, journals and reports what it read; a second signal exits at once (status
 * 130), the journal intact (its pages are the kernel's already).
 */
final class LiveStopper {
    private final LiveSource source;
    private final AtomicInteger requests = new AtomicInteger();

    LiveStopper(LiveSource source) {
        this.source = source;
    }

    /** Handles SIGINT and SIGTERM from now on. */
    void installSignalHandlers() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> onSignal());
            } catch (IllegalArgumentException unavailable) {
                // the JVM keeps this signal (e.g. -Xrs): the default action stays
            }
        }
    }

    private void onSignal() {
        if (requests.incrementAndGet() > 1) {
            Runtime.getRuntime().halt(130);
        }
        source.stop();
    }

    /** A stop that is not a signal (--duration, q); a later signal still exits at once. */
    void stop() {
        requests.incrementAndGet();
        source.stop();
    }
}
