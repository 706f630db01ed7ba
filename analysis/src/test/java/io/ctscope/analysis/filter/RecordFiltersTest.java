package io.ctscope.analysis.filter;

import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each filter option against records parsed from real conntrack lines (most from the lab recordings in
 * {@code samples/lab/recorded}: inside 10.77.1.2 / fd77:1::2, server 172.20.77.2 / fd77:2::2, NAT
 * address 172.20.77.1 / fd77:2::1). Each test names the lines it expects to pass.
 */
class RecordFiltersTest {
    private static final String V4_TCP_SYN = "    [NEW] ipv4     2 tcp      6 120 SYN_SENT src=10.77.1.2 dst=172.20.77.2 sport=44240 dport=9090 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=9090 dport=44240 id=523851378";
    private static final String V4_TCP_EST = "ipv4     2 tcp      6 57 ESTABLISHED src=10.77.1.2 dst=172.20.77.2 sport=44240 dport=9090 packets=54 bytes=3092 src=172.20.77.2 dst=172.20.77.1 sport=9090 dport=44240 packets=28 bytes=1740 [ASSURED] mark=0 delta-time=103 use=1 id=523851378";
    private static final String V4_TCP_TIME_WAIT = "ipv4     2 tcp      6 0 TIME_WAIT src=10.77.1.2 dst=172.20.77.2 sport=48142 dport=8080 src=172.20.77.2 dst=172.20.77.1 sport=8080 dport=48142 [ASSURED] mark=0 use=1 id=3427713927";
    private static final String V4_UDP_DNS = "    [NEW] udp      17 30 src=10.77.1.3 dst=172.20.77.2 sport=5000 dport=53 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=53 dport=5000";
    private static final String V4_ICMP = "    [NEW] ipv4     2 icmp     1 5 src=10.77.1.2 dst=172.20.77.2 type=8 code=0 id=20827 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 type=0 code=0 id=20827 id=2058831218";
    private static final String V6_UDP = "[1795240180.138637]\t    [NEW] ipv6     10 udp      17 5 src=fd77:1::2 dst=fd77:2::2 sport=41803 dport=5355 [UNREPLIED] src=fd77:2::2 dst=fd77:2::1 sport=5355 dport=41803 id=3733347781";
    private static final String V6_TCP_EST = "[1795240182.780070]\t [UPDATE] ipv6     10 tcp      6 60 ESTABLISHED src=fd77:1::2 dst=fd77:2::2 sport=53416 dport=8080 src=fd77:2::2 dst=fd77:2::1 sport=8080 dport=53416 [ASSURED] id=930450674";
    private static final String V6_ICMP = "    [NEW] ipv6     10 icmpv6   58 5 src=fd77:1::2 dst=fd77:2::2 type=128 code=0 id=20946 [UNREPLIED] src=fd77:2::2 dst=fd77:2::1 type=129 code=0 id=20946 id=3165491530";
    /** /proc/net/nf_conntrack prints IPv6 uncompressed (turris-cz omnia capture). */
    private static final String V6_PROC_DNS = "ipv6     10 udp      17 41 src=fd52:ad42:910e:0000:0000:0000:0000:64fa dst=fd21:36f9:644e:0000:0000:0000:0000:0001 sport=59532 dport=53 packets=1 bytes=102 src=fd21:36f9:644e:0000:0000:0000:0000:0001 dst=fd52:ad42:910e:0000:0000:0000:0000:64fa sport=53 dport=59532 packets=1 bytes=263 mark=0 zone=0 use=2";
    /** Older kernels print no state on a tcp DESTROY. */
    private static final String V4_TCP_DESTROY_NO_STATE = "[DESTROY] tcp      6 src=10.77.1.2 dst=172.20.77.2 sport=44240 dport=9090 src=172.20.77.2 dst=172.20.77.1 sport=9090 dport=44240 [ASSURED]";

    private static final String[] ALL_LINES = {
        V4_TCP_SYN, V4_TCP_EST, V4_TCP_TIME_WAIT, V4_UDP_DNS, V4_ICMP, V6_UDP, V6_TCP_EST, V6_ICMP, V6_PROC_DNS,
        V4_TCP_DESTROY_NO_STATE,
    };

    private static ConntrackRecord record(String line) {
        ConntrackRecord r = new ConntrackRecord();
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        assertEquals(ParseStatus.RECORD, new ConntrackTextParser().parse(b, 0, b.length, r), line);
        return r;
    }

