package io.ctscope.analysis.nat;

import io.ctscope.analysis.ParsedLines;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NatPortPressureTest {
    private static final long T0 = 1_732_170_000L;

    private final ReportOptions options = new ReportOptions();
    private FlowTracker tracker;

    private void start() {
        tracker = new FlowTracker(List.of(new NatPortPressure(options)));
    }

    private void feed(List<String> lines) {
        ParsedLines.feed(tracker, lines);
    }

    private Report report() {
        Report r = new Report();
        tracker.contribute(r);
        return r;
    }

    /** A flow from {@code src:sport} to {@code dst:dport}, source-NATed to {@code nat:natPort}. */
    private record Flow(String src, int sport, String dst, int dport, String nat, int natPort) {
        String opened(long second) {
            return "[" + (T0 + second) + ".000000]\t    [NEW] tcp      6 120 SYN_SENT " + tuples(" [UNREPLIED]");
        }

        String destroyed(long second) {
            return "[" + (T0 + second) + ".000000]\t[DESTROY] tcp      6 " + tuples("") + " [ASSURED]";
        }

        private String tuples(String between) {
            return "src=" + src + " dst=" + dst + " sport=" + sport + " dport=" + dport + between
                + " src=" + dst + " dst=" + nat + " sport=" + dport + " dport=" + natPort;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Report r, String list, int i) {
        return ((List<Map<String, Object>>) r.get("nat.ports." + list)).get(i);
    }

    private static int size(Report r, String list) {
        return ((List<?>) r.get("nat.ports." + list)).size();
    }

    @Test
    void shouldFindPeakDistinctPortsPerAddressAndPeakFlowsPerDestination() {
        Flow f1 = new Flow("10.0.0.2", 40000, "172.16.0.2", 80, "172.16.0.1", 40000);
        // Same translated port towards another destination: one port of the address, counted once.
        Flow f2 = new Flow("10.0.0.3", 40000, "172.16.0.3", 443, "172.16.0.1", 40000);
        Flow f3 = new Flow("10.0.0.2", 40001, "172.16.0.2", 80, "172.16.0.1", 40001);
        Flow f4 = new Flow("10.0.0.4", 5000, "172.16.0.2", 80, "172.16.0.1", 1024);
        Flow f5 = new Flow("10.0.0.5", 6000, "172.16.0.2", 80, "172.16.0.1", 1025);
        start();
        feed(List.of(f1.opened(100), f2.opened(101), f3.opened(102), f4.opened(103),
            f1.destroyed(104), f3.destroyed(105), f5.opened(106)));
        Report r = report();

        assertEquals(65536L, r.get("nat.ports.capacity"));
        assertNull(r.get("nat.ports.port_range"));
        assertNull(r.get("nat.ports.range_size"));
        assertEquals(5L, r.get("nat.ports.translated_flows"));
        assertEquals(0L, r.get("nat.ports.outside_range"));

        // Ports of 172.16.0.1: {40000} {40000} {40000,40001} {40000,40001,1024} -> peak 3 at +103.
        assertEquals(1, size(r, "by_address"));
        Map<String, Object> a = entry(r, "by_address", 0);
        assertEquals("172.16.0.1 tcp", a.get("key"));
        assertEquals("172.16.0.1", a.get("address"));
        assertEquals("tcp", a.get("protocol"));
        assertEquals(3L, a.get("peak_ports"));
        assertEquals(T0 + 103, a.get("peak_ts"));
        assertEquals(0.0046, a.get("use_pct"));
        assertNull(a.get("range_use_pct"));

        // Towards 172.16.0.2:80: f1, f3, f4 together at +103 (3); then 2, 1, and 2 with f5.
        assertEquals(2, size(r, "by_destination"));
        Map<String, Object> d = entry(r, "by_destination", 0);
        assertEquals("172.16.0.1 -> 172.16.0.2:80 tcp", d.get("key"));
        assertEquals("172.16.0.2:80", d.get("destination"));
        assertEquals(3L, d.get("peak_ports"));
        assertEquals(T0 + 103, d.get("peak_ts"));
        Map<String, Object> other = entry(r, "by_destination", 1);
        assertEquals("172.16.0.1 -> 172.16.0.3:443 tcp", other.get("key"));
        assertEquals(1L, other.get("peak_ports"));
        assertEquals(T0 + 101, other.get("peak_ts"));
    }

    @Test
    void shouldMeasureAgainstTheGivenPortRangeAndCountPortsOutsideIt() {
        options.portRangeLow = 1000;
        options.portRangeHigh = 1099;
        start();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add(new Flow("10.0.0.2", 30000 + i, "172.16.0.2", 443, "172.16.0.1", 1000 + i).opened(i));
        }
        // Two more flows on ports outside the range (the operator's range is not the one in force).
        lines.add(new Flow("10.0.0.3", 30000, "172.16.0.9", 443, "172.16.0.1", 32768).opened(200));
        lines.add(new Flow("10.0.0.3", 30001, "172.16.0.9", 443, "172.16.0.1", 999).opened(201));
        feed(lines);
        Report r = report();

        assertEquals("1000-1099", r.get("nat.ports.port_range"));
        assertEquals(100L, r.get("nat.ports.range_size"));
        assertEquals(102L, r.get("nat.ports.translated_flows"));
        assertEquals(2L, r.get("nat.ports.outside_range"));
        Map<String, Object> d = entry(r, "by_destination", 0);
        assertEquals("172.16.0.1 -> 172.16.0.2:443 tcp", d.get("key"));
        assertEquals(100L, d.get("peak_ports"));
        assertEquals(T0 + 99, d.get("peak_ts"));
        assertEquals(100.0, d.get("range_use_pct"));
        assertEquals(0.1526, d.get("use_pct")); // 100 / 65536
        Map<String, Object> a = entry(r, "by_address", 0);
        assertEquals(102L, a.get("peak_ports"));
        assertEquals(102.0, a.get("range_use_pct"));
    }

    @Test
    void shouldIgnoreFlowsThatAreNotSourceNatedOrHaveNoPorts() {
        start();
        feed(List.of(
            // Reply goes back to the original source: no SNAT.
            "[1732170000.000001]\t    [NEW] tcp      6 120 SYN_SENT src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 "
                + "[UNREPLIED] src=172.16.0.2 dst=10.0.0.2 sport=80 dport=40000",
            // SNATed but ICMP: no port to run out of.
            "[1732170000.000002]\t    [NEW] icmp     1 30 src=10.0.0.2 dst=172.16.0.2 type=8 code=0 id=7 "
                + "[UNREPLIED] src=172.16.0.2 dst=172.16.0.1 type=0 code=0 id=7"));
        Report r = report();
        assertEquals(0L, r.get("nat.ports.translated_flows"));
        assertEquals(List.of(), r.get("nat.ports.by_address"));
        assertEquals(List.of(), r.get("nat.ports.by_destination"));
    }

    @Test
    void shouldCloseAFlowWhoseDestroyWasLostWhenItsKeyComesBack() {
        Flow f = new Flow("10.0.0.2", 40000, "172.16.0.2", 80, "172.16.0.1", 40000);
        start();
        // The second NEW for the same tuple closes the first flow: still one flow at a time.
        feed(List.of(f.opened(0), f.opened(10), f.destroyed(20)));
        Report r = report();
        assertEquals(2L, r.get("nat.ports.translated_flows"));
        assertEquals(1L, entry(r, "by_destination", 0).get("peak_ports"));
        assertEquals(1L, entry(r, "by_address", 0).get("peak_ports"));
        assertEquals(T0, entry(r, "by_address", 0).get("peak_ts"));
    }

    @Test
    void shouldNameIpv6DestinationsInBracketsAndKeepFractionalPeakTimes() {
        start();
        feed(List.of("[1732170000.250000]\t    [NEW] tcp      6 120 SYN_SENT src=fd00::2 dst=fd77::2 sport=40000 "
            + "dport=80 [UNREPLIED] src=fd77::2 dst=fd77::1 sport=80 dport=40000"));
        Report r = report();
        Map<String, Object> d = entry(r, "by_destination", 0);
        assertEquals("fd77::1 -> [fd77::2]:80 tcp", d.get("key"));
        assertEquals("[fd77::2]:80", d.get("destination"));
        assertEquals(new BigDecimal("1732170000.250000"), d.get("peak_ts"));
    }

    @Test
    void shouldReportUntimedPeaksWithoutATime() {
        start();
        feed(List.of("ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 "
            + "src=172.16.0.2 dst=172.16.0.1 sport=80 dport=40000 [ASSURED] mark=0 zone=0 use=2"));
        Report r = report();
        assertEquals(1L, entry(r, "by_address", 0).get("peak_ports"));
        assertNull(entry(r, "by_address", 0).get("peak_ts"));
        assertEquals(true, entry(r, "by_address", 0).containsKey("peak_ts"));
    }

    @Test
    void shouldKeepTheHighestPeaksOfManyShortLivedDestinations() {
        options.top = 3;
        start();
        // 100 destinations one after another, each reaching a different peak (1..100, shuffled by a
        // stride coprime with 100) and then closing completely, so each key is retired.
        int keys = 100;
        List<String> lines = new ArrayList<>();
        long second = 0;
        for (int k = 0; k < keys; k++) {
            int peak = (k * 37) % keys + 1;
            List<Flow> flows = new ArrayList<>();
            for (int j = 0; j < peak; j++) {
                flows.add(new Flow("10.0.0.2", 20000 + j, "172.16.1.1", 1000 + k, "172.16.0.1", 1024 + j));
            }
            for (Flow f : flows) {
                lines.add(f.opened(second));
            }
            second++;
            for (Flow f : flows) {
                lines.add(f.destroyed(second));
            }
            second++;
        }
        feed(lines);
        Report r = report();

        assertEquals(3, size(r, "by_destination"));
        // Peak p is reached by key k with 37k = p - 1 (mod 100); 37 * 73 = 1 (mod 100), so k = 73 (p - 1) mod 100.
        for (int i = 0; i < 3; i++) {
            int peak = keys - i;
            int k = (73 * (peak - 1)) % keys;
            Map<String, Object> d = entry(r, "by_destination", i);
            assertEquals("172.16.0.1 -> 172.16.1.1:" + (1000 + k) + " tcp", d.get("key"));
            assertEquals((long) peak, d.get("peak_ports"));
            assertEquals(T0 + 2L * k, d.get("peak_ts"));
        }
        assertEquals(100L, entry(r, "by_address", 0).get("peak_ports"));
    }
}
