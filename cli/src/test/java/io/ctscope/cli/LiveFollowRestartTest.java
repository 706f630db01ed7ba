package io.ctscope.cli;

import io.ctscope.ingest.journal.JournalReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code live --follow FILE --queue Q} stopped (SIGTERM) and started again on the same queue continues the
 * file after its last journaled line: every line is journaled exactly once, checked id by id against what
 * the test wrote ({@link UniqueEvents}), with each record under the file's own line number, and the final
 * report of the last run covers the whole journal. Each run is waited for through its {@code /metrics}
 * (the published report's NEW count, which includes what earlier runs journaled).
 */
class LiveFollowRestartTest {
    private static final Pattern PORT = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private static final Pattern NEW_EVENTS = Pattern.compile("(?m)^ctscope_events_total\\{type=\"NEW\"\\} (\\S+)$");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    @Test
    void shouldContinueAFollowedFileExactlyOnceAcrossRestarts() throws Exception {
        Path file = dir.resolve("events.log");
        Path q = dir.resolve("q");
        UniqueEvents events = new UniqueEvents();
        events.appendNew(file, 3000);

        Live first = start(file, q);
        first.awaitNew(3000);
        events.appendNew(file, 500); // while it runs, then stopped at once: wherever it got to
        first.stop();

        events.appendNew(file, 2000); // while nothing follows the file
        Live second = start(file, q);
        second.awaitNew(5500);
        String report = second.stop();

        events.assertJournalHoldsExactlyWhatWasWritten(q);
        assertFileLinesJournaledOnce(q, 5500);
        assertTrue(report.contains("\"NEW\": 5500,"), "the final report covers both runs:\n" + report);
        assertTrue(second.err.contains("resuming at byte "), second.err);
    }

    @Test
    void shouldJournalTheRestOfAGenerationRotatedAwayWhileStopped() throws Exception {
        Path file = dir.resolve("events.log");
        Path q = dir.resolve("q");
        UniqueEvents events = new UniqueEvents();
        events.appendNew(file, 2000);

        Live first = start(file, q);
        first.awaitNew(2000);
        first.stop();

        events.appendNew(file, 700); // the old generation grows after ctscope stopped,
        LogRotation.byRename(file, 3); // is rotated to events.log.1,
        events.appendNew(file, 900); // and a new events.log begins
        Live second = start(file, q);
        second.awaitNew(3600);
        String report = second.stop();

        events.assertJournalHoldsExactlyWhatWasWritten(q);
        assertTrue(report.contains("\"NEW\": 3600,"), "the final report covers every generation:\n" + report);
        assertTrue(second.err.contains("events.log.1: rotated away from "), second.err);
    }

    /** Every journaled record carries its file line: each (source, line) once, and as many as lines written. */
    private static void assertFileLinesJournaledOnce(Path q, int lines) {
        Map<String, Integer> seen = new HashMap<>();
        long[] maxLine = {0};
        try (JournalReader reader = new JournalReader(q)) {
            reader.replay(r -> {
                seen.merge(r.source + ":" + r.line, 1, Integer::sum);
                maxLine[0] = Math.max(maxLine[0], r.line);
            });
        }
        assertEquals(lines, seen.size(), "distinct (source, line) pairs");
        assertEquals(lines, maxLine[0], "one file: its line numbers 1.." + lines);
    }

    private Live start(Path file, Path q) throws IOException {
        Process p = CtscopeProcess.builder("live", "--follow", file.toString(), "--queue", q.toString(), "--interval", "0",
            "--metrics", "127.0.0.1:0", "--format", "json").redirectOutput(dir.resolve("report-" + started.size() + ".json").toFile())
            .start();
        started.add(p);
        Path report = dir.resolve("report-" + (started.size() - 1) + ".json");
        BufferedReader err = CtscopeProcess.stderrOf(p);
        String seen = CtscopeProcess.awaitStderr(err, "metrics on http://");
        Matcher m = PORT.matcher(seen);
        assertTrue(m.find(), seen);
        return new Live(p, err, Integer.parseInt(m.group(1)), report, seen);
    }

    private static final class Live {
        final Process process;
        final BufferedReader stderr;
        final int port;
        final Path report;
        String err;

        Live(Process process, BufferedReader stderr, int port, Path report, String err) {
            this.process = process;
            this.stderr = stderr;
            this.port = port;
            this.report = report;
            this.err = err;
        }

        /** Polls /metrics until the published report counts {@code n} NEW events (at most 60 s). */
        void awaitNew(long n) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            double last = -1;
            while (true) {
                String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = NEW_EVENTS.matcher(text);
                last = m.find() ? Double.parseDouble(m.group(1)) : -1;
                if (last == n) {
                    return;
                }
                assertTrue(last < n, "more NEW events than written: " + last);
                assertTrue(System.nanoTime() < deadline, "timed out at " + last + " NEW events of " + n);
                Thread.sleep(100);
            }
        }

        /** SIGTERM, as an operator stops it; returns the final report once it has exited 0. */
        String stop() throws Exception {
            CtscopeProcess.signalGroup(process, "TERM");
            StringBuilder rest = new StringBuilder(err);
            String line;
            while ((line = stderr.readLine()) != null) {
                rest.append(line).append('\n');
            }
            err = rest.toString();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "live exits after SIGTERM");
            assertEquals(0, process.exitValue(), err);
            return Files.readString(report, StandardCharsets.UTF_8);
        }
    }
}
