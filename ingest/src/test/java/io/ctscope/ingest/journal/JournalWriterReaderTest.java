package io.ctscope.ingest.journal;

import static io.ctscope.ingest.journal.JournalTestRecords.assertSameRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctscope.ingest.record.ConntrackRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalWriterReaderTest {
    @TempDir
    Path dir;

    @Test
    void everyRecordWrittenIsReadBackOnceInOrder() {
        List<ConntrackRecord> corpus = JournalTestRecords.corpusRecords();
        int n = 20_000;
        ConntrackRecord r = new ConntrackRecord();
        try (JournalWriter w = new JournalWriter(dir)) {
            for (int i = 0; i < n; i++) {
                r.copyFrom(corpus.get(i % corpus.size()));
                r.line = i + 1;
                w.append(r, 100L * (i + 1));
            }
        }
        long[] seen = {0};
        try (JournalReader reader = new JournalReader(dir)) {
            long count = reader.replay(rec -> {
                int i = (int) seen[0]++;
                ConntrackRecord expected = new ConntrackRecord();
                expected.copyFrom(corpus.get(i % corpus.size()));
                expected.line = i + 1;
                assertSameRecord(expected, rec);
                assertEquals(100L * (i + 1), reader.endOffset());
            });
            assertEquals(n, count);
        }
        assertEquals(n, seen[0]);
    }

    @Test
    void theQueueRollsDailyWithTheHugeIndex() throws IOException {
        try (JournalWriter w = new JournalWriter(dir)) {
            w.append(new ConntrackRecord(), 1);
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> cq4 = files.map(p -> p.getFileName().toString()).filter(s -> s.endsWith(".cq4")).toList();
            assertEquals(1, cq4.size(), cq4.toString());
            assertTrue(cq4.get(0).matches("\\d{8}H\\.cq4"), cq4.get(0));
        }
        assertEquals(LargeRollCycles.HUGE_DAILY, JournalWriter.ROLL_CYCLE);
        // a trillion records a day: 12.7 million a second, all day
        assertEquals(0xffffffffffL, LargeRollCycles.HUGE_DAILY.maxMessagesPerCycle());
    }

    @Test
    void theLastIndexAppendedIsNoneBeforeTheFirstRecordAndGrowsWithEach() {
        try (JournalWriter w = new JournalWriter(dir)) {
            assertEquals(SourceRegistry.NO_INDEX, w.lastIndexAppended());
            w.append(new ConntrackRecord(), 1);
            long first = w.lastIndexAppended();
            w.append(new ConntrackRecord(), 2);
            assertEquals(first + 1, w.lastIndexAppended());
        }
    }

    @Test
    void aNamedReaderContinuesWhereTheLastOneStopped() {
        write(1, 100);
        assertEquals(lines(1, 40), readNamed("analyzer", 40));
        assertEquals(lines(41, 100), readNamed("analyzer", Long.MAX_VALUE));
        assertEquals(List.of(), readNamed("analyzer", Long.MAX_VALUE));
        write(101, 110);
        assertEquals(lines(101, 110), readNamed("analyzer", Long.MAX_VALUE));
        // another name has its own position
        assertEquals(lines(1, 110), readNamed("report", Long.MAX_VALUE));
    }

    @Test
    void anUnnamedReaderAlwaysReplaysFromTheStart() {
        write(1, 30);
        assertEquals(lines(1, 30), readPlain());
        assertEquals(lines(1, 30), readPlain());
    }

    @Test
    void aRecordWhoseSinkFailedIsOfferedAgainToTheNamedReader() {
        write(1, 5);
        try (JournalReader reader = new JournalReader(dir, "picky")) {
            assertThrows(IllegalStateException.class, () -> reader.replay(rec -> {
                if (rec.line == 3) {
                    throw new IllegalStateException("sink failed");
                }
            }));
        }
        assertEquals(lines(3, 5), readNamed("picky", Long.MAX_VALUE));
    }

    @Test
    void aReaderRefusesADirectoryWithNoJournal() {
        assertThrows(IllegalArgumentException.class, () -> new JournalReader(dir.resolve("nothing-here")));
    }

    @Test
    void aJournalOfThePreviousLayoutIsReadAndAppendedTo() {
        List<ConntrackRecord> records = JournalTestRecords.corpusRecords().subList(0, 400);
        RecordLayoutV1 v1 = new RecordLayoutV1();
        try (net.openhft.chronicle.queue.impl.single.SingleChronicleQueue q = JournalWriter.openQueue(dir);
             net.openhft.chronicle.queue.ExcerptAppender a = q.createAppender()) {
            for (int i = 0; i < 200; i++) {
                try (net.openhft.chronicle.wire.DocumentContext dc = a.writingDocument()) {
                    v1.encode(records.get(i), 10L + i, dc.wire().bytes()); // as ctscope 0.1 wrote them
                }
            }
        }
        try (JournalWriter w = new JournalWriter(dir)) {
            for (int i = 200; i < records.size(); i++) {
                w.append(records.get(i), 10L + i);
            }
        }
        List<Long> ends = new ArrayList<>();
        int[] n = {0};
        try (JournalReader r = new JournalReader(dir)) {
            r.replay(rec -> {
                assertSameRecord(records.get(n[0]++), rec);
                ends.add(r.endOffset());
            });
            assertTrue(r.damage().isEmpty(), r.damage().describe());
        }
        assertEquals(records.size(), n[0]);
        assertEquals(10L + records.size() - 1, ends.get(ends.size() - 1));
    }

    private void write(long firstLine, long lastLine) {
        ConntrackRecord r = new ConntrackRecord();
        try (JournalWriter w = new JournalWriter(dir)) {
            for (long line = firstLine; line <= lastLine; line++) {
                r.line = line;
                w.append(r, line * 10);
            }
        }
    }

    private List<Long> readNamed(String name, long max) {
        List<Long> out = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir, name)) {
            reader.replay(rec -> out.add(rec.line), max);
        }
        return out;
    }

    private List<Long> readPlain() {
        List<Long> out = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir)) {
            reader.replay(rec -> out.add(rec.line));
        }
        return out;
    }

    private static List<Long> lines(long first, long last) {
        List<Long> out = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            out.add(i);
        }
        return out;
    }
}
