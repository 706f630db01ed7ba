package io.ctscope.ingest.journal;

import java.nio.file.Path;

/**
 * Child process for the crash test: registers a file, journals its first lines with a checkpoint now and
 * then, prints {@code journaled} and waits to be killed (it never closes the writer or checkpoints again).
 * Arguments: queue directory, input file, lines to journal, lines between checkpoints.
 */
public final class CrashingJournaler {
    private CrashingJournaler() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path file = Path.of(args[1]);
        long lines = Long.parseLong(args[2]);
        long commitEvery = Long.parseLong(args[3]);
        SourceRegistry registry = SourceRegistry.open(dir);
        JournalWriter writer = new JournalWriter(dir);
        int source = registry.register(file);
        new FileJournaler(writer, registry).journal(file, source, registry.resumePoint(source), lines, commitEvery);
        System.out.println("journaled " + source);
        System.out.flush();
        System.in.read(); // killed here, mid-flight: no close, no final checkpoint
    }
}
