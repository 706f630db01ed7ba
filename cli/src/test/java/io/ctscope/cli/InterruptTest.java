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

    /** Writes the lines and the marker, leaves the pipe open, and waits until ctscope reported the marker. */
    private static String feedAndAwait(Process p, List<String> lines, BufferedReader stderr) throws IOException {
        OutputStream in = p.getOutputStream();
        for (String line : lines) {
            in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        in.write((MARKER + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
        return CtscopeProcess.awaitStderr(stderr, "-:" + (lines.size() + 1) + ": ");
    }

    @Test
    void shouldPrintTheReportOfWhatWasReadWhenCtrlCReachesTheProcessGroup() throws Exception {
        List<String> lines = events();
        Process p = CtscopeProcess.builder("report", "--format", "json", "-").start();
        try {
            BufferedReader stderr = CtscopeProcess.stderrOf(p);
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p));
            feedAndAwait(p, lines, stderr);

            CtscopeProcess.signalGroup(p, "INT");

            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after SIGINT");
            String json = new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            String rest = stderr.lines().reduce("", (a, b) -> a + b + "\n");
            assertEquals(0, p.exitValue(), rest);
            assertTrue(json.contains("\"records\": " + lines.size() + ","), json);
            assertTrue(json.contains("\"lines\": " + (lines.size() + 1) + ","), json);
            assertTrue(json.contains("\"interrupted\": true"), json);
            assertTrue(json.contains("\"code\": \"interrupted\""), json);
            assertTrue(rest.contains("interrupted by SIGINT"), rest);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void shouldSayInTheTextReportThatItWasInterrupted() throws Exception {
        List<String> lines = events();
        Process p = CtscopeProcess.builder("report", "-").start();
        try {
            BufferedReader stderr = CtscopeProcess.stderrOf(p);
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p));
            feedAndAwait(p, lines, stderr);

            CtscopeProcess.signalGroup(p, "TERM");

            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after SIGTERM");
            String text = new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue());
            assertTrue(text.startsWith("WARNING  interrupted by SIGTERM: the report covers the 1013 lines read before it\n"), text);
            assertTrue(text.contains("INPUT  1013 lines, 1012 records"), text);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void shouldJournalWhatWasReadWhenIngestIsInterrupted(@TempDir Path queue) throws Exception {
        List<String> lines = events();
        Process p = CtscopeProcess.builder("ingest", "--queue", queue.toString(), "-").start();
        try {
            BufferedReader stderr = CtscopeProcess.stderrOf(p);
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p));
            feedAndAwait(p, lines, stderr);

            CtscopeProcess.signalGroup(p, "INT");

            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after SIGINT");
            String said = new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), said);
            assertTrue(said.contains("ingested " + lines.size() + " records from " + (lines.size() + 1) + " lines"), said);
            assertTrue(said.contains("(interrupted by SIGINT)"), said);
            long[] journaled = {0};
            try (JournalReader reader = new JournalReader(queue)) {
                reader.replay(r -> journaled[0]++);
            }
            assertEquals(lines.size(), journaled[0]);
        } finally {
            p.destroyForcibly();
        }
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
