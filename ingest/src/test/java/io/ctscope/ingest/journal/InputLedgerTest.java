package io.ctscope.ingest.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctscope.ingest.decode.InputFormat;
import io.ctscope.ingest.decode.InputStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLedgerTest {
    @TempDir
    Path dir;

    @Test
    void aLedgerWrittenBeforeSummaryShownWasKeptStillLoadsWithNoneShown() throws IOException {
        Files.writeString(dir.resolve(InputLedger.FILE_NAME),
            "# id\tformat\tbad_lines\tloss_warnings\tsummary_lines\tskipped_lines\tname\n"
                + "3\tconntrack-list\t2\t0\t1\t4\t/var/log/dump\\twith tab.txt\n");
        InputLedger.Entry e = InputLedger.open(dir).entry(3);
        assertEquals("/var/log/dump\twith tab.txt", e.name);
        assertEquals(InputFormat.CONNTRACK_LIST, e.format);
        assertEquals(2, e.badLines);
        assertEquals(1, e.summaryLines);
        assertEquals(4, e.skippedLines);
        assertEquals(-1, e.summaryShown);
    }

    @Test
    void summaryShownAddsUpOverRunsAndSurvivesSaving() throws IOException {
        InputLedger ledger = InputLedger.open(dir);
        InputStats noSummary = new InputStats();
        ledger.add(1, "events.log", InputFormat.EVENTS, noSummary);
        ledger.add(2, "dump.txt", InputFormat.CONNTRACK_LIST, shown(1438));
        ledger.add(2, "dump.txt", InputFormat.CONNTRACK_LIST, shown(12)); // a resumed file's second summary
        ledger.save();

        InputLedger again = InputLedger.open(dir);
        assertEquals(-1, again.entry(1).summaryShown);
        assertEquals(1450, again.entry(2).summaryShown);
        assertEquals(2, again.entry(2).summaryLines);
    }

    @Test
    void aDamagedEntryNamesItsLine() throws IOException {
        Files.writeString(dir.resolve(InputLedger.FILE_NAME), "# header\n1\tevents\t0\t0\n");
        IOException e = assertThrows(IOException.class, () -> InputLedger.open(dir));
        assertTrue(e.getMessage().endsWith(InputLedger.FILE_NAME + ":2: damaged entry: expected 8 tab-separated"
            + " columns, found 4"), e.getMessage());
    }

    private static InputStats shown(long n) {
        InputStats s = new InputStats();
        s.summaryLines = 1;
        s.summaryShown = n;
        return s;
    }
}
