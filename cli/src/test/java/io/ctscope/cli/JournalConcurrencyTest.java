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

    @Test
    void twoIngestsOfTheSameFileAtOnceJournalItOnce(@TempDir Path dir) throws Exception {
        UniqueEvents events = new UniqueEvents();
        Path file = dir.resolve("events.log");
        events.append(file, 1, LINES);
        Path queue = dir.resolve("q");
        Process a = IngestProcess.start(dir.resolve("a.log"), "ingest", "--queue", queue.toString(), file.toString());
        Process b = IngestProcess.start(dir.resolve("b.log"), "ingest", "--queue", queue.toString(), file.toString());
        assertEquals(0, IngestProcess.finish(a, dir.resolve("a.log"), 300), Files.readString(dir.resolve("a.log")));
        assertEquals(0, IngestProcess.finish(b, dir.resolve("b.log"), 300), Files.readString(dir.resolve("b.log")));
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
        Process a = IngestProcess.start(dir.resolve("a.log"), "ingest", "--queue", queue.toString(), one.toString());
        Process b = IngestProcess.start(dir.resolve("b.log"), "ingest", "--queue", queue.toString(), two.toString());
        assertEquals(0, IngestProcess.finish(a, dir.resolve("a.log"), 300), Files.readString(dir.resolve("a.log")));
        assertEquals(0, IngestProcess.finish(b, dir.resolve("b.log"), 300), Files.readString(dir.resolve("b.log")));
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
