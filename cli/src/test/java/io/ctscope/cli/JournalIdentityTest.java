package io.ctscope.cli;

import io.ctscope.ingest.journal.SourceRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file is its device and inode, confirmed by its first bytes; the path is a hint. Rotation by rename or
 * copytruncate, hard links, several names of one file, rewriting in place: each record written is journaled
 * exactly once.
 */
class JournalIdentityTest {
    @TempDir
    Path dir;

    private final UniqueEvents events = new UniqueEvents();

    private void write(Path file, int lines) throws IOException {
        events.appendNew(file, lines);
    }

    private Path queue() {
        return dir.resolve("q");
    }

    private CliRun ingest(Path... files) {
        List<String> args = new ArrayList<>(List.of("ingest", "--queue", queue().toString()));
        for (Path f : files) {
            args.add(f.toString());
        }
        CliRun r = CliRun.run(args.toArray(new String[0]));
        assertEquals(0, r.exitCode, r.err);
        return r;
    }

    @Test
    void oneFileNamedThreeWaysIsJournaledOnce() throws IOException {
        Path f = dir.resolve("f.txt");
        write(f, 500);
        Path link = Files.createSymbolicLink(dir.resolve("symlink"), f);
        CliRun r = ingest(f, dir.resolve(".").resolve("f.txt"), link);
        assertTrue(r.err.contains("named before: read once"), r.err);
        assertTrue(r.out.contains("ingested 500 records"), r.out);
        events.assertJournalHoldsExactlyWhatWasWritten(queue());
    }

    @Test
    void aHardLinkIsTheSameFile() throws IOException {
        Path f = dir.resolve("events.log");
        write(f, 300);
        ingest(f);
        Path link = Files.createLink(dir.resolve("other-name.log"), f);
        write(f, 200);
        CliRun r = ingest(link);
        assertTrue(r.out.contains("ingested 200 records"), r.out + r.err);
        events.assertJournalHoldsExactlyWhatWasWritten(queue());
    }

    @Test
    void renameRotationOverSeveralRoundsJournalsEachRecordOnce() throws IOException {
        Path live = dir.resolve("logs").resolve("events.log");
        Files.createDirectories(live.getParent());
        for (int round = 0; round < 4; round++) {
            write(live, 400);
            ingest(LogRotation.generations(live));
            write(live, 150);                                   // written after the ingest, before the rotation
            LogRotation.byRename(live, 3);
            write(live.resolveSibling("events.log.1"), 50);     // the daemon still writes the renamed file until its HUP
            write(live, 100);                                   // then the new one
        }
        ingest(LogRotation.generations(live));
        ingest(LogRotation.generations(live));                              // again: nothing new
        events.assertJournalHoldsExactlyWhatWasWritten(queue());
    }

    @Test
    void copytruncateOverSeveralRoundsJournalsEachRecordOnce() throws IOException {
        Path live = dir.resolve("logs").resolve("events.log");
        Files.createDirectories(live.getParent());
        for (int round = 0; round < 4; round++) {
            write(live, 400);
            ingest(LogRotation.generations(live));
            write(live, 150);                                   // in the copy only
            LogRotation.byCopytruncate(live, 3);
            write(live, 120);                                   // the live file grows again
        }
        write(live, 500);                                       // past the offset journaled before the truncation
        ingest(LogRotation.generations(live));
        events.assertJournalHoldsExactlyWhatWasWritten(queue());
    }

    @Test
    void aFileRewrittenInPlaceIsReadFromTheStartAndTheRunSaysSo() throws IOException {
        Path f = dir.resolve("events.log");
        write(f, 300);
        ingest(f);
        // rewritten in place (same inode, as a file deleted and recreated on a reused inode): more lines than before
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(0);
        }
        write(f, 500);
        CliRun r = ingest(f);
        assertTrue(r.err.contains("not the file journaled before as " + f.toRealPath()
            + " (rewritten, truncated or recreated): journaling it from the start"), r.err);
        assertTrue(r.out.contains("ingested 500 records"), r.out);
        events.assertJournalHoldsExactlyWhatWasWritten(queue());
    }

    @Test
    void aFileDeletedAndRecreatedIsReadFromTheStart() throws IOException {
        Path f = dir.resolve("events.log");
        write(f, 300);
        ingest(f);
        Files.delete(f);
        write(f, 400);
        CliRun r = ingest(f);
        assertTrue(r.out.contains("ingested 400 records"), r.out + r.err);
        events.assertJournalHoldsExactlyWhatWasWritten(queue());
    }

    @Test
    void linesReadCatchUpWithRecordsAfterAKillInsideTheCheckpointWindow() throws IOException {
        Path f = dir.resolve("events.log");
        write(f, 300);
        ingest(f);
        // as a kill between the journal's append and the registry's checkpoint leaves it: the checkpoint at 0
        Path registry = queue().resolve(SourceRegistry.FILE_NAME);
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(registry, StandardCharsets.UTF_8)) {
            String[] c = l.split("\t", -1);
            lines.add(l.startsWith("#") ? l : String.join("\t", c[0], c[1], c[2], "0", "0", "-1", c[6]));
        }
        Files.write(registry, lines, StandardCharsets.UTF_8);
        CliRun again = ingest(f);
        assertTrue(again.out.contains("ingested 0 records"), again.out);
        CliRun report = CliRun.run("report", "--format", "json", "--queue", queue().toString());
        assertTrue(report.out.contains("\"lines\": 300,") && report.out.contains("\"records\": 300,"), report.out);
        events.assertJournalHoldsExactlyWhatWasWritten(queue());
    }
}
