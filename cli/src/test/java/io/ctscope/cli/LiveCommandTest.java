package io.ctscope.cli;

import io.ctscope.ingest.journal.JournalReader;
import io.ctscope.ingest.journal.QueueLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveCommandTest {
    private static final Path EVENTS = LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt");

    @TempDir
    Path dir;

    /**
     * The recorded lab capture is piped in two halves into two runs on one queue: the second run resumes
     * the analyzers from the journal, so its report covers the whole capture, and the journal holds every
     * line once. Expected values: an independent recount of the whole file.
     */
    @Test
    void shouldContinueTheJournalAndResumeTheAnalyzersOnRestart() throws Exception {
        List<String> lines = Files.readAllLines(EVENTS, StandardCharsets.UTF_8);
        int half = lines.size() / 2;
        Path q = dir.resolve("q");
        CliRun first = live(lines.subList(0, half), "live", "--queue", q.toString(), "--format", "json", "--interval", "0", "-");
        assertEquals(0, first.exitCode, first.err);
        CliRun second = live(lines.subList(half, lines.size()), "live", "--queue", q.toString(), "--format", "json", "--interval", "0", "-");
        assertEquals(0, second.exitCode, second.err);
        assertTrue(second.err.contains("resuming from " + half + " records already in " + q), second.err);

        IndependentCount whole = IndependentCount.ofEvents(EVENTS);
        for (String type : List.of("NEW", "UPDATE", "DESTROY")) {
            assertTrue(second.out.contains("\"" + type + "\": " + whole.events.get(type) + ","), type + " over both runs:\n" + second.out);
        }
        assertTrue(second.out.contains("\"entries\": " + whole.entries + ","), "the table after both runs");
        assertTrue(second.out.contains("\"records\": " + lines.size() + ","), "input counts both runs");

        long[] journaled = {0};
        boolean[] ordered = {true};
        try (JournalReader reader = new JournalReader(q)) {
            reader.replay(r -> {
                journaled[0]++;
                ordered[0] &= r.line > 0;
            });
        }
        assertEquals(lines.size(), journaled[0], "every line journaled once: no duplicates, no gaps");
        assertTrue(ordered[0]);
    }

    /** Two writers on one journal would each resume from the same point and journal the same lines twice. */
    @Test
    void shouldRefuseAQueueAnotherProcessIsWriting() throws Exception {
        Path q = dir.resolve("q");
        Files.createDirectories(q);
        try (QueueLock held = QueueLock.acquire(q, false, m -> { })) {
            Process p = CtscopeProcess.builder("live", "--queue", q.toString(), "--interval", "0", "-")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), err);
            assertEquals("ctscope live: " + q + ": another ctscope is writing this journal (one writer per --queue)\n", err);
        }
    }

    @Test
    void shouldRefuseTwoSources() {
        CliRun r = CliRun.run("live", "--queue", dir.resolve("q").toString(), "--spawn", "--follow", "x");
        assertEquals(2, r.exitCode);
        assertTrue(r.err.contains("name one source"), r.err);
    }

    @Test
    void shouldRefuseAMetricsAddressWithoutAPort() {
        CliRun r = CliRun.run("live", "--queue", dir.resolve("q").toString(), "--metrics", "127.0.0.1:http", "-");
        assertEquals(2, r.exitCode);
        assertTrue(r.err.contains("--metrics wants HOST:PORT"), r.err);
    }

    private static CliRun live(List<String> input, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream((String.join("\n", input) + "\n").getBytes(StandardCharsets.UTF_8)));
            return CliRun.run(args);
        } finally {
            System.setIn(saved);
        }
    }
}
