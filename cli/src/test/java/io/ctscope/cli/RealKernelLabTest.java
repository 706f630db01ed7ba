package io.ctscope.cli;

import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records a fresh capture from the real kernel (samples/lab/record.sh --quick: network namespaces,
 * NAT, mixed traffic) and checks that what ctscope reports equals an independent recount of the same
 * files, with zero bad lines on the kernel's own output. Needs root; fails under CI without it.
 */
class RealKernelLabTest {
    @TempDir
    static Path capture;

    @BeforeAll
    static void recordCapture() throws IOException, InterruptedException {
        LabPrerequisites.require();
        Path script = LabPrerequisites.repoRoot().resolve("samples/lab/record.sh");
        Process p = new ProcessBuilder("bash", script.toString(), capture.toString(), "--quick")
            .redirectErrorStream(true)
            .redirectOutput(capture.resolve("record.log").toFile())
            .start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) {
            // the script's own EXIT trap removes its namespaces; kill children first so none is orphaned
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String log = Files.readString(capture.resolve("record.log"));
        assertTrue(done, "record.sh did not finish in 300 s:\n" + log);
        assertEquals(0, p.exitValue(), "record.sh failed:\n" + log);
    }

    private static Report report(Path file, StringWriter err) {
        return ReportCommand.buildReport(List.of(file.toString()), new PrintWriter(err));
    }

    private static List<Path> files(String glob) throws IOException {
        try (Stream<Path> s = Files.list(capture)) {
            return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void shouldCountEveryEventStreamLikeAnIndependentRecount() throws IOException {
        List<Path> streams = files("events-*.txt");
        assertTrue(streams.size() >= 5, "expected several -o formats, got " + streams);
        for (Path f : streams) {
            StringWriter err = new StringWriter();
            Report r = report(f, err);
            IndependentCount expected = IndependentCount.ofEvents(f);
            String name = f.getFileName().toString();
            assertEquals(0L, r.get("input.bad_lines"), name + ": bad lines on the kernel's own output:\n" + err);
            assertTrue(expected.events.getOrDefault("NEW", 0L) > 20, name + ": too few events recorded");
            for (String type : List.of("NEW", "UPDATE", "DESTROY")) {
                assertEquals(expected.events.getOrDefault(type, 0L), r.get("events." + type), name + " events." + type);
            }
            assertEquals(expected.entries, r.get("table.entries"), name + " open flows at the end");
            assertEquals(expected.byProtocol, IndependentCount.asLongs(r.get("table.by_protocol")), name + " by protocol");
            assertEquals(expected.byState, IndependentCount.asLongs(r.get("table.by_state")), name + " by state");
        }
    }

    @Test
    void shouldCountEveryDumpLikeAnIndependentRecount() throws IOException {
        List<Path> dumps = files("{snap-*-proc.txt,snap-*-list*.txt,final-list.txt}");
        dumps.removeIf(p -> p.toString().endsWith("-xml.txt"));
        assertTrue(dumps.size() >= 4, "expected /proc and conntrack -L dumps, got " + dumps);
        for (Path f : dumps) {
            StringWriter err = new StringWriter();
            Report r = report(f, err);
            IndependentCount expected = IndependentCount.ofDump(f);
            String name = f.getFileName().toString();
            assertEquals(0L, r.get("input.bad_lines"), name + ": bad lines on the kernel's own output:\n" + err);
            assertEquals(expected.entries, r.get("table.entries"), name + " entries");
            assertEquals(expected.byProtocol, IndependentCount.asLongs(r.get("table.by_protocol")), name + " by protocol");
            assertEquals(expected.byState, IndependentCount.asLongs(r.get("table.by_state")), name + " by state");
        }
    }

    @Test
    void shouldRebuildFromEveryEventStreamTheTableThatConntrackListedAtTheSameMoment() throws IOException {
        IndependentCount listed = IndependentCount.ofDump(capture.resolve("final-list.txt"));
        assertTrue(listed.entries >= 8 && listed.byProtocol.size() >= 4,
            "the standing mix should leave tcp, udp, icmp and icmpv6 flows in final-list.txt: " + listed.byState);
        for (Path f : files("events-*.txt")) {
            Report r = report(f, new StringWriter());
            String name = f.getFileName().toString();
            assertEquals(listed.byProtocol, IndependentCount.asLongs(r.get("table.by_protocol")), name + " vs conntrack -L, by protocol");
            assertEquals(listed.byState, IndependentCount.asLongs(r.get("table.by_state")), name + " vs conntrack -L, by state");
            assertEquals(listed.entries, r.get("table.entries"), name + " vs conntrack -L, entries");
        }
    }

    @Test
    void shouldFindTheOccupancyPeakAndTopSourceOfAnIndependentRecount() throws IOException {
        Path f = capture.resolve("events-timestamp-extended-id.txt");
        Report r = report(f, new StringWriter());
        IndependentTimeline expected = IndependentTimeline.of(f);
        // The peak is the most entries live at any instant, recounted µs by µs; the series, each second's
        // end, and series_max, each second's own most, second by second.
        InstantPeakRecountTest.assertSameOccupancy(f, r);
        List<?> top = (List<?>) r.get("top.src");
        Map<?, ?> first = (Map<?, ?>) top.get(0);
        assertEquals(expected.topSource(), first.get("key"), "top source");
        assertEquals(expected.flowsBySource.get(expected.topSource()), ((Number) first.get("flows")).longValue(), "its flows");
        assertEquals(expected.flowsBySource.size(), top.size(), "every source listed (fewer than --top)");
        for (Object o : top) {
            Map<?, ?> e = (Map<?, ?>) o;
            assertEquals(expected.flowsBySource.get(String.valueOf(e.get("key"))), ((Number) e.get("flows")).longValue(), "flows of " + e.get("key"));
        }
    }

    @Test
    void shouldDetectTheFormatOfEachKernelOutput() throws IOException {
        Map<String, String> expected = Map.of(
            "events-plain.txt", "events",
            "events-timestamp-extended-id.txt", "events",
            "events-xml.txt", "events-xml",
            "final-list.txt", "conntrack-list");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path f = capture.resolve(e.getKey());
            Report r = report(f, new StringWriter());
            assertEquals(e.getValue(), ((Map<?, ?>) r.get("input.formats")).get(f.toString()), e.getKey());
        }
        for (Path f : files("snap-*-proc.txt")) {
            Report r = report(f, new StringWriter());
            assertEquals("nf_conntrack", ((Map<?, ?>) r.get("input.formats")).get(f.toString()), f.toString());
        }
        for (Path f : files("snap-*-list-xml.txt")) {
            Report r = report(f, new StringWriter());
            assertEquals("list-xml", ((Map<?, ?>) r.get("input.formats")).get(f.toString()), f.toString());
            assertEquals(0L, r.get("input.bad_lines"), f.toString());
        }
    }
}
