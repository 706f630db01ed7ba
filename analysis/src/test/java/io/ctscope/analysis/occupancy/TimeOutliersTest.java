package io.ctscope.analysis.occupancy;

import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ctscope.analysis.occupancy.EventLines.S;
import static io.ctscope.analysis.occupancy.EventLines.T0;
import static io.ctscope.analysis.occupancy.EventLines.destroyTcp;
import static io.ctscope.analysis.occupancy.EventLines.newTcp;
import static io.ctscope.analysis.occupancy.EventLines.points;
import static io.ctscope.analysis.occupancy.EventLines.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeOutliersTest {
    /** 1,000 lines over 500 s: flows of 2 s, one opening every second. */
    private static List<String> body() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            lines.add(newTcp(i * S, i + 1));
            lines.add(destroyTcp(i * S + 1_500_000, i + 1));
        }
        return lines;
    }

    @Test
    void shouldKeepAStrayTimestampOutOfTheSeriesAndListIt() {
        List<String> lines = body();
        // a NEW stamped [999999999999.999999], in the middle of the file
        lines.add(500, newTcp((999_999_999_999L - T0) * S + 999_999, 77_777));
        Report report = run(lines);
        assertEquals(1L, report.get("occupancy.outliers.records"));
        List<?> ranges = (List<?>) report.get("occupancy.outliers.ranges");
        assertEquals(1, ranges.size());
        Map<?, ?> range = (Map<?, ?>) ranges.get(0);
        assertEquals(new BigDecimal("999999999999.999999"), range.get("first_ts"));
        assertEquals(new BigDecimal("999999999999.999999"), range.get("last_ts"));
        assertEquals(1L, range.get("records"));
        assertEquals(1L, report.get("occupancy.resolution_s"));
        assertEquals(T0, report.get("occupancy.start_ts"));
        assertEquals(new BigDecimal("1732170500.500000"), report.get("occupancy.end_ts"));
        assertEquals(501, points(report.get("occupancy.series")).length);
        assertEquals(2L, report.get("occupancy.peak"));
        // rates over the 501 seconds of the body, not over 31,000 years
        assertEquals(1.0, report.get("rates.new_per_s.peak"));
        assertEquals(0.998, report.get("rates.new_per_s.mean"));
        // the stray flow opens after the body ends: the body's series is untouched
        assertArrayEquals(points(run(body()).get("occupancy.series")), points(report.get("occupancy.series")));
    }

    @Test
    void shouldCountAFlowOpenedInAnEarlyOutlierAsLiveFromTheStart() {
        List<String> lines = body();
        // a NEW stamped 1970-01-01 00:00:01 whose DESTROY comes at 100 s into the body
        lines.add(0, newTcp((1 - T0) * S, 9_999));
        lines.add(destroyTcp(100 * S + 700_000, 9_999));
        Report report = run(lines);
        assertEquals(1L, report.get("occupancy.outliers.records"));
        assertEquals(T0, report.get("occupancy.start_ts"));
        long[][] series = points(report.get("occupancy.series"));
        // body alone: 1 live at each second's end; flow 9999 adds one until 100.7 s
        assertEquals(2, series[0][1]);
        assertEquals(2, series[99][1]);
        assertEquals(1, series[100][1]);
        assertEquals(3L, report.get("occupancy.peak"));
        assertEquals(501, series.length);
    }

    @Test
    void shouldKeepSmallClustersBetweenLargeOnes() {
        List<String> lines = body();
        long day = 86_400L * S;
        // 3 records two days later, then a second body of 1,000 records four days later
        lines.add(newTcp(2 * day, 20_001));
        lines.add(destroyTcp(2 * day + S, 20_001));
        lines.add(newTcp(2 * day + 2 * S, 20_002));
        for (int i = 0; i < 500; i++) {
            lines.add(newTcp(4 * day + i * S, 30_000 + i));
            lines.add(destroyTcp(4 * day + i * S + 1_500_000, 30_000 + i));
        }
        Report report = run(lines);
        assertEquals(0L, report.get("occupancy.outliers.records"), "inside the input, not outside it");
        assertEquals(T0 + 4 * 86_400 + 500, ((BigDecimal) report.get("occupancy.end_ts")).longValue());
    }
}
