package io.ctscope.analysis.filter;

import io.ctscope.analysis.ParsedLines;
import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.CsvRenderer;
import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A filter plugged into the standard report, as {@code ctscope report --proto tcp --src ...} does, read back as CSV. */
class FilteredReportTest {
    private static final String[] CAPTURE = {
        // lab recording: one IPv4 and one IPv6 tcp flow to the server, one IPv6 DNS-like udp query
        "    [NEW] ipv4     2 tcp      6 120 SYN_SENT src=10.77.1.2 dst=172.20.77.2 sport=44240 dport=9090 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=9090 dport=44240",
        " [UPDATE] ipv4     2 tcp      6 432000 ESTABLISHED src=10.77.1.2 dst=172.20.77.2 sport=44240 dport=9090 src=172.20.77.2 dst=172.20.77.1 sport=9090 dport=44240 [ASSURED]",
        "    [NEW] ipv6     10 tcp      6 120 SYN_SENT src=fd77:1::2 dst=fd77:2::2 sport=53416 dport=8080 [UNREPLIED] src=fd77:2::2 dst=fd77:2::1 sport=8080 dport=53416",
        "    [NEW] ipv6     10 udp      17 5 src=fd77:1::2 dst=fd77:2::2 sport=41803 dport=5355 [UNREPLIED] src=fd77:2::2 dst=fd77:2::1 sport=5355 dport=41803",
    };

    @Test
    void shouldAnalyseOnlyTheMatchingRecordsAndEchoTheFilter() {
        ReportOptions options = new ReportOptions();
        options.filter = RecordFilters.of(List.of("tcp"), List.of("fd77:1::/32,10.77.1.0/24"), List.of(), List.of(),
            List.of());
        ReportBuilder builder = ReportBuilder.standard(options);
        ParsedLines.feed(builder, CAPTURE);
        Report report = new Report();
        builder.contribute(report);

        assertEquals("--proto tcp --src fd77:1::/32,10.77.1.0/24", report.get("filter.expression"));
        assertEquals(3L, report.get("filter.matched"));
        assertEquals(1L, report.get("filter.excluded"));
        assertEquals("key,value\ntcp/ESTABLISHED,1\ntcp/SYN_SENT,1\n", CsvRenderer.render(report, "table.by_state"));
        // the expression holds a comma, so CSV quotes it
        assertEquals("key,value\nexpression,\"--proto tcp --src fd77:1::/32,10.77.1.0/24\"\nmatched,3\nexcluded,1\n",
            CsvRenderer.render(report, "filter"));
    }
}