    /** The lines of {@link #ALL_LINES} the filter keeps, in order: compared with the list a test expects. */
    private static List<String> kept(RecordFilter f) {
        List<String> kept = new ArrayList<>();
        for (String line : ALL_LINES) {
            if (f.test(record(line))) {
                kept.add(line);
            }
        }
        return kept;
    }

    private static List<String> none() {
        return List.of();
    }

    private static RecordFilter proto(String... values) {
        return RecordFilters.of(List.of(values), none(), none(), none(), none());
    }

    private static RecordFilter src(String... values) {
        return RecordFilters.of(none(), List.of(values), none(), none(), none());
    }

    private static RecordFilter dst(String... values) {
        return RecordFilters.of(none(), none(), List.of(values), none(), none());
    }

    private static RecordFilter port(String... values) {
        return RecordFilters.of(none(), none(), none(), List.of(values), none());
    }

    private static RecordFilter state(String... values) {
        return RecordFilters.of(none(), none(), none(), none(), List.of(values));
    }

    private static String error(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void shouldAcceptEverythingWhenNoOptionIsGiven() {
        assertSame(RecordFilter.ALL, RecordFilters.of(none(), none(), none(), none(), none()));
        assertSame(RecordFilter.ALL, RecordFilters.of(null, null, null, null, null));
    }

    @Test
    void shouldKeepProtocolsGivenByNameInAnyCaseOrByNumber() {
        assertEquals(List.of(V4_TCP_SYN, V4_TCP_EST, V4_TCP_TIME_WAIT, V4_UDP_DNS, V6_UDP, V6_TCP_EST, V6_PROC_DNS,
            V4_TCP_DESTROY_NO_STATE), kept(proto("tcp,udp")));
        assertEquals(kept(proto("tcp,udp")), kept(proto("TCP", "17")));
        assertEquals(List.of(V4_ICMP), kept(proto("icmp")));
        assertEquals(List.of(V6_ICMP), kept(proto("58")));
        assertEquals(List.of(), kept(proto("gre", "sctp", "dccp", "udplite", "0", "255")));
        assertEquals("--proto tcp,udp", proto("TCP", "17,tcp").describe());
        assertEquals("--proto icmpv6,2,gre", proto("58,2", "GRE").describe());
    }

    @Test
    void shouldRejectUnknownProtocolsListingTheAcceptedNames() {
        assertEquals("bad --proto \"igmp\": use a protocol number 0-255 or one of tcp, udp, icmp, icmpv6, gre, "
            + "sctp, dccp, udplite", error(() -> proto("tcp,igmp")));
        assertTrue(error(() -> proto("256")).startsWith("bad --proto \"256\": use a protocol number 0-255"));
        assertTrue(error(() -> proto("-1")).startsWith("bad --proto \"-1\""));
    }

    @Test
    void shouldMatchSourceCidrsAgainstTheOriginalSourceOfTheirOwnFamily() {
        assertEquals(List.of(V4_TCP_SYN, V4_TCP_EST, V4_TCP_TIME_WAIT, V4_UDP_DNS, V4_ICMP, V4_TCP_DESTROY_NO_STATE),
            kept(src("10.77.0.0/16")));
        assertEquals(List.of(V4_UDP_DNS), kept(src("10.77.1.3")));
        assertEquals(List.of(V6_UDP, V6_TCP_EST, V6_ICMP), kept(src("fd77:1::/32")));
        assertEquals(List.of(V6_UDP, V6_TCP_EST, V6_ICMP), kept(src("fd77:1::2")));
        // the reply source is the server, not a source in the operator's sense
        assertEquals(List.of(), kept(src("172.20.77.2", "fd77:2::2")));
        assertEquals(List.of(V6_UDP, V6_TCP_EST, V6_ICMP, V6_PROC_DNS), kept(src("::/0")));
        assertEquals(List.of(V4_TCP_SYN, V4_TCP_EST, V4_TCP_TIME_WAIT, V4_UDP_DNS, V4_ICMP, V4_TCP_DESTROY_NO_STATE),
            kept(src("0.0.0.0/0")));
    }

    @Test
    void shouldMatchAnUncompressedProcAddressWithACompressedCidr() {
        assertEquals(List.of(V6_PROC_DNS), kept(src("fd52:ad42:910e::/48")));
        assertEquals(List.of(V6_PROC_DNS), kept(src("fd52:ad42:910e::64fa")));
        assertEquals(List.of(V6_PROC_DNS), kept(dst("fd21:36f9:644e::1/128")));
        assertEquals(List.of(), kept(src("fd52:ad42:910e::64fb")));
    }

    @Test
    void shouldMatchDestinationCidrsAgainstTheOriginalDestinationNotTheNatAddress() {
        assertEquals(List.of(V4_TCP_SYN, V4_TCP_EST, V4_TCP_TIME_WAIT, V4_UDP_DNS, V4_ICMP, V4_TCP_DESTROY_NO_STATE),
            kept(dst("172.20.77.2")));
        assertEquals(List.of(V6_UDP, V6_TCP_EST, V6_ICMP), kept(dst("fd77:2::2/127")));
        // 172.20.77.1 / fd77:2::1 are the reply destinations (the address the gateway translated to)
        assertEquals(List.of(), kept(dst("172.20.77.1/32", "fd77:2::1/128")));
        assertEquals("--dst 172.20.0.0/16,fd77:2::/64", dst("172.20.77.1/16,fd77:2::1/64", "172.20.0.0/16").describe());
    }

    @Test
    void shouldMatchPortsOnEitherEndOfTheOriginalTupleAndNeverWithoutPorts() {
        assertEquals(List.of(V4_UDP_DNS, V6_PROC_DNS), kept(port("53")));
        assertEquals(List.of(V4_TCP_TIME_WAIT, V6_TCP_EST), kept(port("8080")));
        // 53416 is the source port of the IPv6 tcp flow; 5000 the source port of the DNS query
        assertEquals(List.of(V4_UDP_DNS, V6_TCP_EST), kept(port("53416,5000-5000")));
        // every flow with ports has an ephemeral source port; icmp has none
        assertEquals(List.of(V4_TCP_SYN, V4_TCP_EST, V4_TCP_TIME_WAIT, V4_UDP_DNS, V6_UDP, V6_TCP_EST, V6_PROC_DNS,
            V4_TCP_DESTROY_NO_STATE), kept(port("1024-65535")));
        assertEquals(List.of(), kept(port("0", "54", "9091-9999", "65535")));
        assertEquals("--port 53,1024-65535,80", port("53", "1024 - 65535,80-80", "53").describe());
    }

    @Test
    void shouldRejectBadPortsAndRanges() {
        assertEquals("bad --port \"65536\": use a port 0-65535 or a range such as 1024-65535", error(() -> port("65536")));
        assertEquals("bad --port \"2000-1000\": the range must run from low to high", error(() -> port("2000-1000")));
        assertTrue(error(() -> port("http")).startsWith("bad --port \"http\""));
        assertTrue(error(() -> port("1024-")).startsWith("bad --port \"1024-\""));
        assertTrue(error(() -> port("-5")).startsWith("bad --port \"-5\""));
    }

    @Test
    void shouldMatchPrintedStatesInAnyCaseAndNeverRecordsWithoutAState() {
        assertEquals(List.of(V4_TCP_EST, V6_TCP_EST), kept(state("ESTABLISHED")));
        assertEquals(List.of(V4_TCP_SYN, V4_TCP_TIME_WAIT), kept(state("syn_sent,Time_Wait")));
        assertEquals(List.of(), kept(state("CLOSE", "SYN_RECV")));
        assertEquals("--state SYN_SENT,TIME_WAIT", state("syn_sent,Time_Wait", "SYN_SENT").describe());
    }

    @Test
    void shouldRefuseStatusBitsAsStatesAndPointAtStatus() {
        assertEquals("bad --state \"unreplied\": UNREPLIED is a status, not a state: use --status UNREPLIED",
            error(() -> state("unreplied")));
        assertEquals("bad --state \"ASSURED\": ASSURED is a status, not a state: use --status ASSURED",
            error(() -> state("ESTABLISHED,ASSURED")));
    }

    private static RecordFilter status(String... values) {
        FilterOptions o = new FilterOptions();
        o.statuses = List.of(values);
        return RecordFilters.flowEntry(o);
    }

    @Test
    void shouldMatchStatusBitsAsConntrackNamesThem() {
        assertEquals(List.of(V4_TCP_EST, V4_TCP_TIME_WAIT, V6_TCP_EST, V4_TCP_DESTROY_NO_STATE), kept(status("ASSURED")));
        // SEEN_REPLY: every line without [UNREPLIED]
        assertEquals(List.of(V4_TCP_EST, V4_TCP_TIME_WAIT, V6_TCP_EST, V6_PROC_DNS, V4_TCP_DESTROY_NO_STATE),
            kept(status("seen_reply")));
        assertEquals(List.of(), kept(status("OFFLOAD")));
        assertEquals("--status ASSURED,OFFLOAD", status("assured,OFFLOAD").describe());
        // UNREPLIED is decided per flow, not per record: no record test
        assertSame(RecordFilter.ALL, status("UNREPLIED"));
    }

    @Test
    void shouldRefuseStatusBitsTheTextNeverShows() {
        assertTrue(error(() -> status("FIXED_TIMEOUT")).contains("never shows FIXED_TIMEOUT"));
        assertTrue(error(() -> status("UNREPLIED,ASSURED")).contains("cannot be combined"));
        assertTrue(error(() -> status("ESTABLISHED")).startsWith("bad --status \"ESTABLISHED\": use UNREPLIED"));
    }

    @Test
    void shouldRejectUnknownStatesWithoutRegisteringThem() {
        int registered = ConnState.count();
        String message = error(() -> state("ESTABLISHED,ESTABLISHD"));
        assertTrue(message.startsWith("bad --state \"ESTABLISHD\": use one of NONE, SYN_SENT, SYN_RECV, ESTABLISHED,"),
            message);
        assertTrue(message.endsWith("(for UNREPLIED, ASSURED use --status)"), message);
        assertEquals(registered, ConnState.count());
    }

    @Test
    void shouldCombineOptionsWithAndAndValuesWithOr() {
        RecordFilter f = RecordFilters.of(List.of("tcp", "icmpv6"), List.of("10.77.0.0/16,fd77:1::/32"), none(),
            none(), List.of("ESTABLISHED,SYN_SENT"));
        assertEquals(List.of(V4_TCP_SYN, V4_TCP_EST, V6_TCP_EST), kept(f));

        RecordFilter withPort = RecordFilters.of(List.of("tcp,icmp"), none(), List.of("172.20.77.2"), List.of("9090"),
            none());
        assertEquals(List.of(V4_TCP_SYN, V4_TCP_EST, V4_TCP_DESTROY_NO_STATE), kept(withPort));
    }

    @Test
    void shouldDescribeTheFilterInOptionOrderWithNormalizedValues() {
        RecordFilter f = RecordFilters.of(List.of("TCP,udp", "tcp"), List.of("10.1.2.3/8"), List.of("2001:DB8::1"),
            List.of("80-80", "1024-65535"), List.of("established"));
        assertEquals("--proto tcp,udp --src 10.0.0.0/8 --dst 2001:db8::1/128 --port 80,1024-65535 --state ESTABLISHED",
            f.describe());
        assertEquals("--src 10.0.0.0/8", src("10.0.0.0/8").describe());
    }

    @Test
    void shouldRejectEmptyItemsAndNameTheOption() {
        assertEquals("bad --proto \"tcp,,udp\": empty item", error(() -> proto("tcp,,udp")));
        assertEquals("bad --src \"\": empty item", error(() -> src("")));
        assertEquals("bad CIDR \"10.0.0.0/33\": prefix length must be 0-32", error(() -> src("10.0.0.0/8, 10.0.0.0/33")));
    }

    @Test
    void shouldNotAllocateWhileTestingRecords() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        RecordFilter f = RecordFilters.of(List.of("tcp,udp"), List.of("10.0.0.0/8,fd77:1::/32"),
            List.of("172.20.77.2,fd77:2::/64"), List.of("53,1024-65535"), List.of("ESTABLISHED,SYN_SENT"));
        ConntrackRecord[] records = new ConntrackRecord[ALL_LINES.length];
        for (int i = 0; i < records.length; i++) {
            records[i] = record(ALL_LINES[i]);
        }
        long thread = Thread.currentThread().getId();
        int kept = 0;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int round = 0; round < 20_000; round++) {
            for (int i = 0; i < records.length; i++) {
                if (f.test(records[i])) {
                    kept++;
                }
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(20_000 * kept(f).size(), kept);
        // 200 000 calls: one 16-byte object per call would be 3.2 MB; allow for the measuring itself
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes");
    }
}
