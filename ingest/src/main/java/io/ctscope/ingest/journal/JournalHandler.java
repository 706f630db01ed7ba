package io.ctscope.ingest.journal;

import io.ctscope.ingest.pipeline.RecordHandler;
import io.ctscope.ingest.record.ConntrackRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;

/**
 * The pipeline's journal stage: appends each record to the Chronicle journal with the offset just past
 * its line, and checkpoints each source in the {@link SourceRegistry} at the end of a batch (at most
 * every {@link #CHECKPOINT_NANOS}) and at the end of each input. Lines that are not records move the
 * checkpoint too, so a resumed ingest does not read them again. Time comes from an injected clock.
 */
public final class JournalHandler implements RecordHandler {
    public static final long CHECKPOINT_NANOS = 200_000_000L;

    private final JournalWriter writer;
    private final SourceRegistry registry;
    private final LongSupplier nanoClock;
    private int source = -1;
    private long endOffset;
    private long lastLine;
    private boolean dirty;
    private long lastCheckpoint;
    private long appended;
    private boolean failed;

    public JournalHandler(JournalWriter writer, SourceRegistry registry, LongSupplier nanoClock) {
        this.writer = writer;
        this.registry = registry;
        this.nanoClock = nanoClock;
        this.lastCheckpoint = nanoClock.getAsLong();
    }

    public long appended() {
        return appended;
    }

    @Override
    public void onRecord(ConntrackRecord r, long end) {
        if (failed) {
            return;
        }
        if (r.source != source) {
            checkpoint();
            source = r.source;
        }
        try {
            writer.append(r, end);
        } catch (RuntimeException e) {
            // nothing after this record may reach the journal, or it would have a gap; the checkpoint stays
            // at the last whole record (the journal itself is the truth on the next run)
            failed = true;
            checkpointQuietly();
            throw e;
        }
        move(r.source, r.line, end);
        appended++;
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException noSpaceForTheRegistryEither) {
            // the registry file is replaced atomically: the old version stays, and the journal is scanned
        }
    }

    @Override
    public void onOtherLine(int src, long line, int status, String reason, long end) {
        if (failed) {
            return;
        }
        move(src, line, end);
    }

    @Override
    public void onOverlongLine(int src, long line, long length, long end) {
        if (failed) {
            return;
        }
        move(src, line, end);
    }

    @Override
    public void onEndOfInput(int src, long lines, long end) {
        if (src == source && !failed) {
            checkpoint();
        }
    }

    @Override
    public void onEndOfBatch() {
        long now = nanoClock.getAsLong();
        if (dirty && !failed && now - lastCheckpoint >= CHECKPOINT_NANOS) {
            checkpoint();
            lastCheckpoint = now;
        }
    }

    private void move(int src, long line, long end) {
        if (src != source) {
            checkpoint();
            source = src;
        }
        endOffset = end;
        lastLine = line;
        dirty = true;
    }

    private void checkpoint() {
        if (!dirty || source <= 0) {
            dirty = false;
            return;
        }
        try {
            registry.commit(source, endOffset, lastLine, writer.lastIndexAppended());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dirty = false;
    }
}
