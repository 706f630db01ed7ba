package io.ctscope.analysis.duration;

import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DurationTextTest {
    private static Map<String, Object> stats(long count, double p50, double p90, double p99, double max, double mean) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("p50", p50);
        m.put("p90", p90);
        m.put("p99", p99);
        m.put("max", max);
        m.put("mean", mean);
        return m;
    }

    @Test
    void shouldRenderLifetimesThenStatesInOneAlignedTable() {
        Report r = new Report();
        Map<String, Object> d = r.section("durations");
        d.put("unit", "s");
        d.put("censored", 3L);
        Map<String, Object> lifetime = new LinkedHashMap<>();
        lifetime.put("tcp", stats(2, 99.5, 151.0, 151.0, 151.0, 125.25));
        lifetime.put("udp", stats(1, 30.004, 30.004, 30.004, 30.004, 30.004));
        d.put("lifetime", lifetime);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("tcp/SYN_SENT", stats(2, 0.25, 1.5, 1.5, 1.5, 0.875));
        d.put("state", state);

        StringBuilder sb = new StringBuilder();
        DurationText.appendTo(r, sb);
        String expected = ""
            + "DURATIONS  3 lifetimes measured, 3 flows still open at the end (censored, not included)\n"
            + "           lifetimes timed by events include the reaping lag (up to ~60 s); ktimestamp ones do not\n"
            + "\n"
            + "  LIFETIME      COUNT    P50    P90    P99    MAX   MEAN\n"
            + "  tcp               2  1m40s  2m31s  2m31s  2m31s  2m05s\n"
            + "  udp               1    30s    30s    30s    30s    30s\n"
            + "\n"
            + "  STATE         COUNT    P50    P90    P99    MAX   MEAN\n"
            + "  tcp/SYN_SENT      2  250ms   1.5s   1.5s   1.5s  875ms\n"
            + "\n";
        assertEquals(expected, sb.toString());
    }

    @Test
    void shouldWriteNothingWithoutTheSection() {
        StringBuilder sb = new StringBuilder();
        DurationText.appendTo(new Report(), sb);
        assertEquals("", sb.toString());
    }

    @Test
    void shouldShowShortDurationsWithSubSecondPrecision() {
        assertEquals("4ms", DurationText.human(0.004));
        assertEquals("3.2s", DurationText.human(3.2));
        assertEquals("45s", DurationText.human(45.2));
        assertEquals("2m00s", DurationText.human(120.004));
    }
}
