package io.ctscope.samples;

import java.util.Locale;

/** What one run produced; {@link #toString} is the one-line report the CLI prints to stderr. */
public final class GenerationSummary {

    long lines;
    long newEvents;
    long updateEvents;
    long destroyEvents;
    long bytes;
    long firstMicros = -1;
    long lastMicros = -1;
    int openAtEnd;
    int peakOpen;
    long droppedTableFull;
    long droppedNoFreePort;
    long natPortRewrites;

    public long lines() { return lines; }
    public long newEvents() { return newEvents; }
    public long updateEvents() { return updateEvents; }
    public long destroyEvents() { return destroyEvents; }
    public long bytes() { return bytes; }
    public int openAtEnd() { return openAtEnd; }
    public int peakOpen() { return peakOpen; }
    public long droppedTableFull() { return droppedTableFull; }
    public long droppedNoFreePort() { return droppedNoFreePort; }
    public long natPortRewrites() { return natPortRewrites; }

    /** Simulated seconds from the first to the last line. */
    public double simulatedSeconds() {
        return lines == 0 ? 0 : (lastMicros - firstMicros) / 1e6;
    }

    @Override
    public String toString() {
        double span = simulatedSeconds();
        return String.format(Locale.ROOT,
                "%d lines (%d NEW, %d UPDATE, %d DESTROY), %d bytes; %.1f s simulated (%.0f events/s); "
                        + "%d flows open at end (peak %d); dropped %d (table full) + %d (no free port); %d NAT port rewrites",
                lines, newEvents, updateEvents, destroyEvents, bytes, span, span > 0 ? lines / span : 0.0,
                openAtEnd, peakOpen, droppedTableFull, droppedNoFreePort, natPortRewrites);
    }
}
