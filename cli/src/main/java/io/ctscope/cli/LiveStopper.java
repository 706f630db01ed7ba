package io.ctscope.cli;

import io.ctscope.ingest.live.LiveSource;

/**
 * Stops a live run: SIGINT/SIGTERM (through the process's {@link StopSignals}: a second signal exits at
 * once), the end of --duration or the dashboard's q stop the source; the run then drains, journals and
 * reports what it read.
 */
final class LiveStopper implements AutoCloseable {
    private final LiveSource source;
    private final StopSignals.Reading reading;

    LiveStopper(LiveSource source) {
        this.source = source;
        this.reading = StopSignals.PROCESS.whileReading(source::stop);
    }

    /** A stop that is not a signal (--duration, q). */
    void stop() {
        source.stop();
    }

    @Override
    public void close() {
        reading.close();
    }
}
