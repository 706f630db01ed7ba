package io.ctscope.analysis.live;

import io.ctscope.analysis.ReportOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsEndpointTest {
    @Test
    void shouldServeThePublishedReportAsPrometheusMetrics() throws Exception {
        LiveLines live = new LiveLines(new ReportOptions());
        live.batch(2_000, LiveLines.TCP_NEW, LiveLines.TCP_UPDATE, LiveLines.UDP_NEW, LiveLines.UDP_DESTROY);
        live.counters.onLossWarning();
        live.now.addAndGet(LiveAnalysis.PUBLISH_NANOS);
        String text = scrape(live, 4);
        // by hand: 2 NEW, 1 UPDATE, 1 DESTROY; the tcp flow is open in SYN_RECV, the udp flow is gone
        assertTrue(text.contains("ctscope_events_total{type=\"NEW\"} 2.0\n"), text);
        assertTrue(text.contains("ctscope_events_total{type=\"UPDATE\"} 1.0\n"), text);
        assertTrue(text.contains("ctscope_events_total{type=\"DESTROY\"} 1.0\n"), text);
        assertTrue(text.contains("ctscope_new_flows_total 2.0\n"), text);
        assertTrue(text.contains("ctscope_table_entries{protocol=\"tcp\",state=\"SYN_RECV\"} 1.0\n"), text);
        assertTrue(text.contains("ctscope_loss_warnings_total 1.0\n"), text);
        assertTrue(text.contains("ctscope_journal_records_total 4.0\n"), text);
        assertTrue(text.contains("ctscope_bad_lines_total 0.0\n"), text);
        assertTrue(text.contains("ctscope_pipeline_lag_seconds 0.0\n"), text);
        assertTrue(text.contains("ctscope_top_source_flows{source=\"10.77.1.2\"} 2.0\n"), text);
        assertTrue(text.contains("ctscope_ingest_latency_seconds_count 4\n"), text);
        assertTrue(text.contains("ctscope_ingest_latency_seconds{quantile=\"0.5\"} 2.0E-6\n"), text);
    }

    @Test
    void shouldBoundTopTalkerSeriesToTwenty() throws Exception {
        ReportOptions options = new ReportOptions();
        options.top = 50;
        LiveLines live = new LiveLines(options);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add(LiveLines.tcpNewFrom("10.1.0." + i, i));
        }
        live.batch(0, lines.toArray(new String[0]));
        live.now.addAndGet(LiveAnalysis.PUBLISH_NANOS);
        String text = scrape(live, 30);
        assertEquals(30, ((List<?>) live.analysis.published().get("top.src")).size(), "the report lists all 30");
        assertEquals(20, text.lines().filter(l -> l.startsWith("ctscope_top_source_flows{")).count(), text);
    }

    private static String scrape(LiveLines live, long journalRecords) throws Exception {
        live.status.journal(() -> journalRecords);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0,
            new MetricsCollector(live.analysis::report, live.status))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            return r.body();
        }
    }
}
