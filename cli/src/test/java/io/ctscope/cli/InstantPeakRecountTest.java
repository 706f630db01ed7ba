package io.ctscope.cli;

import io.ctscope.analysis.report.Report;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The occupancy peak of the committed real-kernel recordings against {@link IndependentTimeline}'s
 * instant-by-instant recount (no root needed; {@link RealKernelLabTest} does the same on a fresh capture).
 */
class InstantPeakRecountTest {
    /** Checks {@code report} against the recount of {@code file}: peaks, their instants, the series and each second's maximum. */
    static void assertSameOccupancy(Path file, Report report) throws IOException {
        IndependentTimeline expected = IndependentTimeline.of(file);
        String name = file.getFileName().toString();
        assertTrue(expected.instantPeak > 5, name + ": too small a capture to say anything: peak " + expected.instantPeak);
        assertEquals(expected.instantPeak, ((Number) report.get("occupancy.peak")).longValue(), name + " occupancy.peak");
        assertEquals(micros(expected.instantPeakMicros), seconds(report.get("occupancy.peak_ts")), name + " occupancy.peak_ts");
        assertEquals(true, report.get("occupancy.peak_exact"), name);
        assertEquals(expected.liveAtEndOf, pairs(report.get("occupancy.series")), name + " series");
        assertEquals(expected.maxDuring, pairs(report.get("occupancy.series_max")), name + " series_max");
        Map<?, ?> byProtocol = (Map<?, ?>) report.get("occupancy.by_protocol");
        assertEquals(expected.instantPeakByProtocol.keySet(), new java.util.TreeSet<>(stringKeys(byProtocol)), name + " protocols");
        for (Map.Entry<String, long[]> e : expected.instantPeakByProtocol.entrySet()) {
            Map<?, ?> p = (Map<?, ?>) byProtocol.get(e.getKey());
            assertEquals(e.getValue()[0], ((Number) p.get("peak")).longValue(), name + " " + e.getKey() + " peak");
            assertEquals(micros(e.getValue()[1]), seconds(p.get("peak_ts")), name + " " + e.getKey() + " peak_ts");
        }
        // The point of it all: the instant peak is never below the end-of-second one, and here it is above.
        assertTrue(expected.instantPeak >= expected.peak, name);
    }

    private static List<String> stringKeys(Map<?, ?> m) {
        return m.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toList());
    }

    private static BigDecimal micros(long micros) {
        return BigDecimal.valueOf(micros).movePointLeft(6).stripTrailingZeros();
    }

    private static BigDecimal seconds(Object ts) {
        return new BigDecimal(ts.toString()).stripTrailingZeros();
    }

    private static TreeMap<Long, Long> pairs(Object series) {
        TreeMap<Long, Long> out = new TreeMap<>();
        for (Object o : (List<?>) series) {
            long[] p = (long[]) o;
            out.put(p[0], p[1]);
        }
        return out;
    }

    @ParameterizedTest
    // the recordings with -o timestamp and -o id: the recount pairs events by id
    @ValueSource(strings = {"events-timestamp-extended-id.txt", "events-labels.txt"})
    void shouldFindThePeakOfAnInstantByInstantRecount(String recording) throws IOException {
        Path file = LabPrerequisites.repoRoot().resolve("samples/lab/recorded").resolve(recording);
        StringWriter err = new StringWriter();
        Report report = ReportCommand.buildReport(List.of(file.toString()), new PrintWriter(err));
        assertEquals(0L, report.get("input.bad_lines"), err.toString());
        assertSameOccupancy(file, report);
        IndependentTimeline recount = IndependentTimeline.of(file);
        assertTrue(recount.instantPeak > recount.peak,
            recording + ": this recording peaks between two second ends (" + recount.instantPeak + " > " + recount.peak + ")");
    }
}
