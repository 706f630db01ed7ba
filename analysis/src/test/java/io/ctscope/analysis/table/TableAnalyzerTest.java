package io.ctscope.analysis.table;

import io.ctscope.analysis.ParsedLines;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TableAnalyzerTest {
    private static void feed(FlowTracker a, String... lines) {
        ParsedLines.feed(a, lines);
    }

    private static final String NEW_TCP = "    [NEW] tcp      6 120 SYN_SENT src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 [UNREPLIED] src=172.16.0.2 dst=172.16.0.1 sport=80 dport=40000";
    private static final String EST_TCP = " [UPDATE] tcp      6 432000 ESTABLISHED src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 src=172.16.0.2 dst=172.16.0.1 sport=80 dport=40000 [ASSURED]";
    private static final String DESTROY_TCP = "[DESTROY] tcp      6 src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 src=172.16.0.2 dst=172.16.0.1 sport=80 dport=40000 [ASSURED]";
    private static final String NEW_UDP = "    [NEW] udp      17 30 src=10.0.0.2 dst=172.16.0.2 sport=5000 dport=53 [UNREPLIED] src=172.16.0.2 dst=172.16.0.1 sport=53 dport=5000";

    @Test
    void shouldKeepOnlyFlowsNotDestroyedWithTheirLatestState() {
        TableAnalyzer counts = new TableAnalyzer();
        FlowTracker a = new FlowTracker(List.of(counts));
        feed(a, NEW_TCP, NEW_UDP, EST_TCP);
        Report r = new Report();
        a.contribute(r);
        assertEquals(2L, r.get("table.entries"));
        assertEquals(1L, r.get("table.by_state.tcp/ESTABLISHED"));
        assertEquals(1L, r.get("table.by_state.udp"));
        assertEquals(1L, r.get("table.unreplied"));
        assertEquals(1L, r.get("table.assured"));

        feed(a, DESTROY_TCP);
        Report after = new Report();
        a.contribute(after);
        assertEquals(1L, after.get("table.entries"));
        assertEquals(Map.of("udp", 1L), after.get("table.by_protocol"));
    }

    @Test
    void shouldCountFlowsCreatedBeforeTheCapture() {
        TableAnalyzer counts = new TableAnalyzer();
        FlowTracker a = new FlowTracker(List.of(counts));
        feed(a, EST_TCP, DESTROY_TCP, DESTROY_TCP);
        assertEquals(1, counts.firstSeenAsUpdate());
        assertEquals(1, counts.destroyedUnseen());
        assertEquals(0, a.table().size());
    }

    @Test
    void shouldKeyByConntrackIdWhenPrinted() {
        TableAnalyzer counts = new TableAnalyzer();
        FlowTracker a = new FlowTracker(List.of(counts));
        feed(a, NEW_TCP + " id=7", NEW_TCP + " id=8");
        assertEquals(2, a.table().size());
        feed(a, DESTROY_TCP + " id=7");
        assertEquals(1, a.table().size());
    }

    @Test
    void shouldKeepZonesApart() {
        TableAnalyzer counts = new TableAnalyzer();
        FlowTracker a = new FlowTracker(List.of(counts));
        String dump = "ipv4     2 udp      17 30 src=10.0.0.2 dst=172.16.0.2 sport=5000 dport=53 src=172.16.0.2 dst=10.0.0.2 sport=53 dport=5000 mark=0 zone=%d use=2";
        feed(a, String.format(dump, 0), String.format(dump, 3), String.format(dump, 3));
        assertEquals(2, a.table().size());
    }
}
