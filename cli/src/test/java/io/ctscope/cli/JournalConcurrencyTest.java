package io.ctscope.cli;

import io.ctscope.ingest.journal.QueueLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One writer per journal: concurrent ingest processes end with exactly each file's records. */
class JournalConcurrencyTest {
    private static final int LINES = 200_000;

    /** Starts two ingest processes at once, one per file, and waits for both to succeed. */
    private static void ingestAtOnce(Path dir, Path queue, Path fileA, Path fileB) throws Exception {
        Path logA = dir.resolve("a.log");
        Path logB = dir.resolve("b.log");
        Process a = IngestProcess.start(logA, "ingest", "--queue", queue.toString(), fileA.toString());
        Process b = IngestProcess.start(logB, "ingest", "--queue", queue.toString(), fileB.toString());
        assertEquals(0, IngestProcess.finish(a, logA, 300), Files.readString(logA));
        assertEquals(0, IngestProcess.finish(b, logB, 300), Files.readString(logB));
    }

    @Test
    void twoIngestsOfTheSameFileAtOnceJournalItOnce(@TempDir Path dir) throws Exception {
        UniqueEvents events = new UniqueEvents();
        Path file = dir.resolve("events.log");
        events.append(file, 1, LINES);
        Path queue = dir.resolve("q");
        ingestAtOnce(dir, queue, file, file);
        events.assertJournalHoldsExactlyWhatWasWritten(queue);
    }

    @Test
    void twoIngestsOfDifferentFilesAtOnceJournalEachOnce(@TempDir Path dir) throws Exception {
        UniqueEvents events = new UniqueEvents();
        Path one = dir.resolve("one.log");
        Path two = dir.resolve("two.log");
        events.append(one, 1, LINES);
        events.append(two, 1_000_001, LINES);
        Path queue = dir.resolve("q");
        ingestAtOnce(dir, queue, one, two);
        events.assertJournalHoldsExactlyWhatWasWritten(queue);
    }

    @Test
    void aSecondWriterWaitsWithAMessageOrFailsAtOnceWithNoWait(@TempDir Path dir) throws Exception {
        UniqueEvents events = new UniqueEvents();
        Path file = dir.resolve("events.log");
        events.append(file, 1, 1000);
        Path queue = dir.resolve("q");
        Files.createDirectories(queue);
        String pid = String.valueOf(ProcessHandle.current().pid());
        Process waiting;
        Path waitLog = dir.resolve("wait.log");
        try (QueueLock held = QueueLock.acquire(queue, false, m -> { })) {
            Path failLog = dir.resolve("fail.log");
            Process fails = IngestProcess.start(failLog, "ingest", "--no-wait", "--queue", queue.toString(), file.toString());
            assertEquals(1, IngestProcess.finish(fails, failLog, 120));
            String failed = Files.readString(failLog);
            assertTrue(failed.contains("another ingest (pid " + pid + ") is writing this journal"), failed);
            assertEquals(1, failed.lines().count(), "one line, no stack trace:\n" + failed);

            waiting = IngestProcess.start(waitLog, "ingest", "--queue", queue.toString(), file.toString());
            IngestProcess.awaitOutput(waiting, waitLog, "waiting for it to finish", 120);
            assertTrue(waiting.isAlive());
        }
        assertEquals(0, IngestProcess.finish(waiting, waitLog, 120), Files.readString(waitLog));
        events.assertJournalHoldsExactlyWhatWasWritten(queue);
    }
}
