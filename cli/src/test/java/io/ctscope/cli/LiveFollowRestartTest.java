package io.ctscope.cli;

import io.ctscope.ingest.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code live --follow FILE --queue Q} stopped (SIGTERM) and started again on the same queue continues the
 * file after its last journaled line: every line is journaled exactly once, checked id by id against what
 * the test wrote ({@link UniqueEvents}), with each record under the file's own line number, and the final
 * report of the last run covers the whole journal. Each run is waited for through its {@code /metrics}
 * (the published report's NEW count, which includes what earlier runs journaled).
 */
class LiveFollowRestartTest {
    private static final String NEW_EVENTS = "ctscope_events_total{type=\"NEW\"}";

    @TempDir
    Path dir;

    @RegisterExtension
    final LiveProcess.Started started = new LiveProcess.Started();

    @Test
    void shouldContinueAFollowedFileExactlyOnceAcrossRestarts() throws Exception {
        Path file = dir.resolve("events.log");
        Path q = dir.resolve("q");
        UniqueEvents events = new UniqueEvents();
        events.appendNew(file, 3000);

        LiveProcess first = start(file, q);
        awaitNew(first, 3000);
        events.appendNew(file, 500); // while it runs, then stopped at once: wherever it got to
        first.stop();

        events.appendNew(file, 2000); // while nothing follows the file
        LiveProcess second = start(file, q);
        awaitNew(second, 5500);
        String report = second.stop();

        events.assertJournalHoldsExactlyWhatWasWritten(q);
        assertFileLinesJournaledOnce(q, 5500);
        assertTrue(report.contains("\"NEW\": 5500,"), "the final report covers both runs:\n" + report);
        assertTrue(second.err.contains("resuming at byte "), second.err);
    }

    @Test
    void shouldJournalTheRestOfAGenerationRotatedAwayWhileStopped() throws Exception {
        Path file = dir.resolve("events.log");
        Path q = dir.resolve("q");
        UniqueEvents events = new UniqueEvents();
        events.appendNew(file, 2000);

        LiveProcess first = start(file, q);
        awaitNew(first, 2000);
        first.stop();

        events.appendNew(file, 700); // the old generation grows after ctscope stopped,
        LogRotation.byRename(file, 3); // is rotated to events.log.1,
        events.appendNew(file, 900); // and a new events.log begins
        LiveProcess second = start(file, q);
        awaitNew(second, 3600);
        String report = second.stop();

        events.assertJournalHoldsExactlyWhatWasWritten(q);
        assertTrue(report.contains("\"NEW\": 3600,"), "the final report covers every generation:\n" + report);
        assertTrue(second.err.contains("events.log.1: rotated away from "), second.err);
    }

    /** Every journaled record carries its file line: each (source, line) once, and as many as lines written. */
    private static void assertFileLinesJournaledOnce(Path q, int lines) {
        Map<String, Integer> seen = new HashMap<>();
        long[] maxLine = {0};
        try (JournalReader reader = new JournalReader(q)) {
            reader.replay(r -> {
                seen.merge(r.source + ":" + r.line, 1, Integer::sum);
                maxLine[0] = Math.max(maxLine[0], r.line);
            });
        }
        assertEquals(lines, seen.size(), "distinct (source, line) pairs");
        assertEquals(lines, maxLine[0], "one file: its line numbers 1.." + lines);
    }

    private LiveProcess start(Path file, Path q) throws IOException {
        return LiveProcess.start(dir.resolve("report-" + started.count() + ".json"), started,
            "--follow", file.toString(), "--queue", q.toString(), "--interval", "0");
    }

    /** Waits until the published report counts {@code n} NEW events: every line written so far is in. */
    private static void awaitNew(LiveProcess live, long n) throws Exception {
        live.awaitMetric(NEW_EVENTS, n, n);
    }
}
