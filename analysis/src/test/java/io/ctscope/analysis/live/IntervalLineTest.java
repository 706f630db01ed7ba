package io.ctscope.analysis.live;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.Report;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IntervalLineTest {
    @Test
    void shouldShowRatesOverTheIntervalEntriesTopSourcesLossAndLatency() {
        LiveLines live = new LiveLines(new ReportOptions());
        Report before = live.analysis.build();
        live.batch(0, LiveLines.tcpNewFrom("10.0.0.1", 1), LiveLines.tcpNewFrom("10.0.0.1", 2), LiveLines.tcpNewFrom("10.0.0.2", 3),
            LiveLines.UDP_NEW, LiveLines.UDP_DESTROY, LiveLines.tcpNewFrom("10.0.0.1", 4), LiveLines.tcpNewFrom("10.0.0.3", 5),
            LiveLines.tcpNewFrom("10.0.0.4", 6));
        live.counters.onLossWarning();
        Report after = live.analysis.build();
        Histogram latency = new Histogram(3);
        latency.recordValue(12_000);
        latency.recordValue(900_000);
        latency.recordValue(2_500_000);
        // 8 events and 7 NEW in 2 s; 6 entries of max 100; 10.0.0.1 opened 3 flows, then 1 each in key order
        assertEquals("4 ev/s, 4 new/s, 6 entries (6.0% of max 100), top 10.0.0.1 3, 10.0.0.2 1, 10.0.0.3 1;"
                + " bad 0, loss 1, lag 0.5 s, latency p50 900 µs p99 2.5 ms max 2.5 ms",
            IntervalLine.format(before, after, 2.0, 100, 0.5, latency));
    }

    @Test
    void shouldLeaveOutWhatIsUnknown() {
        LiveLines live = new LiveLines(new ReportOptions());
        Report r = live.analysis.build();
        assertEquals("0 ev/s, 0 new/s, 0 entries; bad 0, loss 0, lag 0.0 s", IntervalLine.format(r, r, 10, 0, 0, new Histogram(3)));
    }
}
