package io.ctscope.ingest.journal;

import io.ctscope.ingest.record.ConntrackRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Appends records to a Chronicle Queue in a directory, one excerpt per record in the {@link RecordCodec}
 * layout, written straight into the queue's memory-mapped file (no copy, no allocation per record).
 *
 * <p>Roll cycle: {@link LargeRollCycles#HUGE_DAILY}. In Chronicle Queue 5.25 (as measured by
 * {@code maxMessagesPerCycle()} on this build: the index count is capped at 32768, so the figures in older
 * javadoc overstate the large cycles) a daily cycle holds at most:
 * <ul>
 *   <li>{@code DAILY}, {@code FAST_DAILY}: {@code 0xffffffff}, 4.3 * 10^9 a day, 50 thousand records/s;</li>
 *   <li>{@code LARGE_DAILY} (index spacing 128): {@code 0x1fffffffff}, 1.37 * 10^11, 1.6 million/s;</li>
 *   <li>{@code XLARGE_DAILY} (spacing 256): {@code 0x3fffffffff}, 2.7 * 10^11, 3.2 million/s;</li>
 *   <li>{@code HUGE_DAILY} (spacing 1024): {@code 0xffffffffff}, 1.1 * 10^12, 12.7 million/s.</li>
 * </ul>
 * Running past the limit fails the append and damages the cycle (Chronicle-Queue issue #684), and one
 * writer appends about 2.5 million records/s on a small machine, above what XLARGE_DAILY sustains for a day;
 * HUGE_DAILY keeps a margin of five. Its price is the sparse index: moving a tailer to an arbitrary index
 * scans up to 1023 excerpts (some 300 KB), which only {@link SourceRegistry#resumePoint} does. The cycle is
 * fixed when a queue is created; reopening an existing queue keeps its own.
 *
 * <p>Not thread-safe: one thread appends at a time (it may be another thread than the one that opened the
 * writer, e.g. a Disruptor consumer, provided the hand-over is ordered).
 */
public final class JournalWriter implements AutoCloseable {
    static {
        ChronicleSettings.apply();
    }

    public static final RollCycle ROLL_CYCLE = LargeRollCycles.HUGE_DAILY;

    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final RecordCodec codec = new RecordCodec();
    private final SpaceReservation space = new SpaceReservation();
    private final Path directory;
    private JournalWriteException failed;

    public JournalWriter(Path directory) {
        this.directory = directory;
        this.queue = openQueue(directory);
        refuseDamagedTail(queue, directory);
        this.appender = queue.createAppender();
        // the writer is built on one thread and used on another (the pipeline's consumer)
        appender.singleThreadedCheckDisabled(true);
    }

    /**
     * Never appends after damage that cannot be repaired: the last record must be reachable from the queue's
     * index and decode with its checksum, else records appended now would sit where no reader finds them (behind
     * a broken header) or after a record that cannot be trusted.
     */
    private static void refuseDamagedTail(SingleChronicleQueue queue, Path directory) {
        long last = queue.lastIndex();
        if (last < 0) {
            return;
        }
        String problem;
        try (ExcerptTailer tailer = queue.createTailer()) {
            if (!tailer.moveToIndex(last)) {
                problem = "its last record (queue index " + Long.toHexString(last) + ") cannot be reached";
            } else {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        problem = "its last record (queue index " + Long.toHexString(last) + ") is missing";
                    } else {
                        new RecordCodec().decode(dc.wire().bytes(), new ConntrackRecord());
                        problem = null;
                    }
                }
            }
        } catch (JournalDamageException e) {
            problem = "its last record (queue index " + Long.toHexString(last) + ") is damaged: " + e.getMessage();
        } catch (IllegalStateException newerFormat) {
            problem = newerFormat.getMessage();
        }
        if (problem != null) {
            queue.close();
            throw new UncheckedIOException(new IOException(directory + ": not appending to a damaged journal: "
                + problem + " (report --queue shows what is intact)"));
        }
    }

    /**
     * Opens the Chronicle queue in {@code directory}; a queue Chronicle cannot open (its metadata file
     * damaged, truncated, unreadable) is one {@link UncheckedIOException} naming the directory.
     */
    static SingleChronicleQueue openQueue(Path directory) {
        try {
            return SingleChronicleQueueBuilder.single(directory.toFile())
                .rollCycle(ROLL_CYCLE)
                .build();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new UncheckedIOException(new IOException(directory + ": cannot open the journal (its "
                + "metadata.cq4t or cycle files are damaged or unreadable): " + why, e));
        }
    }

    /**
     * Journals {@code r}; {@code endOffset} is the input offset just after its line (offset + length + 1
     * for a line ended by a newline), which {@link SourceRegistry#resumePoint} reads back after a crash.
     */
    public void append(ConntrackRecord r, long endOffset) {
        if (failed != null) {
            throw failed;
        }
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            try {
                space.ensure(appender.currentFile(), bytes.writePosition());
            } catch (IOException e) {
                dc.rollbackOnClose();
                throw fail(e);
            }
            codec.encode(r, endOffset, bytes);
        } catch (InternalError e) {
            // a fault in the mapped file despite the reservation (the disk filled between two refills): stop here
            throw fail(e);
        }
    }

    private JournalWriteException fail(Throwable e) {
        String m = String.valueOf(e.getMessage());
        String what = m.contains("No space left") || e instanceof InternalError ? "no space left on device"
            : "cannot write the journal: " + m;
        failed = new JournalWriteException(what + " (" + directory + ")", e);
        return failed;
    }

    /**
     * The queue index of the last record this writer appended (for {@link SourceRegistry#commit}), or
     * {@link SourceRegistry#NO_INDEX} before the first append.
     */
    public long lastIndexAppended() {
        try {
            return appender.lastIndexAppended();
        } catch (IllegalStateException nothingAppendedYet) {
            return SourceRegistry.NO_INDEX;
        }
    }

    /**
     * Forces the written pages to disk (msync). Not needed to survive a killed process (the kernel keeps the
     * mapped pages); call it before a checkpoint when the journal must also survive a power loss.
     */
    public void sync() {
        appender.sync();
    }

    public Path directory() {
        return queue.file().toPath();
    }

    @Override
    public void close() {
        try {
            space.close();
        } catch (IOException ignored) {
            // only a read-write handle used to reserve blocks; nothing of the journal is lost
        }
        appender.close();
        queue.close();
    }
}
