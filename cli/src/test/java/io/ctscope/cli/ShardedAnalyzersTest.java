package io.ctscope.cli;

import io.ctscope.samples.EventStreamGenerator;
import io.ctscope.samples.GeneratorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's acceptance: the same JSON report, byte for byte, for every {@code --analyzers N} and
 * {@code --parsers N}, and from the journal as from the files, over the committed recordings and a
 * generated NAT-box capture (whose top lists stay exact: the comparison is byte for byte).
 */
class ShardedAnalyzersTest {
    private static final Path RECORDED = LabPrerequisites.repoRoot().resolve(Path.of("samples", "lab", "recorded"));
    private static final Path CORPUS = LabPrerequisites.repoRoot().resolve(Path.of("samples", "corpus"));
    /** (analyzers, parsers) pairs compared with one analyzer and one parser. */
    private static final int[][] THREADS = {{2, 1}, {3, 2}, {1, 3}, {4, 4}, {7, 2}};

    @Test
    void shouldReportTheSameForAnyAnalyzersAndParsersOnEveryRecording() throws IOException {
        List<String> files = new ArrayList<>(recordings());
        files.addAll(list(CORPUS));
        assertTrue(files.size() > 90, files.toString());
        for (String f : files) {
            String expected = json(List.of(f), 1, 1);
            for (int[] t : new int[][] {{2, 1}, {3, 2}, {1, 3}}) {
                assertEquals(expected, json(List.of(f), t[0], t[1]), f + " --analyzers " + t[0] + " --parsers " + t[1]);
            }
        }
    }

    @Test
    void shouldReportTheSameOverAllRecordingsAtOnceAndFromTheJournal(@TempDir Path dir) throws IOException {
        List<String> files = recordings();
        String expected = assertSameForAnyThreads(files);
        assertSameFromTheJournal(dir.resolve("q"), files, expected);
    }

    @Test
    void shouldReportTheSameOnAGeneratedCaptureAndFromItsJournal(@TempDir Path dir) throws IOException {
        Path capture = dir.resolve("nat.txt");
        try (OutputStream out = Files.newOutputStream(capture)) {
            new EventStreamGenerator(GeneratorConfig.of(200_000, 13).withMaxFlows(20_000)).writeTo(out);
        }
        List<String> files = List.of(capture.toString());
        String expected = assertSameForAnyThreads(files);
        assertTrue(expected.contains("\"pair\": true"), "the pair list stays exact here");
        assertSameFromTheJournal(dir.resolve("q"), files, expected);
    }

    /** Runs the report with every thread pair; returns the JSON they all gave. */
    private static String assertSameForAnyThreads(List<String> files) {
        String expected = json(files, 1, 1);
        assertFalse(expected.isBlank(), files.toString());
        for (int[] t : THREADS) {
            assertEquals(expected, json(files, t[0], t[1]), files + " --analyzers " + t[0] + " --parsers " + t[1]);
        }
        return expected;
    }

    private static void assertSameFromTheJournal(Path queue, List<String> files, String expected) {
        List<String> ingest = new ArrayList<>(List.of("ingest", "--queue", queue.toString()));
        ingest.addAll(files);
        CliRun journaled = CliRun.run(ingest.toArray(new String[0]));
        assertEquals(0, journaled.exitCode, journaled.err);
        for (String analyzers : List.of("1", "3")) {
            CliRun fromJournal = CliRun.run("report", "--format", "json", "--analyzers", analyzers, "--queue", queue.toString());
            assertEquals(expected, fromJournal.out, "from the journal, --analyzers " + analyzers + ": " + fromJournal.err);
        }
    }

    private static String json(List<String> files, int analyzers, int parsers) {
        List<String> args = new ArrayList<>(List.of("report", "--format", "json", "--analyzers", Integer.toString(analyzers),
            "--parsers", Integer.toString(parsers)));
        args.addAll(files);
        CliRun r = CliRun.run(args.toArray(new String[0]));
        assertTrue(r.exitCode == 0 || r.exitCode == 1, r.err);
        return r.out;
    }

    private static List<String> recordings() throws IOException {
        return list(RECORDED);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".txt") && !p.getFileName().toString().equals("MANIFEST.txt"))
                .sorted().map(Path::toString).toList();
        }
    }
}
