package io.ctscope.analysis.live;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.Report;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LiveAnalysisTest {
    private final LiveLines live = new LiveLines(new ReportOptions());

    /** Building a report costs as much as thousands of records: never on the analyzer thread, at most once a second. */
    @Test
    void shouldBuildTheReportOnlyWhenAskedAndAtMostOncePerSecond() {
        Report initial = live.analysis.published();
        live.batch(1000, LiveLines.TCP_NEW);
        assertSame(initial, live.analysis.report(), "less than a second since the last report");
        live.now.addAndGet(LiveAnalysis.PUBLISH_NANOS);
        live.batch(1000, LiveLines.UDP_NEW);
        assertSame(initial, live.analysis.published(), "the analyzer thread builds no report by itself");
        Report asked = live.analysis.report();
        assertEquals(2L, asked.get("events.NEW"));
        assertEquals(2L, asked.get("table.entries"));
        assertSame(asked, live.analysis.published());
    }

    @Test
    void shouldBuildNoNewReportWhenNothingArrived() {
        live.batch(1000, LiveLines.TCP_NEW, LiveLines.TCP_UPDATE);
        live.now.addAndGet(LiveAnalysis.PUBLISH_NANOS);
        Report after = live.analysis.report();
        assertEquals(1L, after.get("events.UPDATE"));
        live.now.addAndGet(LiveAnalysis.PUBLISH_NANOS);
        assertSame(after, live.analysis.report(), "nothing new: the same report");
    }

    @Test
    void shouldRecordEachRecordsLatencyFromItsArrival() {
        live.batch(5_000, LiveLines.TCP_NEW, LiveLines.TCP_UPDATE);
        live.batch(70_000, LiveLines.UDP_NEW);
        Histogram h = live.latency.takeInterval();
        assertEquals(3, h.getTotalCount());
        assertEquals(5_000, h.getValueAtPercentile(50), 5);
        assertEquals(70_000, h.getMaxValue(), 70);
        assertEquals(0, live.latency.takeInterval().getTotalCount(), "the next interval starts empty");
        assertEquals(3, live.latency.total().getTotalCount(), "the run keeps every sample");
    }
}
