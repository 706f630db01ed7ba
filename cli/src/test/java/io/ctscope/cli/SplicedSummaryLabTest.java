package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code conntrack -L -o extended 2>&1 | ctscope report -} on a real table of more than 4 KiB: conntrack
 * writes stdout in blocks and its summary unbuffered to stderr, so the summary lands inside a record.
 */
class SplicedSummaryLabTest {
    @Test
    void shouldReadEveryEntryOfARealListWhoseSummaryCutARecord(@TempDir Path dir) throws IOException {
        try (NamespacePair lab = new NamespacePair()) {
            lab.udpFlows(120, 7000);
            Path merged = dir.resolve("list.txt");
            Files.writeString(merged, lab.in(lab.client, "conntrack -L -o extended 2>&1 | cat"), StandardCharsets.US_ASCII);
            long listed = lab.in(lab.client, "conntrack -L -o extended 2>/dev/null").lines().count();

            String text = Files.readString(merged, StandardCharsets.US_ASCII);
            assertTrue(Files.size(merged) > 4096, "over one 4 KiB stdout block");
            assertTrue(text.lines().anyMatch(l -> l.indexOf("conntrack v") > 0), "the summary is spliced into a record:\n" + text);

            CliRun run = CliRun.run("report", "--format", "json", merged.toString());

            assertEquals(0, run.exitCode, run.err);
            assertTrue(listed >= 120, "conntrack -L listed " + listed);
            assertTrue(run.out.contains("\"records\": " + listed + ","), listed + " listed:\n" + run.out);
            assertTrue(run.out.contains("\"bad_lines\": 0,"), run.out);
            assertTrue(run.out.contains("\"summary_lines\": 1,"), run.out);
            assertFalse(run.out.contains("shown_mismatch"), run.out);
            assertEquals("", run.err);
        }
    }
}
