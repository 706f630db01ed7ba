package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journal filled from standard input is a journal like any other, alone or mixed with files. */
class JournalStdinTest {
    private static final Path RECORDED = LabPrerequisites.repoRoot().resolve("samples/lab/recorded");

    private static int ingestFromStdin(Path dir, Path stdin, String... args) throws Exception {
        Path log = dir.resolve("ingest.log");
        List<String> cmd = new java.util.ArrayList<>(List.of("ingest"));
        cmd.addAll(List.of(args));
        Process p = IngestProcess.start(log, Map.of(), stdin, cmd.toArray(new String[0]));
        return IngestProcess.finish(p, log, 120);
    }

    @Test
    void aJournalOfStandardInputAloneIsReported(@TempDir Path dir) throws Exception {
        Path events = RECORDED.resolve("events-timestamp-extended-id.txt");
        Path q = dir.resolve("q");
        assertEquals(0, ingestFromStdin(dir, events, "--queue", q.toString(), "-"), Files.readString(dir.resolve("ingest.log")));
        CliRun fromJournal = CliRun.run("report", "--format", "json", "--queue", q.toString());
        assertEquals(0, fromJournal.exitCode, fromJournal.err);
        CliRun direct = CliRun.run("report", "--format", "json", events.toString());
        long lines = Files.readAllLines(events).size();
        assertTrue(fromJournal.out.contains("\"records\": " + lines + ","), fromJournal.out);
        assertTrue(fromJournal.out.contains("\"-\": \"events\""), fromJournal.out);
        assertEquals(direct.out.replace(events.toString(), "-"), fromJournal.out);
    }

    @Test
    void standardInputMixedWithFilesKeepsItsFormatAndLedgerEntry(@TempDir Path dir) throws Exception {
        Path events = RECORDED.resolve("events-timestamp-extended-id.txt");
        Path dump = RECORDED.resolve("snap-a-proc.txt");
        Path q = dir.resolve("q");
        assertEquals(0, ingestFromStdin(dir, events, "--queue", q.toString(), "-", dump.toString()),
            Files.readString(dir.resolve("ingest.log")));
        String ledger = Files.readString(q.resolve("inputs.tsv"));
        assertTrue(ledger.contains("\tevents\t") && ledger.lines().anyMatch(l -> l.endsWith("\t-")), ledger);
        CliRun report = CliRun.run("report", "--format", "json", "--queue", q.toString());
        assertEquals(0, report.exitCode, report.err);
        assertTrue(report.out.contains("\"-\": \"events\""), report.out);
        assertTrue(!report.out.contains("\"unknown\""), report.out);
    }
}
