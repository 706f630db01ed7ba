package io.ctscope.cli;

import io.ctscope.ingest.journal.SourceRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A power loss can keep the registry's last checkpoint (it is fsynced by its rename) and lose the journal's
 * last pages: the checkpoint then names lines the journal no longer holds. The next ingest must journal
 * them again, once, and checkpoint on (it used to stop with "checkpoint would go back").
 */
class JournalPowerLossTest {
    @TempDir
    Path dir;

    @Test
    void aCheckpointThatOutranTheJournalIsTakenBackAndTheLostLinesJournaledOnce() throws IOException {
        UniqueEvents events = new UniqueEvents();
        Path log = dir.resolve("events.log");
        Path queue = dir.resolve("q");
        events.appendNew(log, 1000);
        assertEquals(0, CliRun.run("ingest", "--queue", queue.toString(), log.toString()).exitCode);
        events.appendNew(log, 1000);
        // as if a run had journaled and checkpointed all 2000 lines and the power went before the journal's pages
        Path registry = queue.resolve(SourceRegistry.FILE_NAME);
        List<String> rows = new ArrayList<>();
        for (String row : Files.readAllLines(registry, StandardCharsets.UTF_8)) {
            if (!row.startsWith("#")) {
                String[] c = row.split("\t", -1);
                c[3] = Long.toString(Files.size(log));
                c[4] = "2000";
                c[5] = Long.toString(Long.parseLong(c[5]) + 5000);
                row = String.join("\t", c);
            }
            rows.add(row);
        }
        Files.write(registry, rows, StandardCharsets.UTF_8);

        CliRun again = CliRun.run("ingest", "--queue", queue.toString(), log.toString());
        assertEquals(0, again.exitCode, again.err);
        assertFalse(again.err.contains("go back"), again.err);
        assertTrue(again.err.contains("resuming at byte"), again.err);
        events.appendNew(log, 500);
        CliRun third = CliRun.run("ingest", "--queue", queue.toString(), log.toString());
        assertEquals(0, third.exitCode, third.err);
        events.assertJournalHoldsExactlyWhatWasWritten(queue);
    }
}
