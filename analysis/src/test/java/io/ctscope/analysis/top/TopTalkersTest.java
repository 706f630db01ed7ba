package io.ctscope.analysis.top;

import io.ctscope.analysis.ParsedLines;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopTalkersTest {
    /**
     * A NAT box (inside 10.0.0.0/24, public 198.18.0.1 and .2). The table holds 4 flows after line 5
     * (flows 1, 2, 3, 5), its peak; at the end flows 3, 5, 9 and 10 are open.
     */
    static final String[] CAPTURE = {
        // 1: 10.0.0.2 -> 172.16.0.2 tcp/80 via 198.18.0.1, destroyed with counters after it was answered
        "    [NEW] tcp      6 120 SYN_SENT src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 [UNREPLIED] src=172.16.0.2 dst=198.18.0.1 sport=80 dport=40000",
        // 2: 10.0.0.2 -> 172.16.0.53 udp/53 via 198.18.0.1, destroyed unreplied
        "    [NEW] udp      17 30 src=10.0.0.2 dst=172.16.0.53 sport=5000 dport=53 [UNREPLIED] src=172.16.0.53 dst=198.18.0.1 sport=53 dport=5000",
        // 3: 10.0.0.3 -> 172.16.0.2 tcp/443 via 198.18.0.2, open and unreplied at the end
        "    [NEW] tcp      6 120 SYN_SENT src=10.0.0.3 dst=172.16.0.2 sport=40001 dport=443 [UNREPLIED] src=172.16.0.2 dst=198.18.0.2 sport=443 dport=40001",
        " [UPDATE] tcp      6 432000 ESTABLISHED src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 src=172.16.0.2 dst=198.18.0.1 sport=80 dport=40000 [ASSURED]",
        // 5: 10.0.0.3 -> 172.16.0.9 icmp via 198.18.0.2 (no port), open and unreplied at the end
        "    [NEW] icmp     1 30 src=10.0.0.3 dst=172.16.0.9 type=8 code=0 id=1 [UNREPLIED] src=172.16.0.9 dst=198.18.0.2 type=0 code=0 id=1",
        "[DESTROY] tcp      6 src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 packets=10 bytes=1000 src=172.16.0.2 dst=198.18.0.1 sport=80 dport=40000 packets=8 bytes=4000 [ASSURED]",
        "[DESTROY] udp      17 src=10.0.0.2 dst=172.16.0.53 sport=5000 dport=53 packets=1 bytes=60 [UNREPLIED] src=172.16.0.53 dst=198.18.0.1 sport=53 dport=5000 packets=0 bytes=0",
        // 8: a flow seen only at its DESTROY, not NATed
        "[DESTROY] tcp      6 src=10.0.0.4 dst=172.16.0.2 sport=40002 dport=80 packets=3 bytes=180 src=172.16.0.2 dst=10.0.0.4 sport=80 dport=40002 packets=2 bytes=120 [ASSURED]",
        // 9: 10.0.0.5 -> 172.16.0.2 tcp/80 via 198.18.0.1, open and unreplied at the end
        "    [NEW] tcp      6 120 SYN_SENT src=10.0.0.5 dst=172.16.0.2 sport=40003 dport=80 [UNREPLIED] src=172.16.0.2 dst=198.18.0.1 sport=80 dport=40003",
        // 10: first seen as UPDATE (created before the capture); the table is back at 4, not a new peak
        " [UPDATE] tcp      6 432000 ESTABLISHED src=10.0.0.2 dst=172.16.0.3 sport=40004 dport=22 src=172.16.0.3 dst=198.18.0.1 sport=22 dport=40004 [ASSURED]",
    };

    static void feed(FlowTracker tracker, String... lines) {
        ParsedLines.feed(tracker, lines);
    }

    static Report report(TopTalkers top, String... lines) {
        FlowTracker tracker = new FlowTracker(List.of(top));
        feed(tracker, lines);
        Report report = new Report();
        tracker.contribute(report);
        return report;
    }

    /** key, flows, bytes, packets, unreplied, peak_entries (flows_low = flows_high = flows while exact). */
    static List<String> rows(Report report, String list) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) report.get("top." + list)) {
            Map<?, ?> e = (Map<?, ?>) o;
            assertEquals(e.get("flows"), e.get("flows_low"));
            assertEquals(e.get("flows"), e.get("flows_high"));
            out.add(e.get("key") + " " + e.get("flows") + " " + e.get("bytes") + " " + e.get("packets")
                + " " + e.get("unreplied") + " " + e.get("peak_entries"));
        }
        return out;
    }

    @Test
    void shouldSaturateCountersPastTheSignedRangeInsteadOfWrapping() {
        // conntrack's counters are u64: 2^64-1 bytes out and 2 back is no 1 B flow; two 2^62-byte flows no negative sum
        Report r = report(new TopTalkers(new ReportOptions()),
            "[DESTROY] tcp      6 src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 packets=18446744073709551615 bytes=18446744073709551615 src=172.16.0.2 dst=10.0.0.2 sport=80 dport=40000 packets=1 bytes=2 [ASSURED]",
            "[DESTROY] tcp      6 src=10.0.0.3 dst=172.16.0.2 sport=40001 dport=80 packets=1 bytes=4611686018427387904 src=172.16.0.2 dst=10.0.0.3 sport=80 dport=40001 packets=1 bytes=0 [ASSURED]",
            "[DESTROY] tcp      6 src=10.0.0.3 dst=172.16.0.2 sport=40002 dport=80 packets=1 bytes=4611686018427387904 src=172.16.0.2 dst=10.0.0.3 sport=80 dport=40002 packets=1 bytes=0 [ASSURED]");
        assertEquals(List.of(
            "10.0.0.3 2 " + Long.MAX_VALUE + " 4 0 0",
            "10.0.0.2 1 " + Long.MAX_VALUE + " " + Long.MAX_VALUE + " 0 0"), rows(r, "src"));
    }

    @Test
    void shouldCountFlowsCountersUnrepliedAndPeakSharePerSource() {
        Report r = report(new TopTalkers(new ReportOptions()), CAPTURE);
        assertEquals(List.of(
            "10.0.0.2 3 5060 19 1 2",
            "10.0.0.3 2 0 0 2 2",
            "10.0.0.4 1 300 5 0 0",
            "10.0.0.5 1 0 0 1 0"), rows(r, "src"));
    }

    @Test
    void shouldCountDestinationsInAddressOrderOnTies() {
        Report r = report(new TopTalkers(new ReportOptions()), CAPTURE);
        assertEquals(List.of(
            "172.16.0.2 4 5300 23 2 2",
            "172.16.0.3 1 0 0 0 0",
            "172.16.0.9 1 0 0 1 1",
            "172.16.0.53 1 60 1 1 1"), rows(r, "dst"));
    }

    @Test
    void shouldCountDestinationPortsOnlyForProtocolsWithPorts() {
        Report r = report(new TopTalkers(new ReportOptions()), CAPTURE);
        assertEquals(List.of(
            "tcp/80 3 5300 23 1 1",
            "tcp/22 1 0 0 0 0",
            "tcp/443 1 0 0 1 1",
            "udp/53 1 60 1 1 1"), rows(r, "dport"));
    }

    @Test
    void shouldCountPairsAndCutTheListAtN() {
        ReportOptions options = new ReportOptions();
        options.top = 3;
        Report r = report(new TopTalkers(options), CAPTURE);
        assertEquals(List.of(
            "10.0.0.2 -> 172.16.0.2 1 5000 18 0 1",
            "10.0.0.2 -> 172.16.0.3 1 0 0 0 0",
            "10.0.0.2 -> 172.16.0.53 1 60 1 1 1"), rows(r, "pair"));
        assertEquals(7L, r.get("top.distinct.pair"));
    }

    @Test
    void shouldCountTranslatedAddressesOfNatedFlowsOnly() {
        Report r = report(new TopTalkers(new ReportOptions()), CAPTURE);
        assertEquals(List.of(
            "198.18.0.1 4 5060 19 2 2",
            "198.18.0.2 2 0 0 2 2"), rows(r, "nat"));
    }

    @Test
    void shouldReportExactCountsInTheDocumentedKeyOrder() {
        Report r = report(new TopTalkers(new ReportOptions()), CAPTURE);
        Map<?, ?> top = (Map<?, ?>) r.get("top");
        assertEquals(List.of("n", "group_v4", "group_v6", "src", "dst", "dport", "pair", "nat", "exact", "distinct", "max_error"),
            new ArrayList<>(top.keySet()));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) top.get("src")).get(0);
        assertEquals(List.of("key", "flows", "flows_low", "flows_high", "bytes", "packets", "unreplied", "peak_entries"),
            new ArrayList<>(first.keySet()));
        assertEquals(10, r.get("top.n"));
        assertEquals(32, r.get("top.group_v4"));
        assertEquals(128, r.get("top.group_v6"));
        assertEquals(Map.of("src", true, "dst", true, "dport", true, "pair", true, "nat", true), r.get("top.exact"));
        assertEquals(Map.of("src", 4L, "dst", 4L, "dport", 4L, "pair", 7L, "nat", 2L), r.get("top.distinct"));
        assertEquals(Map.of("src", 0L, "dst", 0L, "dport", 0L, "pair", 0L, "nat", 0L), r.get("top.max_error"));
    }

    @Test
    void shouldLeaveOutBytesAndPacketsWhenNoRecordHadCounters() {
        Report r = report(new TopTalkers(new ReportOptions()),
            "    [NEW] udp      17 30 src=10.0.0.2 dst=172.16.0.53 sport=5000 dport=53 [UNREPLIED] src=172.16.0.53 dst=10.0.0.2 sport=53 dport=5000",
            "[DESTROY] udp      17 src=10.0.0.2 dst=172.16.0.53 sport=5000 dport=53 [UNREPLIED] src=172.16.0.53 dst=10.0.0.2 sport=53 dport=5000");
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) r.get("top.src")).get(0);
        assertEquals(List.of("key", "flows", "flows_low", "flows_high", "unreplied", "peak_entries"), new ArrayList<>(entry.keySet()));
        assertEquals(1L, entry.get("unreplied"));
        assertEquals(List.of(), r.get("top.nat"));
    }

    @Test
    void shouldCountDumpEntriesWithTheirCountersOnce() {
        String dump = "ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.0.2 dst=172.16.0.2 sport=%d dport=443 packets=5 bytes=500"
            + " src=172.16.0.2 dst=198.18.0.1 sport=443 dport=%d packets=4 bytes=4000 [ASSURED] mark=0 use=1";
        Report r = report(new TopTalkers(new ReportOptions()),
            String.format(dump, 40000, 40000), String.format(dump, 40001, 40001), String.format(dump, 40000, 40000));
        assertEquals(List.of("10.0.0.2 2 9000 18 0 2"), rows(r, "src"));
    }

    @Test
    void shouldGroupAddressesByPrefix() {
        ReportOptions options = new ReportOptions();
        options.groupV4 = 24;
        options.groupV6 = 64;
        String v4 = "    [NEW] udp      17 30 src=%s dst=172.16.%d.53 sport=5000 dport=53 [UNREPLIED] src=172.16.%d.53 dst=%s sport=53 dport=5000";
        String v6 = "    [NEW] tcp      6 120 SYN_SENT src=%s dst=fd00:1::%d sport=40000 dport=80 [UNREPLIED] src=fd00:1::%d dst=%s sport=80 dport=40000";
        Report r = report(new TopTalkers(options),
            String.format(v4, "10.1.2.3", 0, 0, "10.1.2.3"),
            String.format(v4, "10.1.2.77", 1, 1, "10.1.2.77"),
            String.format(v4, "10.1.3.1", 0, 0, "10.1.3.1"),
            String.format(v6, "fd77::2", 2, 2, "fd77::2"),
            String.format(v6, "fd77::3", 3, 3, "fd77::3"),
            String.format(v6, "fd77:0:0:1::5", 2, 2, "fd77:0:0:1::5"));
        assertEquals(List.of(
            "10.1.2.0/24 2 null null 2 2",
            "fd77::/64 2 null null 2 2",
            "10.1.3.0/24 1 null null 1 1",
            "fd77:0:0:1::/64 1 null null 1 1"), rows(r, "src"));
        assertEquals(List.of(
            "fd00:1::/64 3 null null 3 3",
            "172.16.0.0/24 2 null null 2 2",
            "172.16.1.0/24 1 null null 1 1"), rows(r, "dst"));
        assertEquals("fd77::/64 -> fd00:1::/64", ((Map<?, ?>) ((List<?>) r.get("top.pair")).get(0)).get("key"));
        assertEquals(24, r.get("top.group_v4"));
        assertEquals(64, r.get("top.group_v6"));
    }

    @Test
    void shouldNameAndCountKeysTheSameOnceSketched() {
        ReportOptions options = new ReportOptions();
        options.groupV6 = 64;
        String[] lines = new String[CAPTURE.length + 3];
        System.arraycopy(CAPTURE, 0, lines, 0, CAPTURE.length);
        lines[CAPTURE.length] = "    [NEW] tcp      6 120 SYN_SENT src=2001:db8:1:2::7 dst=fd00:1::2 sport=40000 dport=80 [UNREPLIED] src=fd00:1::2 dst=2001:db8:1:2::7 sport=80 dport=40000";
        lines[CAPTURE.length + 1] = "    [NEW] tcp      6 120 SYN_SENT src=2001:db8:1:2::8 dst=fd00:1::2 sport=40000 dport=80 [UNREPLIED] src=fd00:1::2 dst=2001:db8:1:2::8 sport=80 dport=40000";
        lines[CAPTURE.length + 2] = "    [NEW] tcp      6 120 SYN_SENT src=240.0.0.1 dst=172.16.0.2 sport=40000 dport=80 [UNREPLIED] src=172.16.0.2 dst=240.0.0.1 sport=80 dport=40000";
        Report exact = report(new TopTalkers(options), lines);
        TopTalkers sketchedTop = new TopTalkers(options, 1, 1 << 10);
        Report sketched = report(sketchedTop, lines);
        for (TalkerDimension d : TalkerDimension.values()) {
            assertFalse(sketchedTop.counter(d).isExact(), d.jsonName);
            assertEquals(rows(exact, d.jsonName), rows(sketched, d.jsonName), d.jsonName);
        }
        // IPv4 and IPv6 /64 sources are their own sketch items; the IPv6 pair and the 240.0.0.1 pair are hashed
        assertEquals(0, sketchedTop.counter(TalkerDimension.SRC).hashedKeys());
        assertEquals(2, sketchedTop.counter(TalkerDimension.PAIR).hashedKeys());
        assertEquals(false, sketched.get("top.exact.src"));
        assertEquals(null, sketched.get("top.distinct.src"));
        assertEquals(0L, sketched.get("top.max_error.src"));
    }

    @Test
    void shouldRenderListsForATerminal() {
        Report r = report(new TopTalkers(new ReportOptions()), CAPTURE);
        StringBuilder sb = new StringBuilder();
        TopText.appendTo(r, sb);
        String text = sb.toString();
        assertTrue(text.contains("TOP SOURCES by flows, exact (4 distinct)\n"), text);
        assertTrue(text.contains("  SOURCE    FLOWS  UNREPLIED  PEAK ENTRIES    BYTES  PACKETS\n"), text);
        assertTrue(text.contains("  10.0.0.2      3          1             2  4.9 KiB       19\n"), text);
        assertTrue(text.contains("TOP NAT ADDRESSES by flows"), text);
    }
}
