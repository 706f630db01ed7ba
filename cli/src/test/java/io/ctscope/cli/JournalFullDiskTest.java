package io.ctscope.cli;

import io.ctscope.ingest.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A full disk stops ingest with one line and a whole journal; once space is freed a rerun completes it exactly once. */
class JournalFullDiskTest {
    @Test
    void aFullDiskStopsWithOneLineAndAFreedDiskResumesExactlyOnce(@TempDir Path dir) throws Exception {
        RootMounts.requireRoot();
        UniqueEvents events = new UniqueEvents();
        Path file = dir.resolve("events.log");
        events.append(file, 1, 300_000);
        Path small = Files.createDirectories(dir.resolve("small"));
        RootMounts.tmpfs(small, "size=4m");
        try {
            Path queue = small.resolve("q");
            Path log = dir.resolve("full.log");
            Process full = IngestProcess.start(log, "ingest", "--queue", queue.toString(), file.toString());
            assertEquals(1, IngestProcess.finish(full, log, 300), Files.readString(log));
            String out = Files.readString(log);
            assertTrue(out.contains("ctscope ingest: no space left on device (" + queue + ")"), out);
            assertFalse(out.contains("Exception") || out.contains("Error") || out.contains("\tat "), out);

            // what is journaled is whole: every record decodes, ids 1..k each once, in order
            List<Long> ids = new ArrayList<>();
            try (JournalReader reader = new JournalReader(queue)) {
                reader.replay(r -> ids.add(r.id));
            }
            assertTrue(ids.size() > 0 && ids.size() < events.count(), ids.size() + " records journaled");
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(i + 1, ids.get(i), "record " + i);
            }
            CliRun report = CliRun.run("report", "--format", "json", "--queue", queue.toString());
            assertEquals(0, report.exitCode, report.err);
            assertTrue(report.out.contains("\"records\": " + ids.size() + ","), report.out);

            RootMounts.remount(small, "size=256m");
            Path log2 = dir.resolve("freed.log");
            Process again = IngestProcess.start(log2, "ingest", "--queue", queue.toString(), file.toString());
            assertEquals(0, IngestProcess.finish(again, log2, 300), Files.readString(log2));
            events.assertJournalHoldsExactlyWhatWasWritten(queue);
            CliRun after = CliRun.run("report", "--format", "json", "--queue", queue.toString());
            assertEquals(0, after.exitCode, after.err);
            assertTrue(after.out.contains("\"lines\": " + events.count() + ",")
                && after.out.contains("\"records\": " + events.count() + ","), after.out);
        } finally {
            RootMounts.unmount(small);
        }
    }
}
