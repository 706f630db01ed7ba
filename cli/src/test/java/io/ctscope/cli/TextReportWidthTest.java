package io.ctscope.cli;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.TextRenderer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text report of every committed recording in an 80-column terminal, and in a wider one. */
class TextReportWidthTest {
    private static final Path EVENTS = LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt");

    @Test
    void shouldFitEveryRecordingsReportInEightyColumns() throws IOException {
        List<Path> files = CsvSectionsTest.recordings();
        assertTrue(files.size() >= 15);
        for (Path f : files) {
            for (List<String> options : List.of(List.<String>of(), List.of("--group", "/24", "--port-range", "32768-60999"))) {
                String[] argv = new String[options.size() + 2];
                argv[0] = "report";
                for (int i = 0; i < options.size(); i++) {
                    argv[i + 1] = options.get(i);
                }
                argv[argv.length - 1] = f.toString();
                CliRun run = CliRun.run(argv);
                assertEquals(0, run.exitCode, f + ": " + run.err);
                for (String line : run.out.split("\n")) {
                    assertTrue(line.length() <= 80, f.getFileName() + " " + options + ": " + line.length() + " columns: " + line);
                }
            }
        }
    }

    /** An input path longer than the terminal is broken at a slash, not left sticking out. */
    @Test
    void shouldFitAReportOfAFileWithAPathLongerThanTheWidth(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path deep = java.nio.file.Files.createDirectories(dir.resolve("captures/gateway-with-a-long-name-7/2026-11-21/morning"));
        Path file = java.nio.file.Files.copy(EVENTS, deep.resolve("conntrack-events-timestamp-extended-id.txt"));
        assertTrue(file.toString().length() > 80, file.toString());
        CliRun run = CliRun.run("report", file.toString());
        assertEquals(0, run.exitCode, run.err);
        for (String line : run.out.split("\n")) {
            assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        }
    }

    @Test
    void shouldUseAWiderTerminalsWidth() {
        Report report = ReportCommand.buildReport(List.of(EVENTS.toString()), new PrintWriter(new StringWriter()));
        String wide = TextRenderer.render(report, 132);
        assertTrue(wide.lines().anyMatch(l -> l.length() > 80), wide);
        assertTrue(wide.lines().allMatch(l -> l.length() <= 132), wide);
        // the NAT destinations fit on one line each at 132 columns
        assertTrue(wide.contains("  172.20.77.1 -> 172.20.77.2:8080 tcp  "), wide);
    }

    /** 31 ports of the 65,536 port space is 0.047%: never shown as 0.0%. */
    @Test
    void shouldShowSmallSharesAsBelowATenthOfAPercent() {
        CliRun run = CliRun.run("report", EVENTS.toString());
        String nat = run.out.substring(run.out.indexOf("NAT PORTS"), run.out.indexOf("DURATIONS"));
        assertTrue(nat.contains("172.20.77.1 tcp             31     <0.1%"), nat);
        assertFalse(nat.contains("0.0%"), nat);
    }

    @Test
    void shouldGiveTheSparklineAScaleAndATimeAxis() {
        CliRun run = CliRun.run("report", EVENTS.toString());
        assertTrue(run.out.contains("  entries: blank 0, @ 93 (the peak); one column = 3s\n"), run.out);
        assertTrue(run.out.contains("   06:19:02 UTC "), run.out);
        assertTrue(run.out.contains(" 06:21:48  2026-11-21\n"), run.out);
    }
}
