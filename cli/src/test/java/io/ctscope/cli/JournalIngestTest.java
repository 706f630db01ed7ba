package io.ctscope.cli;

import io.ctscope.ingest.journal.JournalReader;
import io.ctscope.ingest.journal.Source;
import io.ctscope.ingest.journal.SourceRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exactly-once ingest: crash and resume, re-ingest, growth, and replay equal to reading the files. */
class JournalIngestTest {
    private static final Path RECORDED = LabPrerequisites.repoRoot().resolve("samples/lab/recorded");

    private static List<String> recordedLines(String name) throws IOException {
        return Files.readAllLines(RECORDED.resolve(name), StandardCharsets.UTF_8);
    }

    /** {@code copies} copies of the recorded events, one after another. */
    private static Path bigCapture(Path dir, int copies) throws IOException {
        List<String> lines = recordedLines("events-timestamp-extended-id.txt");
        Path f = dir.resolve("big-events.txt");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.US_ASCII)) {
            for (int c = 0; c < copies; c++) {
                for (String l : lines) {
                    w.write(l);
                    w.write('\n');
                }
            }
        }
        return f;
    }

    private static long lineCount(Path f) throws IOException {
        try (var s = Files.lines(f, StandardCharsets.US_ASCII)) {
            return s.count();
        }
    }

    /** Every journaled (source, offset) once; returns how many records the journal holds. */
    private static long journaledRecordsWithoutDuplicates(Path queue) {
        Set<Long> offsets = new HashSet<>();
        long[] count = {0};
        try (JournalReader reader = new JournalReader(queue)) {
            reader.replay(r -> {
                count[0]++;
                assertTrue(offsets.add(((long) r.source << 48) ^ r.offset), "duplicate offset " + r.offset + " of source " + r.source);
            });
        }
        return count[0];
    }

    private static Process startIngest(Path queue, Path file, Path log) throws IOException {
        return IngestProcess.start(log, "ingest", "--queue", queue.toString(), file.toString());
    }

    private static long committedOffset(Path queue) throws IOException {
        if (!Files.exists(queue.resolve(SourceRegistry.FILE_NAME))) {
            return 0;
        }
        try (SourceRegistry registry = SourceRegistry.read(queue)) {
            return registry.sources().stream().mapToLong(Source::committedOffset).max().orElse(0);
        }
    }

    @Test
    void shouldJournalEveryRecordExactlyOnceAfterSigkillAndResume(@TempDir Path dir) throws Exception {
        Path file = bigCapture(dir, 2500);
        long lines = lineCount(file);
        long size = Files.size(file);
        Path queue = dir.resolve("queue");

        Process first = startIngest(queue, file, dir.resolve("first.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long seen = 0;
        while (first.isAlive() && System.nanoTime() < deadline) {
            seen = committedOffset(queue);
            if (seen > size / 10) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertTrue(first.isAlive(), "ingest finished before it could be killed: make the file larger\n"
            + Files.readString(dir.resolve("first.log")));
        first.destroyForcibly(); // SIGKILL
        first.waitFor(30, TimeUnit.SECONDS);
        long journaledAtKill = journaledRecordsWithoutDuplicates(queue);
        assertTrue(journaledAtKill > 0 && journaledAtKill < lines,
            "killed part-way: " + journaledAtKill + " of " + lines + " records journaled");

        Process second = startIngest(queue, file, dir.resolve("second.log"));
        assertTrue(second.waitFor(300, TimeUnit.SECONDS), "second ingest did not finish");
        String log = Files.readString(dir.resolve("second.log"));
        assertEquals(0, second.exitValue(), log);
        assertTrue(log.contains("resuming at byte"), log);

        assertEquals(lines, journaledRecordsWithoutDuplicates(queue), "records in the journal after resume");
        assertEquals(size, committedOffset(queue));
    }

    @Test
    void shouldJournalOnlyTheNewRecordsWhenAFileGrows(@TempDir Path dir) throws IOException {
        List<String> lines = recordedLines("events-timestamp-extended-id.txt");
        int half = lines.size() / 2;
        Path file = dir.resolve("growing.txt");
        Files.write(file, lines.subList(0, half), StandardCharsets.US_ASCII);
        Path queue = dir.resolve("q");

        CliRun first = CliRun.run("ingest", "--queue", queue.toString(), file.toString());
        assertEquals(0, first.exitCode, first.err);
        assertTrue(first.out.contains("ingested " + half + " records"), first.out);

        CliRun again = CliRun.run("ingest", "--queue", queue.toString(), file.toString());
        assertTrue(again.out.contains("ingested 0 records"), again.out);

        // the writer appends the rest, the last line still unfinished
        String rest = String.join("\n", lines.subList(half, lines.size()));
        int cut = rest.length() - 40;
        Files.writeString(file, rest.substring(0, cut), StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        CliRun grown = CliRun.run("ingest", "--queue", queue.toString(), file.toString());
        assertTrue(grown.out.contains("ingested " + (lines.size() - half - 1) + " records"), grown.out);

        Files.writeString(file, rest.substring(cut) + "\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        CliRun finished = CliRun.run("ingest", "--queue", queue.toString(), file.toString());
        assertTrue(finished.out.contains("ingested 1 records"), finished.out);

        assertEquals(lines.size(), journaledRecordsWithoutDuplicates(queue));
        CliRun viaJournal = CliRun.run("report", "--format", "json", "--queue", queue.toString());
        CliRun direct = CliRun.run("report", "--format", "json", file.toString());
        assertEquals(direct.out, viaJournal.out);
    }

    @Test
    void shouldReportFromTheJournalExactlyAsFromTheFiles(@TempDir Path dir) {
        List<String> files = new ArrayList<>();
        for (String name : List.of("events-timestamp-extended-id.txt", "events-xml.txt", "snap-a-proc.txt",
            "snap-b-list-extended-id.txt", "final-list.txt", "snap-a-stats.txt")) {
            files.add(RECORDED.resolve(name).toString());
        }
        String[] direct = new String[files.size() + 3];
        direct[0] = "report";
        direct[1] = "--format";
        direct[2] = "json";
        for (int i = 0; i < files.size(); i++) {
            direct[3 + i] = files.get(i);
        }
        CliRun fromFiles = CliRun.run(direct);
        List<String> ingest = new ArrayList<>(List.of("ingest", "--queue", dir.resolve("q").toString()));
        ingest.addAll(files);
        CliRun journaled = CliRun.run(ingest.toArray(new String[0]));
        assertEquals(0, journaled.exitCode, journaled.err);
        CliRun fromJournal = CliRun.run("report", "--format", "json", "--queue", dir.resolve("q").toString());
        assertEquals(0, fromJournal.exitCode, fromJournal.err);
        assertFalse(fromFiles.out.isBlank());
        assertEquals(fromFiles.out, fromJournal.out);
    }

    @Test
    void shouldSelectATimeWindowFromTheJournal(@TempDir Path dir) throws IOException {
        Path q = dir.resolve("q");
        Path events = RECORDED.resolve("events-timestamp-extended-id.txt");
        long lines = Files.readAllLines(events).size();   // every line of this recording is an event
        String file = events.toString();
        CliRun.run("ingest", "--queue", q.toString(), file);
        CliRun all = CliRun.run("report", "--format", "json", "--queue", q.toString());
        assertTrue(all.out.contains("\"records\": " + lines + ","), all.out);
        CliRun none = CliRun.run("report", "--format", "json", "--queue", q.toString(), "--to", "2000-01-01T00:00:00Z");
        assertTrue(none.out.contains("\"records\": 0"), none.out);
        CliRun bad = CliRun.run("report", "--queue", q.toString(), "--from", "yesterday");
        assertEquals(2, bad.exitCode);
    }
}
