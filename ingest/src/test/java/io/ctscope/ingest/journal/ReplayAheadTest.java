package io.ctscope.ingest.journal;

import static io.ctscope.ingest.journal.JournalTestRecords.assertSameRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctscope.ingest.record.ConntrackRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal read ahead on a thread of its own: every record, in order, on the calling thread. */
class ReplayAheadTest {
    /** More records than the batches in flight hold, and not a whole number of batches. */
    private static final int RECORDS = ReplayAhead.BATCH * ReplayAhead.BATCHES * 3 + 123;

    @TempDir
    Path dir;

    private List<ConntrackRecord> write() {
        List<ConntrackRecord> corpus = JournalTestRecords.corpusRecords();
        ConntrackRecord r = new ConntrackRecord();
        try (JournalWriter w = new JournalWriter(dir)) {
            for (int i = 0; i < RECORDS; i++) {
                r.copyFrom(corpus.get(i % corpus.size()));
                r.line = i + 1;
                w.append(r, 100L * (i + 1));
            }
        }
        return corpus;
    }

    @Test
    void shouldDeliverEveryRecordInOrderOnTheCallingThread() {
        List<ConntrackRecord> corpus = write();
        Thread caller = Thread.currentThread();
        long[] seen = {0};
        try (JournalReader reader = new JournalReader(dir)) {
            long count = ReplayAhead.replay(reader, rec -> {
                assertSame(caller, Thread.currentThread());
                int i = (int) seen[0]++;
                ConntrackRecord expected = new ConntrackRecord();
                expected.copyFrom(corpus.get(i % corpus.size()));
                expected.line = i + 1;
                assertSameRecord(expected, rec);
            });
            assertEquals(RECORDS, count);
            assertTrue(reader.damage().isEmpty());
        }
        assertEquals(RECORDS, seen[0]);
    }

    @Test
    void shouldDeliverNothingFromAnEmptyJournal() {
        try (JournalWriter w = new JournalWriter(dir)) {
            w.sync();
        }
        try (JournalReader reader = new JournalReader(dir)) {
            assertEquals(0, ReplayAhead.replay(reader, rec -> {
                throw new AssertionError("no record");
            }));
        }
    }

    @Test
    void shouldThrowTheSinksFailureHereAndStopReading() {
        write();
        IllegalStateException boom = new IllegalStateException("analyzer failed");
        long[] seen = {0};
        try (JournalReader reader = new JournalReader(dir)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ReplayAhead.replay(reader, rec -> {
                if (++seen[0] == 5000) {
                    throw boom;
                }
            }));
            assertSame(boom, thrown);
        }
        assertEquals(5000, seen[0]);
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().equals("ctscope-replay")),
            "the reading thread has ended");
    }
}
