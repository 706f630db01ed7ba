package io.ctscope.analysis.occupancy;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ctscope.analysis.occupancy.EventLines.S;
import static io.ctscope.analysis.occupancy.EventLines.T0;
import static io.ctscope.analysis.occupancy.EventLines.destroyTcp;
import static io.ctscope.analysis.occupancy.EventLines.destroyUdp;
import static io.ctscope.analysis.occupancy.EventLines.dumpTcp;
import static io.ctscope.analysis.occupancy.EventLines.newTcp;
import static io.ctscope.analysis.occupancy.EventLines.newUdp;
import static io.ctscope.analysis.occupancy.EventLines.point;
import static io.ctscope.analysis.occupancy.EventLines.points;
import static io.ctscope.analysis.occupancy.EventLines.run;
import static io.ctscope.analysis.occupancy.EventLines.updateTcp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class OccupancyAnalyzerTest {
    /**
     * Seconds after T0: NEW 1 at 0.2, NEW 2 at 1.5, NEW 3 at 1.7, DESTROY 1 at 2.1, DESTROY 2 at 4.0,
     * UPDATE 3 at 4.5. Live at the end of each second: 1, 3, 2, 2, 1.
     */
    private static final List<String> TIMELINE = List.of(
        newTcp(200_000, 1),
        newTcp(1_500_000, 2),
        newTcp(1_700_000, 3),
        destroyTcp(2_100_000, 1),
        destroyTcp(4 * S, 2),
        updateTcp(4_500_000, 3));

    @Test
    void shouldCountLiveEntriesAtTheEndOfEachInterval() {
        Report report = run(TIMELINE);
        assertArrayEquals(new long[][] {
            point(T0 + 1, 1), point(T0 + 2, 3), point(T0 + 3, 2), point(T0 + 4, 2), point(T0 + 5, 1)},
            points(report.get("occupancy.series")));
        assertEquals(1L, report.get("occupancy.resolution_s"));
        assertEquals(new BigDecimal("1732170000.200000"), report.get("occupancy.start_ts"));
        assertEquals(new BigDecimal("1732170004.500000"), report.get("occupancy.end_ts"));
        // The peak is the instant of the third NEW, not an interval end.
        assertEquals(3L, report.get("occupancy.peak"));
        assertEquals(new BigDecimal("1732170001.700000"), report.get("occupancy.peak_ts"));
        assertEquals(true, report.get("occupancy.peak_exact"));
        // Each interval's own maximum: 3 is still live in second 2 until DESTROY 1 at 2.1.
        assertArrayEquals(new long[][] {
            point(T0 + 1, 1), point(T0 + 2, 3), point(T0 + 3, 3), point(T0 + 4, 2), point(T0 + 5, 2)},
            points(report.get("occupancy.series_max")));
        assertEquals(1.8, report.get("occupancy.mean"));
        assertEquals(0L, report.get("occupancy.preexisting"));
        assertEquals(0L, report.get("occupancy.untimed"));
        // Keys only added, after the ones earlier versions printed.
        assertEquals(List.of("resolution_s", "start_ts", "end_ts", "peak", "peak_ts", "mean", "preexisting",
            "untimed", "series", "by_protocol", "series_max", "peak_exact", "outliers"),
            new ArrayList<>(((Map<?, ?>) report.get("occupancy")).keySet()));
        assertEquals(List.of("occupancy", "rates"), new ArrayList<>(report.root().keySet()));
    }

    @Test
    void shouldPrintTheSeriesAsPairsInJson() {
        String json = EventLines.json(run(TIMELINE));
        assertEquals(true, json.contains("\"series\": [[1732170001, 1], [1732170002, 3], [1732170003, 2], "
            + "[1732170004, 2], [1732170005, 1]]"), json);
        assertEquals(true, json.contains("\"start_ts\": 1732170000.200000"), json);
    }

    @Test
    void shouldComputeRatesPerSecond() {
        Report report = run(TIMELINE);
        // NEW: 1 in second 0, 2 in second 1; DESTROY: 1 in second 2, 1 in second 4; all: 1, 2, 1, 0, 2.
        assertEquals(1L, report.get("rates.resolution_s"));
        assertEquals(2.0, report.get("rates.new_per_s.peak"));
        assertEquals(T0 + 1, report.get("rates.new_per_s.peak_ts"));
        assertEquals(0.6, report.get("rates.new_per_s.mean"));
        assertEquals(1.0, report.get("rates.destroy_per_s.peak"));
        assertEquals(T0 + 2, report.get("rates.destroy_per_s.peak_ts"));
        assertEquals(0.4, report.get("rates.destroy_per_s.mean"));
        assertEquals(2.0, report.get("rates.events_per_s.peak"));
        assertEquals(T0 + 1, report.get("rates.events_per_s.peak_ts"), "the earliest of two equal peaks");
        assertEquals(1.2, report.get("rates.events_per_s.mean"));
    }

    @Test
    void shouldFindBurstsInRates() {
        List<String> lines = new ArrayList<>();
        lines.add(newTcp(0, 100));
        for (int i = 0; i < 5; i++) {
            lines.add(newUdp(2 * S + i * 100_000, 200 + i));
        }
        for (int i = 0; i < 3; i++) {
            lines.add(updateTcp(4 * S + i, 100));
        }
        lines.add(destroyUdp(9 * S, 200));
        lines.add(destroyUdp(9 * S + 999_999, 201));
        Report report = run(lines);
        // Span: seconds 0..9 = 10 s; 6 NEW, 2 DESTROY, 11 events.
        assertEquals(5.0, report.get("rates.new_per_s.peak"));
        assertEquals(T0 + 2, report.get("rates.new_per_s.peak_ts"));
        assertEquals(0.6, report.get("rates.new_per_s.mean"));
        assertEquals(2.0, report.get("rates.destroy_per_s.peak"));
        assertEquals(T0 + 9, report.get("rates.destroy_per_s.peak_ts"));
        assertEquals(0.2, report.get("rates.destroy_per_s.mean"));
        assertEquals(5.0, report.get("rates.events_per_s.peak"));
        assertEquals(1.1, report.get("rates.events_per_s.mean"));
    }

    @Test
    void shouldCountFlowsCreatedBeforeTheCaptureFromItsStart() {
        Report report = run(List.of(
            newTcp(1 * S, 3),
            destroyTcp(3 * S, 2),
            updateTcp(5 * S, 1),
            destroyTcp(7 * S, 1),
            updateTcp(8 * S, 3)));
        // Flows 1 (first seen as UPDATE) and 2 (seen only as DESTROY) are live from the start at T0+1.
        assertArrayEquals(new long[][] {
            point(T0 + 2, 3), point(T0 + 3, 3), point(T0 + 4, 2), point(T0 + 5, 2),
            point(T0 + 6, 2), point(T0 + 7, 2), point(T0 + 8, 1), point(T0 + 9, 1)},
            points(report.get("occupancy.series")));
        assertEquals(2L, report.get("occupancy.preexisting"));
        assertEquals(3L, report.get("occupancy.peak"));
        assertEquals(T0 + 1, report.get("occupancy.peak_ts"), "reached at the NEW of flow 3");
        assertEquals(T0 + 1, report.get("occupancy.start_ts"));
    }

    @Test
    void shouldKeepFlowsNeverDestroyedLiveToTheEnd() {
        List<String> lines = List.of(
            newTcp(0, 1), newTcp(S, 2), newUdp(2 * S, 3), destroyTcp(3 * S, 1), newUdp(10 * S, 4), updateTcp(12 * S, 2));
        FlowTracker tracker = EventLines.tracker(new ReportOptions(), TimeBuckets.DEFAULT_MAX_INTERVALS, lines);
        Report report = new Report();
        tracker.contribute(report);
        long[][] series = points(report.get("occupancy.series"));
        assertEquals(13, series.length);
        assertEquals(3, tracker.table().size());
        assertEquals(tracker.table().size(), series[series.length - 1][1]);
        assertEquals(3L, report.get("occupancy.peak"));
        assertEquals(T0 + 2, report.get("occupancy.peak_ts"), "reached at the NEW of flow 3");
    }

    @Test
    void shouldCloseAFlowWhoseDestroyWasLost() {
        Report report = run(List.of(
            newTcp(0, 7),
            newTcp(3 * S, 7),
            destroyTcp(5 * S, 7),
            newTcp(6 * S, 8)));
        // The second NEW for id 7 closes the first flow at 3 s: never two live at once.
        assertArrayEquals(new long[][] {
            point(T0 + 1, 1), point(T0 + 2, 1), point(T0 + 3, 1), point(T0 + 4, 1),
            point(T0 + 5, 1), point(T0 + 6, 0), point(T0 + 7, 1)},
            points(report.get("occupancy.series")));
        assertEquals(1L, report.get("occupancy.peak"));
        assertEquals(T0, report.get("occupancy.peak_ts"), "the first NEW, earliest of equal peaks");
    }

    @Test
    void shouldUseWiderIntervalsWhenAsked() {
        ReportOptions options = new ReportOptions();
        options.resolutionSeconds = 10;
        Report report = run(options, List.of(
            newTcp(3 * S, 1), newTcp(12 * S, 2), newTcp(14 * S, 4), destroyTcp(15 * S, 1),
            newTcp(27 * S, 3), destroyTcp(29 * S, 2), destroyTcp(33 * S, 4)));
        assertEquals(10L, report.get("occupancy.resolution_s"));
        assertArrayEquals(new long[][] {point(T0 + 10, 1), point(T0 + 20, 2), point(T0 + 30, 2), point(T0 + 40, 1)},
            points(report.get("occupancy.series")));
        // Three live from the NEW at 14 s to the DESTROY at 15 s, though no interval ends with three.
        assertEquals(3L, report.get("occupancy.peak"));
        assertEquals(T0 + 14, report.get("occupancy.peak_ts"));
        assertArrayEquals(new long[][] {point(T0 + 10, 1), point(T0 + 20, 3), point(T0 + 30, 3), point(T0 + 40, 2)},
            points(report.get("occupancy.series_max")));
        assertEquals(1.5, report.get("occupancy.mean"));
        // Rates stay per second: 4 NEW over seconds 3..33.
        assertEquals(1L, report.get("rates.resolution_s"));
        assertEquals(1.0, report.get("rates.new_per_s.peak"));
        assertEquals(0.129, report.get("rates.new_per_s.mean"));
    }

    @Test
    void shouldKeepASeriesPerProtocolLargestPeakFirst() {
        Report report = run(List.of(
            newTcp(0, 1),
            newUdp(S, 2), newUdp(S + 1, 3),
            destroyTcp(2 * S, 1),
            newUdp(2 * S + 5, 4),
            destroyUdp(3 * S, 2),
            destroyTcp(3 * S + 1, 9)));
        Map<?, ?> byProtocol = (Map<?, ?>) report.get("occupancy.by_protocol");
        assertEquals(List.of("udp", "tcp"), new ArrayList<>(byProtocol.keySet()));
        // tcp: flow 1 opens at 0 s, closes at 2 s; flow 9 was live from the start and closes at 3 s.
        assertArrayEquals(new long[][] {point(T0 + 1, 2), point(T0 + 2, 2), point(T0 + 3, 1), point(T0 + 4, 0)},
            points(report.get("occupancy.by_protocol.tcp.series")));
        assertArrayEquals(new long[][] {point(T0 + 1, 0), point(T0 + 2, 2), point(T0 + 3, 3), point(T0 + 4, 2)},
            points(report.get("occupancy.by_protocol.udp.series")));
        assertEquals(3L, report.get("occupancy.by_protocol.udp.peak"));
        assertEquals(new BigDecimal("1732170002.000005"), report.get("occupancy.by_protocol.udp.peak_ts"));
        assertEquals(1.8, report.get("occupancy.by_protocol.udp.mean"));
        assertEquals(2L, report.get("occupancy.by_protocol.tcp.peak"));
        assertEquals(T0, report.get("occupancy.by_protocol.tcp.peak_ts"));
        assertArrayEquals(new long[][] {point(T0 + 1, 2), point(T0 + 2, 2), point(T0 + 3, 2), point(T0 + 4, 1)},
            points(report.get("occupancy.by_protocol.tcp.series_max")));
        assertEquals(1.3, report.get("occupancy.by_protocol.tcp.mean"));
        assertArrayEquals(new long[][] {point(T0 + 1, 2), point(T0 + 2, 4), point(T0 + 3, 4), point(T0 + 4, 2)},
            points(report.get("occupancy.series")));
    }

    @Test
    void shouldLeaveOutAndCountRecordsWithoutTimestamp() {
        Report withDump = run(List.of(
            dumpTcp(50), dumpTcp(51),
            newTcp(0, 1), destroyTcp(2 * S, 50), newTcp(3 * S, 2), destroyTcp(4 * S, 1)));
        Report without = run(List.of(newTcp(0, 1), newTcp(3 * S, 2), destroyTcp(4 * S, 1)));
        // The DESTROY of dump entry 50 closes a flow whose open had no time: ignored, not counted from the start.
        assertEquals(2L, withDump.get("occupancy.untimed"));
        assertEquals(0L, withDump.get("occupancy.preexisting"));
        assertArrayEquals(new long[][] {
            point(T0 + 1, 1), point(T0 + 2, 1), point(T0 + 3, 1), point(T0 + 4, 2), point(T0 + 5, 1)},
            points(withDump.get("occupancy.series")));
        assertArrayEquals(points(without.get("occupancy.series")), points(withDump.get("occupancy.series")));
    }

    @Test
    void shouldContributeNothingWithoutTimestamps() {
        String untimed = newTcp(0, 1).substring(newTcp(0, 1).indexOf('\t') + 1);
        Report report = run(List.of(dumpTcp(1), dumpTcp(2), untimed));
        assertNull(report.get("occupancy"));
        assertNull(report.get("rates"));
        assertFalse(report.root().containsKey("occupancy"));
        assertFalse(report.root().containsKey("rates"));
    }
}
