package io.ctscope.cli;

import io.ctscope.ingest.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

        followUntil(file, q, 2000);

        events.appendNew(file, 700); // the old generation grows after ctscope stopped,
        LogRotation.byRename(file, 3); // is rotated to events.log.1,
        events.appendNew(file, 900); // and a new events.log begins
        Stopped second = followUntil(file, q, 3600);

        events.assertJournalHoldsExactlyWhatWasWritten(q);
        assertTrue(second.report.contains("\"NEW\": 3600,"), "the final report covers every generation:\n" + second.report);
        assertTrue(second.err.contains("events.log.1: rotated away from "), second.err);
    }

    /**
     * Two rotations while stopped: the followed generation (now events.log.2) gets its rest journaled, the one
     * made and rotated away meanwhile (events.log.1) is journaled whole, the new events.log after them; an
     * older rotation from before live first ran (last written an hour earlier) is not journaled, and a
     * compressed generation is named for ingest, not read.
     */
    @Test
    void shouldJournalAGenerationMadeAndRotatedAwayWhileStopped() throws Exception {
        Path file = dir.resolve("events.log");
        Path q = dir.resolve("q");
        Path before = LogRotation.generation(file, 1);
        Files.write(before, List.of(UniqueEvents.line(1_000_001), UniqueEvents.line(1_000_002)));
        Files.setLastModifiedTime(before, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        UniqueEvents events = new UniqueEvents();
        events.appendNew(file, 2000);

        followUntil(file, q, 2000);

        events.appendNew(file, 300); // the followed generation grows after ctscope stopped,
        LogRotation.byRename(file, 5); // is rotated to events.log.1 (the old rotation to .2),
        events.appendNew(file, 400); // a new events.log is written
        LogRotation.byRename(file, 5); // and rotated away too (the followed one is now .2, the old .3),
        events.appendNew(file, 500); // and the next events.log begins
        Path compressed = dir.resolve("events.log.9.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(compressed))) {
            out.write((UniqueEvents.line(2_000_001) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        Stopped second = followUntil(file, q, 3200);

        events.assertJournalHoldsExactlyWhatWasWritten(q);
        assertTrue(second.report.contains("\"NEW\": 3200,"), "the final report covers every generation:\n" + second.report);
        assertTrue(second.err.contains("events.log.2: rotated away from "), second.err);
        assertTrue(second.err.contains("events.log.1: made and rotated away from "), second.err);
        assertTrue(second.err.contains("events.log.9.gz: a compressed generation of "), second.err);
        assertFalse(second.err.contains("events.log.3"), "the rotation from before live ran is not its to journal:\n" + second.err);
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

    /** What a stopped live printed: its final report and its stderr. */
    private record Stopped(String report, String err) {
    }

    /** Follows {@code file} into {@code q} until {@code n} NEW events are in, then stops it (SIGTERM). */
    private Stopped followUntil(Path file, Path q, long n) throws Exception {
        LiveProcess live = start(file, q);
        awaitNew(live, n);
        String report = live.stop();
        return new Stopped(report, live.err);
    }

    /** Waits until the published report counts {@code n} NEW events: every line written so far is in. */
    private static void awaitNew(LiveProcess live, long n) throws Exception {
        live.awaitMetric(NEW_EVENTS, n, n);
    }
}
