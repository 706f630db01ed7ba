package io.ctscope.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --from/--to} on files, in every accepted spelling, against a recount of the recording's lines
 * whose {@code [sec.usec]} prefix lies in the window. 2026-11-21 06:20:00 UTC is epoch 1795242000
 * (computed apart with Python's calendar.timegm).
 */
class TimeWindowOnFilesTest {
    private static final Path EVENTS = LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt");
    private static final Pattern STAMP = Pattern.compile("^\\[(\\d+\\.\\d+)]\\s+\\[\\s*(NEW|UPDATE|DESTROY)]");
    private static final Pattern EVENT_COUNTS = Pattern.compile("\"events\": \\{\\s*\"NEW\": (\\d+),\\s*\"UPDATE\": (\\d+),\\s*\"DESTROY\": (\\d+)");

    private static String recount(long fromSec, long toSec) throws IOException {
        long[] n = new long[3];
        BigDecimal from = BigDecimal.valueOf(fromSec);
        BigDecimal to = BigDecimal.valueOf(toSec);
        for (String line : Files.readAllLines(EVENTS, StandardCharsets.UTF_8)) {
            Matcher m = STAMP.matcher(line);
            assertTrue(m.find(), line);
            BigDecimal t = new BigDecimal(m.group(1));
            if (t.compareTo(from) >= 0 && t.compareTo(to) < 0) {
                n[List.of("NEW", "UPDATE", "DESTROY").indexOf(m.group(2))]++;
            }
        }
        return n[0] + "/" + n[1] + "/" + n[2];
    }

    private static String reported(String from, String to) {
        CliRun run = CliRun.run("report", "--format", "json", "--from", from, "--to", to, EVENTS.toString());
        assertEquals(0, run.exitCode, run.err);
        Matcher m = EVENT_COUNTS.matcher(run.out);
        assertTrue(m.find(), run.out);
        return m.group(1) + "/" + m.group(2) + "/" + m.group(3);
    }

    @Test
    void shouldSelectTheWindowOfAFileInTheReportsOwnTimeFormat() throws IOException {
        String expected = recount(1795242000L, 1795242030L);
        assertTrue(!expected.equals("0/0/0") && !expected.equals(recount(0, Long.MAX_VALUE / 2_000_000)), expected);
        assertEquals(expected, reported("2026-11-21 06:20:00", "2026-11-21 06:20:30"));
        assertEquals(expected, reported("2026-11-21 06:20:00 UTC", "2026-11-21 06:20:30 UTC"));
        assertEquals(expected, reported("2026-11-21 07:20:00 +01:00", "2026-11-21 07:20:30+0100"));
        assertEquals(expected, reported("2026-11-21 07:20:00 Europe/Berlin", "2026-11-21T06:20:30Z"));
        assertEquals(expected, reported("1795242000", "1795242030.000000"));
    }

    @Test
    void shouldSelectAnOpenEndedWindow() throws IOException {
        String expected = recount(1795242030L, Long.MAX_VALUE / 2_000_000);
        CliRun run = CliRun.run("report", "--format", "json", "--from", "2026-11-21 06:20:30", EVENTS.toString());
        assertEquals(0, run.exitCode, run.err);
        Matcher m = EVENT_COUNTS.matcher(run.out);
        assertTrue(m.find(), run.out);
        assertEquals(expected, m.group(1) + "/" + m.group(2) + "/" + m.group(3));
        assertTrue(run.out.contains("\"expression\": \"--from 1795242030\""), run.out);
    }

    @Test
    void shouldRefuseATimeItCannotReadWithAUsageError() {
        CliRun run = CliRun.run("report", "--from", "yesterday", EVENTS.toString());
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("bad --from \"yesterday\": use epoch seconds"), run.err);
        assertTrue(run.err.contains("2026-11-21 06:20:11 UTC"), run.err);
    }
}
