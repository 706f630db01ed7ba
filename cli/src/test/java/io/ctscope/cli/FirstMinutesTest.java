package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator meets in the first minutes, through the real command line: a record cut by
 * conntrack's stderr summary, a report that cannot be written, a missing input among several, an event
 * stream without timestamps.
 */
class FirstMinutesTest {
    private static final Path ROOT = LabPrerequisites.repoRoot();
    private static final Path CUT = ROOT.resolve("samples/corpus/list__canonical_hotsos__openstack_compute_o_extended_1439.txt");
    private static final Path EVENTS = ROOT.resolve("samples/lab/recorded/events-timestamp-extended-id.txt");
    private static final Path PLAIN = ROOT.resolve("samples/lab/recorded/events-plain.txt");

    /** The text report's warnings with their continuation lines (indented 9) joined back. */
    private static String unwrapped(String text) {
        return text.replaceAll("\n {9}(?=\\S)", " ");
    }

    @Test
    void shouldRecoverTheRecordCutByTheSummaryAndAgreeWithItsCount() throws IOException {
        // the real sosreport dump: 1438 entries, the summary spliced into line 1434
        CliRun run = CliRun.run("report", "--format", "json", CUT.toString());

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("\"records\": 1438,"), run.out);
        assertTrue(run.out.contains("\"bad_lines\": 0,"), run.out);
        assertTrue(run.out.contains("\"entries\": 1438,"), run.out);
        assertTrue(run.out.contains("\"summary_lines\": 1,"), run.out);
        assertFalse(run.out.contains("\"warnings\""), run.out);
        assertEquals("", run.err);
    }

    @Test
    void shouldWarnWhenTheSummarySaysMoreThanWasRead(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(CUT, StandardCharsets.US_ASCII).subList(0, 100);
        Path cut = dir.resolve("head.txt");
        Files.writeString(cut, String.join("\n", lines) + "\nconntrack v1.4.5 (conntrack-tools): 1438 flow entries have been shown.\n");

        CliRun json = CliRun.run("report", "--format", "json", cut.toString());
        CliRun text = CliRun.run("report", cut.toString());

        assertEquals(0, json.exitCode, json.err);
        assertTrue(json.out.contains("\"code\": \"shown_mismatch\""), json.out);
        assertTrue(json.out.contains("conntrack says 1438 flow entries were shown, ctscope read 100 records"), json.out);
        assertTrue(unwrapped(text.out).startsWith("WARNING  " + cut + ": conntrack says 1438 flow entries were shown,"), text.out);
        assertTrue(text.err.contains("ctscope: warning: " + cut + ": conntrack says 1438"), text.err);
    }

    @Test
    void shouldWarnFromTheJournalWhenTheSummarySaysMoreThanWasJournaled(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(CUT, StandardCharsets.US_ASCII).subList(0, 100);
        Path cut = dir.resolve("head.txt");
        Files.writeString(cut, String.join("\n", lines) + "\nconntrack v1.4.5 (conntrack-tools): 1438 flow entries have been shown.\n");
        Path whole = dir.resolve("queue-whole");
        Path head = dir.resolve("queue-head");

        assertEquals(0, CliRun.run("ingest", "--queue", whole.toString(), CUT.toString()).exitCode);
        assertEquals(0, CliRun.run("ingest", "--queue", head.toString(), cut.toString()).exitCode);
        CliRun agrees = CliRun.run("report", "--format", "json", "--queue", whole.toString());
        CliRun short100 = CliRun.run("report", "--format", "json", "--queue", head.toString());
        CliRun windowed = CliRun.run("report", "--format", "json", "--queue", head.toString(), "--from", "2000-01-01");

        assertEquals(0, agrees.exitCode, agrees.err);
        assertTrue(agrees.out.contains("\"records\": 1438,"), agrees.out);
        assertFalse(agrees.out.contains("shown_mismatch"), agrees.out);
        assertEquals(0, short100.exitCode, short100.err);
        assertTrue(short100.out.contains("conntrack says 1438 flow entries were shown, ctscope read 100 records"),
            short100.out);
        assertFalse(windowed.out.contains("shown_mismatch"), "a window is not the whole input: " + windowed.out);
    }

    @Test
    void shouldReportTheRestAndExit1WhenAnInputIsMissing(@TempDir Path dir) throws IOException {
        String missing = dir.resolve("gone.txt").toString();
        long events = Files.readAllLines(EVENTS).size();

        CliRun run = CliRun.run("report", "--format", "json", EVENTS.toString(), missing);

        assertEquals(1, run.exitCode);
        assertTrue(run.err.startsWith("ctscope: " + missing + ": no such file\n"), run.err);
        assertTrue(run.out.contains("\"records\": " + events + ","), run.out);
        assertTrue(run.out.contains("\"unreadable\": {\n      \"" + missing + "\": \"no such file\""), run.out);
        assertTrue(run.out.contains("\"code\": \"unreadable\""), run.out);
    }

    @Test
    void shouldJournalTheRestAndExit1WhenAnInputIsMissing(@TempDir Path dir) throws IOException {
        String missing = dir.resolve("gone.txt").toString();
        long events = Files.readAllLines(EVENTS).size();

        CliRun run = CliRun.run("ingest", "--queue", dir.resolve("q").toString(), missing, EVENTS.toString());

        assertEquals(1, run.exitCode);
        assertTrue(run.err.contains("ctscope: " + missing + ": no such file"), run.err);
        assertTrue(run.out.contains("ingested " + events + " records"), run.out);
    }

    @Test
    void shouldSayHowToRecordTimestampsWhenAnEventStreamHasNone() {
        CliRun json = CliRun.run("report", "--format", "json", PLAIN.toString());
        CliRun text = CliRun.run("report", PLAIN.toString());
        CliRun timed = CliRun.run("report", "--format", "json", EVENTS.toString());

        assertEquals(0, json.exitCode, json.err);
        assertTrue(json.out.contains("\"code\": \"no_timestamps\""), json.out);
        assertTrue(json.out.contains("\"command\": \"conntrack -E -o timestamp,extended,id > events.txt\""), json.out);
        assertFalse(json.out.contains("\"occupancy\""), json.out);
        assertTrue(unwrapped(text.out).startsWith("WARNING  " + PLAIN + ": events without timestamps, so no occupancy, rates or durations"), text.out);
        assertTrue(text.out.contains("\n           conntrack -E -o timestamp,extended,id > events.txt\n"), text.out);
        assertTrue(text.err.contains("ctscope: warning: " + PLAIN + ": events without timestamps"), text.err);
        assertFalse(timed.out.contains("no_timestamps"), timed.out);
        assertEquals("", timed.err);
    }

    @Test
    void shouldExit1WithOneLineWhenTheReportCannotBeWritten() throws Exception {
        for (String format : List.of("text", "json", "csv")) {
            ProcessBuilder pb = format.equals("csv")
                ? CtscopeProcess.builder("report", "--format", "csv", "--section", "table.by_state", EVENTS.toString())
                : CtscopeProcess.builder("report", "--format", format, EVENTS.toString());
            Process p = pb.redirectOutput(new File("/dev/full")).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));

            assertEquals(1, p.exitValue(), format + ": " + err);
            assertEquals("ctscope report: cannot write the report to standard output: No space left on device\n", err, format);
        }
    }

    @Test
    void shouldStayQuietWhenTheReaderClosedThePipe() throws Exception {
        Process p = CtscopeProcess.builder("report", "--format", "json", EVENTS.toString()).start();
        p.getInputStream().close(); // as `| head` does once it has its lines
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals("", err);
        assertEquals(0, p.exitValue());
    }
}
