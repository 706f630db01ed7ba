package io.ctscope.cli;

import io.ctscope.ingest.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code conntrack -E ... | ctscope report -} ended by a signal: a real process reads a pipe that stays
 * open (as conntrack's does), the test waits until ctscope has seen every line written (a last marker
 * line that it reports on stderr as rejected), then signals it.
 */
class InterruptTest {
    private static final String MARKER = "end-of-test-input";

    private static List<String> events() throws IOException {
        return Files.readAllLines(LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt"));
    }

    /** What the process did once signalled: its exit status, stdout, and the stderr that followed the marker. */
    private static final class Ended {
        final int exitCode;
        final String out;
        final String err;

        Ended(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }
    }

    /**
     * Starts ctscope with {@code args}, writes the lines and the marker into its standard input and leaves
     * it open, waits until ctscope reported the marker (so it has read every line), then signals its
     * process group and waits for it to end.
     */
    private static Ended interrupt(List<String> lines, String signal, String... args) throws Exception {
        Process p = CtscopeProcess.builder(args).start();
        try {
            BufferedReader stderr = CtscopeProcess.stderrOf(p);
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p));
            OutputStream in = p.getOutputStream();
            for (String line : lines) {
                in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            in.write((MARKER + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
            CtscopeProcess.awaitStderr(stderr, "-:" + (lines.size() + 1) + ": ");

            CtscopeProcess.signalGroup(p, signal);

            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after SIG" + signal);
            String said = new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            String rest = stderr.lines().reduce("", (a, b) -> a + b + "\n");
            return new Ended(p.exitValue(), said, rest);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void shouldPrintTheReportOfWhatWasReadWhenCtrlCReachesTheProcessGroup() throws Exception {
        List<String> lines = events();

        Ended run = interrupt(lines, "INT", "report", "--format", "json", "-");

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("\"records\": " + lines.size() + ","), run.out);
        assertTrue(run.out.contains("\"lines\": " + (lines.size() + 1) + ","), run.out);
        assertTrue(run.out.contains("\"interrupted\": true"), run.out);
        assertTrue(run.out.contains("\"code\": \"interrupted\""), run.out);
        assertTrue(run.err.contains("interrupted by SIGINT"), run.err);
    }

    @Test
    void shouldSayInTheTextReportThatItWasInterrupted() throws Exception {
        List<String> lines = events();

        Ended run = interrupt(lines, "TERM", "report", "-");

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.startsWith("WARNING  interrupted by SIGTERM: the report covers the 1013 lines read before it\n"), run.out);
        assertTrue(run.out.contains("INPUT  1013 lines, 1012 records"), run.out);
    }

    @Test
    void shouldJournalWhatWasReadWhenIngestIsInterrupted(@TempDir Path queue) throws Exception {
        List<String> lines = events();

        Ended run = interrupt(lines, "INT", "ingest", "--queue", queue.toString(), "-");

        assertEquals(0, run.exitCode, run.out + run.err);
        assertTrue(run.out.contains("ingested " + lines.size() + " records from " + (lines.size() + 1) + " lines"), run.out);
        assertTrue(run.out.contains("(interrupted by SIGINT)"), run.out);
        long[] journaled = {0};
        try (JournalReader reader = new JournalReader(queue)) {
            reader.replay(r -> journaled[0]++);
        }
        assertEquals(lines.size(), journaled[0]);
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
