package io.ctscope.cli;

import io.ctscope.ingest.journal.ChronicleSettings;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A damaged journal is never read silently: the reader says where, reports what is intact, exits 1. */
class JournalDamageTest {
    static {
        ChronicleSettings.apply();
    }

    private static final int RECORDS = 5000;

    @TempDir
    Path dir;

    private Path journal() throws IOException {
        UniqueEvents events = new UniqueEvents();
        Path f = dir.resolve("events.log");
        events.append(f, 1, RECORDS);
        Path q = dir.resolve("q");
        assertEquals(0, CliRun.run("ingest", "--queue", q.toString(), f.toString()).exitCode);
        return q;
    }

    /** The file and position of the {@code n}-th record's payload (0-based), found through Chronicle itself. */
    private static long[] payloadOf(Path q, int n, File[] file) {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(q.toFile()).readOnly(true).build();
             ExcerptTailer t = queue.createTailer()) {
            for (int i = 0; i < n; i++) {
                try (DocumentContext dc = t.readingDocument()) {
                    assertTrue(dc.isPresent());
                }
            }
            try (DocumentContext dc = t.readingDocument()) {
                assertTrue(dc.isPresent());
                file[0] = t.currentFile();
                long at = dc.wire().bytes().readPosition();
                return new long[] {at, dc.wire().bytes().readRemaining()};
            }
        }
    }

    private static void overwrite(File f, long at, byte[] bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f, "rw")) {
            raf.seek(at);
            raf.write(bytes);
        }
    }

    private static void flip(File f, long at) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f, "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x40);
        }
    }

    @Test
    void aRecordWithABadChecksumIsReportedAndTheRestIsIntact() throws IOException {
        Path q = journal();
        File[] f = new File[1];
        long[] rec = payloadOf(q, 100, f);
        flip(f[0], rec[0] + rec[1] / 2);
        CliRun r = CliRun.run("report", "--format", "json", "--queue", q.toString());
        assertEquals(1, r.exitCode, r.err);
        assertTrue(r.err.contains("journal damaged at queue index") && r.err.contains("checksum mismatch")
            && r.err.contains("1 damaged record skipped"), r.err);
        assertTrue(r.out.contains("\"records\": " + (RECORDS - 1) + ","), r.out);
    }

    @Test
    void aZeroedHeaderHidesNothingSilently() throws IOException {
        Path q = journal();
        File[] f = new File[1];
        long[] rec = payloadOf(q, RECORDS / 2, f);
        overwrite(f[0], rec[0] - 4, new byte[4]); // the excerpt's header: the chain of records breaks here
        CliRun r = CliRun.run("report", "--format", "json", "--queue", q.toString());
        assertEquals(1, r.exitCode, r.err);
        assertTrue(r.err.contains("the chain of records breaks") && r.err.contains("unreadable behind a break"), r.err);
        // the records before the break and those the queue's index reaches after it are reported
        String out = r.out;
        int at = out.indexOf("\"records\": ");
        long reported = Long.parseLong(out.substring(at + 11, out.indexOf(',', at)));
        assertTrue(reported > RECORDS / 2 && reported < RECORDS, reported + " of " + RECORDS + " reported");
        long skipped = Long.parseLong(r.err.replaceAll("(?s).*, (\\d+) unreadable behind a break.*", "$1"));
        assertEquals(RECORDS, reported + skipped, r.err);
    }

    @Test
    void theWriterRefusesToAppendAfterADamagedLastRecord() throws IOException {
        Path q = journal();
        File[] f = new File[1];
        long[] rec = payloadOf(q, RECORDS - 1, f);
        flip(f[0], rec[0] + 3);
        UniqueEvents more = new UniqueEvents();
        Path g = dir.resolve("more.log");
        more.append(g, 100_000, 10);
        CliRun r = CliRun.run("ingest", "--queue", q.toString(), g.toString());
        assertEquals(1, r.exitCode, r.err);
        assertTrue(r.err.contains("not appending to a damaged journal: its last record (queue index"), r.err);
        assertEquals(1, r.err.lines().count(), r.err);
    }
}
