package io.ctscope.fleet.ship;

import io.ctscope.ingest.journal.JournalDamageException;
import io.ctscope.ingest.journal.JournalWriter;
import io.ctscope.ingest.journal.RecordCodec;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Follows a journal from its first record: each {@link #next()} makes the next record available both as the
 * journal's own bytes (its compact record layout, which ship sends as they are) and decoded, with its queue
 * index. At the present end {@code next()} is false; it is true again once a writer appends. A damaged
 * record is skipped and counted. Reuses its buffers.
 */
final class JournalTail implements AutoCloseable {
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExcerptTailer probe;
    private final RecordCodec codec = new RecordCodec();
    private final ConntrackRecord record = new ConntrackRecord();
    private final ConntrackRecord probed = new ConntrackRecord();
    private final RecordCodec probeCodec = new RecordCodec();
    private byte[] raw = new byte[512];
    private int rawLength;
    private long index = -1;
    private long damaged;

    JournalTail(Path directory) {
        queue = SingleChronicleQueueBuilder.single(directory.toFile()).rollCycle(JournalWriter.ROLL_CYCLE).build();
        tailer = queue.createTailer();
        tailer.singleThreadedCheckDisabled(true);
        probe = queue.createTailer();
        probe.singleThreadedCheckDisabled(true);
    }

    /** Moves to the next record; false at the journal's present end. */
    boolean next() {
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return false;
                }
                Bytes<?> bytes = dc.wire().bytes();
                long at = bytes.readPosition();
                long n = bytes.readRemaining();
                if (n > raw.length) {
                    raw = new byte[(int) Math.max(n, raw.length * 2L)];
                }
                bytes.read(raw, 0, (int) n);
                rawLength = (int) n;
                bytes.readPosition(at);
                try {
                    codec.decode(bytes, record);
                } catch (JournalDamageException e) {
                    damaged++;
                    continue;
                }
                index = dc.index();
                return true;
            }
        }
    }

    /** The queue index of the current record. */
    long index() {
        return index;
    }

    ConntrackRecord record() {
        return record;
    }

    /** A copy of the current record's journal bytes (the value of its events record). */
    byte[] rawCopy() {
        return java.util.Arrays.copyOf(raw, rawLength);
    }

    long damaged() {
        return damaged;
    }

    /** The index of the journal's last record now ({@code -1} when empty). */
    long lastIndex() {
        return queue.lastIndex();
    }

    /** Records in the journal after {@code index} now. */
    long recordsAfter(long index) {
        long last = queue.lastIndex();
        if (last < 0 || index >= last) {
            return 0;
        }
        if (index < 0) {
            return queue.entryCount();
        }
        return queue.countExcerpts(index, last);
    }

    /** Event time of the journal's last record (µs), or {@link Long#MIN_VALUE} when it has none. */
    long lastTimestampMicros() {
        long last = queue.lastIndex();
        if (last < 0 || !probe.moveToIndex(last)) {
            return Long.MIN_VALUE;
        }
        try (DocumentContext dc = probe.readingDocument()) {
            if (!dc.isPresent()) {
                return Long.MIN_VALUE;
            }
            probeCodec.decode(dc.wire().bytes(), probed);
            return probed.has(Field.TIMESTAMP) ? probed.timestampMicros : Long.MIN_VALUE;
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    @Override
    public void close() {
        tailer.close();
        probe.close();
        queue.close();
    }
}
