package io.ctscope.ingest.journal;

import io.ctscope.ingest.decode.RecordSink;
import io.ctscope.ingest.record.ConntrackRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Replays the records of a journal in order into a {@link RecordSink}, decoding each into one reused
 * record. A reader opened with a tailer name continues where the last reader of that name stopped (Chronicle
 * persists a named tailer's position in the queue directory as it reads); without a name it replays from
 * the start. During {@code accept}, {@link #index()} and {@link #endOffset()} describe the record at hand.
 *
 * <p>Not thread-safe: one thread reads at a time.
 */
public final class JournalReader implements AutoCloseable {
    static {
        ChronicleSettings.apply();
    }

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final RecordCodec codec = new RecordCodec();
    private final ConntrackRecord record = new ConntrackRecord();
    private long index = SourceRegistry.NO_INDEX;
    private long endOffset = -1;
    private final JournalDamage damage = new JournalDamage();

    /** A reader that replays the whole journal from its first record. */
    public JournalReader(Path directory) {
        this(directory, null);
    }

    /** A reader that resumes after the last record read under {@code tailerName} (from the start the first time). */
    public JournalReader(Path directory, String tailerName) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no journal at " + directory);
        }
        this.queue = JournalWriter.openQueue(directory);
        this.tailer = tailerName == null ? queue.createTailer() : queue.createTailer(tailerName);
        tailer.singleThreadedCheckDisabled(true);
    }

    /** Delivers every record from the current position to the present end of the journal; returns how many. */
    public long replay(RecordSink sink) {
        return replay(sink, Long.MAX_VALUE);
    }

    /**
     * Delivers at most {@code max} records from the current position; returns how many. A damaged record
     * (checksum, undecodable) is skipped and counted in {@link #damage()}; where the chain of records breaks
     * (a zeroed header hides everything after it from a tailer), the reader moves on to the next record the
     * queue's index can reach and counts those in between as unreadable.
     */
    public long replay(RecordSink sink, long max) {
        long n = 0;
        while (n < max) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    if (skipGap()) {
                        continue;
                    }
                    break;
                }
                index = dc.index();
                try {
                    Bytes<?> bytes = dc.wire().bytes();
                    endOffset = codec.decode(bytes, record);
                } catch (JournalDamageException e) {
                    damage.damaged(index, e.getMessage());
                    continue;
                }
                try {
                    sink.accept(record);
                } catch (RuntimeException | Error e) {
                    // not consumed: a named tailer must offer this record again
                    dc.rollbackOnClose();
                    throw e;
                }
            }
            n++;
        }
        return n;
    }

    /** What was found damaged so far (nothing, for an intact journal). */
    public JournalDamage damage() {
        return damage;
    }

    /** At an apparent end before the queue's last index: moves past the break; false at the real end. */
    private boolean skipGap() {
        long last = queue.lastIndex();
        long from = tailer.index();
        if (last < 0 || from > last) {
            return false;
        }
        try (DocumentContext again = tailer.readingDocument()) {
            if (again.isPresent()) {
                // a writer appended meanwhile: not a break; read it on the next turn
                again.rollbackOnClose();
                return true;
            }
        }
        int spacing = queue.rollCycle().defaultIndexSpacing();
        for (long x = Math.max(from, (from / spacing + 1) * spacing); x <= last; x += spacing) {
            if (tailer.moveToIndex(x)) {
                damage.unreadable(from, x - from);
                index = x - 1;
                return true;
            }
        }
        if (tailer.moveToIndex(last)) {
            damage.unreadable(from, last - from);
            index = last - 1;
            return true;
        }
        damage.unreadable(from, last - from + 1);
        index = last;
        return false;
    }

    /** The queue index of the record being (or last) delivered, {@link SourceRegistry#NO_INDEX} before any. */
    public long index() {
        return index;
    }

    /** The input offset just after the line of the record being (or last) delivered. */
    public long endOffset() {
        return endOffset;
    }

    @Override
    public void close() {
        tailer.close();
        queue.close();
    }
}
