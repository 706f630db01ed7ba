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

    /** Delivers at most {@code max} records from the current position; returns how many. */
    public long replay(RecordSink sink, long max) {
        long n = 0;
        while (n < max) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                try {
                    Bytes<?> bytes = dc.wire().bytes();
                    index = dc.index();
                    endOffset = codec.decode(bytes, record);
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
