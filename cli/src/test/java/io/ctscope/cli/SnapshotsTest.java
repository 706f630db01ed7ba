package io.ctscope.cli;

import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real /proc/net/nf_conntrack dumps of the lab, taken some seconds apart: a dump is a snapshot, so the
 * table is the later one, not their union, and each is listed with its own counts.
 */
class SnapshotsTest {
    private static final Path RECORDED = LabPrerequisites.repoRoot().resolve("samples/lab/recorded");
    private static final Path A = RECORDED.resolve("snap-a-proc.txt");
    private static final Path B = RECORDED.resolve("snap-b-proc.txt");

    @Test
    @SuppressWarnings("unchecked")
    void shouldTakeTheLatestDumpAsTheTableAndListEachSnapshot() throws IOException {
        IndependentCount a = IndependentCount.ofDump(A);
        IndependentCount b = IndependentCount.ofDump(B);
        Report r = ReportCommand.buildReport(List.of(A.toString(), B.toString()), new PrintWriter(new StringWriter()));

        assertEquals(b.entries, r.get("table.entries"));
        assertEquals(b.byProtocol, IndependentCount.asLongs(r.get("table.by_protocol")));
        assertEquals(b.byState, IndependentCount.asLongs(r.get("table.by_state")));
        List<Map<String, Object>> snapshots = (List<Map<String, Object>>) r.get("table.snapshots");
        assertEquals(2, snapshots.size());
        assertEquals(A.toString(), snapshots.get(0).get("input"));
        assertEquals(a.entries, snapshots.get(0).get("entries"));
        assertEquals(a.byState, IndependentCount.asLongs(snapshots.get(0).get("by_state")));
        assertEquals(b.entries, snapshots.get(1).get("entries"));
        assertEquals(b.byProtocol, IndependentCount.asLongs(snapshots.get(1).get("by_protocol")));
        assertTrue(a.entries + b.entries > b.entries, "the union would have been bigger");
    }

    @Test
    void shouldDateEachSnapshotByItsFileWhenItsLinesDoNot() throws IOException {
        CliRun run = CliRun.run("report", "--format", "json", A.toString(), B.toString());
        long mtime = Files.getLastModifiedTime(A).to(java.util.concurrent.TimeUnit.MICROSECONDS);

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("\"input\": \"" + A + "\",\n        \"taken_ts\": " + seconds(mtime)), run.out);
        assertTrue(run.out.contains("\"time_source\": \"mtime\""), run.out);
    }

    @Test
    void shouldSayInTheTextReportThatTheTableIsTheLatestDump() {
        CliRun run = CliRun.run("report", A.toString(), B.toString());

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.startsWith("TABLE  13 entries in the latest of 2 dumps"), run.out);
        assertTrue(run.out.contains("SNAPSHOTS  2 dumps; the table is the latest"), run.out);
    }

    /** Epoch microseconds as the report prints seconds: whole, or with all six decimals. */
    private static String seconds(long micros) {
        return micros % 1_000_000 == 0 ? Long.toString(micros / 1_000_000)
            : String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
}
