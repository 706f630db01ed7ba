package io.ctscope.analysis.whatif;

import io.ctscope.analysis.ParsedLines;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.timeout.Setting;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ctscope.analysis.whatif.WhatifLines.num;
import static io.ctscope.analysis.whatif.WhatifLines.propose;
import static io.ctscope.analysis.whatif.WhatifLines.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dump evidence: idle = timeout in force - seconds left, exact to the second, with the TCP cap kept apart. */
class RemovedNowTest {
    private static String tcp(long left, String state, int port) {
        return "ipv4     2 tcp      6 " + left + " " + state + " src=10.0.0.2 dst=172.16.0.2 sport=" + port
            + " dport=443 src=172.16.0.2 dst=172.16.0.1 sport=443 dport=" + port + " [ASSURED] mark=0 zone=0 use=2";
    }

    private static String udp(long left, String flags, int port) {
        return "ipv4     2 udp      17 " + left + " src=10.0.0.3 dst=172.16.0.3 sport=" + port
            + " dport=53 src=172.16.0.3 dst=172.16.0.1 sport=53 dport=" + port + flags + " mark=0 zone=0 use=2";
    }

    @Test
    void shouldRemoveEntriesIdleLongerThanTheProposalAndKeepTheCappedAmbiguousOnes() {
        WhatifOptions o = propose(Setting.TCP_ESTABLISHED, 3600);
        o.propose(Setting.TCP_TIME_WAIT, 10);
        Report r = run(o, List.of(
            tcp(432_000 - 3601, "ESTABLISHED", 1),  // idle 3601 s > 3600: removed
            tcp(432_000 - 3600, "ESTABLISHED", 2),  // idle 3600 s: not over it, kept
            tcp(299, "ESTABLISHED", 3),             // 299 s left: maybe live under the 300 s cap
            tcp(300, "ESTABLISHED", 4),             // likewise
            tcp(109, "TIME_WAIT", 5),               // idle 11 s > 10; TIME_WAIT is never capped
            tcp(115, "TIME_WAIT", 6)));             // idle 5 s
        assertEquals(6, num(r, "removed_now.entries"));
        assertEquals(2, num(r, "removed_now.removed"));
        assertEquals(4, num(r, "removed_now.left"));
        assertEquals(2, num(r, "removed_now.ambiguous"));
        assertEquals(1L, r.get("removed_now.by_state.tcp/ESTABLISHED.removed"));
        assertEquals(2L, r.get("removed_now.by_state.tcp/ESTABLISHED.ambiguous"));
        assertEquals(1L, r.get("removed_now.by_state.tcp/TIME_WAIT.removed"));
        assertEquals("table now 6 \u2192 4 (2 idle past the proposal, 2 ambiguous kept)", r.get("verdict"));
    }

    @Test
    void shouldTimeAssuredUdpByTheStreamTimeoutAndKeepOffloadAndOverlongEntries() {
        WhatifOptions o = propose(Setting.UDP, 5);
        o.propose(Setting.UDP_STREAM, 60);
        Report r = run(o, List.of(
            udp(24, "", 1),                 // udp_timeout 30: idle 6 > 5
            udp(26, "", 2),                 // idle 4
            udp(100, " [ASSURED]", 3),      // stream 120: idle 20
            udp(50, " [ASSURED]", 4),       // idle 70 > 60
            udp(50, "", 5),                 // 50 s left of a 30 s timeout: a per-rule timeout (or lowered since)
            udp(10, " [OFFLOAD]", 6)));
        assertEquals(2, num(r, "removed_now.removed"));
        assertEquals(1, num(r, "removed_now.above_setting"));
        assertEquals(1, num(r, "removed_now.offload"));
        assertEquals(0, num(r, "removed_now.ambiguous"));
    }

    @Test
    void shouldScheduleTheDrainByTheSecondsLeft() {
        Report r = run(propose(Setting.UDP, 5), List.of(udp(24, "", 1), udp(20, "", 2), udp(28, "", 3)));
        assertEquals(2L, r.get("removed_now.drain.within_1m"));
        @SuppressWarnings("unchecked")
        List<long[]> series = (List<long[]>) r.get("removed_now.drain.series");
        assertArrayEquals(new long[] {0, 2, 3}, series.get(0));
        assertArrayEquals(new long[] {20, 2, 3}, series.get(20), "printed 20 s left: still there at 20 s");
        assertArrayEquals(new long[] {21, 1, 2}, series.get(21));
        assertArrayEquals(new long[] {25, 0, 1}, series.get(25));
        assertArrayEquals(new long[] {29, 0, 0}, series.get(series.size() - 1));
    }

    @Test
    void shouldPrintOneDeleteCommandPerRemovedEntryWithItsTuple() {
        WhatifOptions o = propose(Setting.UDP, 5);
        o.propose(Setting.ICMPV6, 5);
        o.deleteCommands = true;
        WhatifReport w = new WhatifReport(new ReportOptions(), o);
        ParsedLines.feed(w.builder(), List.of(
            udp(24, "", 1),
            udp(29, "", 2),
            "ipv6     10 udp      17 20 src=fd00:0000:0000:0000:0000:0000:0000:0002 dst=fd00:0000:0000:0000:0000:0000:0000:0053"
                + " sport=4000 dport=53 zone-orig=7 src=fd00::53 dst=fd00::2 sport=53 dport=4000 mark=0 use=2",
            "ipv6     10 icmpv6   58 1 src=fd00::2 dst=fd00::1 type=128 code=0 id=77 src=fd00::1 dst=fd00::2 type=129 code=0"
                + " id=77 mark=0 zone=3 use=2"));
        w.builder().build(new InputSummary());
        assertEquals(List.of(
            "conntrack -D -f ipv4 -p udp -s 10.0.0.3 -d 172.16.0.3 --sport 1 --dport 53 -w 0",
            "conntrack -D -f ipv6 -p udp -s fd00::2 -d fd00::53 --sport 4000 --dport 53 --orig-zone 7",
            "conntrack -D -f ipv6 -p icmpv6 -s fd00::2 -d fd00::1 --icmp-type 128 --icmp-code 0 --icmp-id 77 -w 3"),
            w.analyzer().deleteCommands());
    }

    @Test
    void shouldJudgeOnlyTheLastDumpWhenSeveralAreRead() {
        WhatifReport w = new WhatifReport(new ReportOptions(), propose(Setting.UDP, 5));
        int[] source = {0};
        io.ctscope.ingest.decode.RecordSink sink = rec -> {
            rec.source = source[0];
            w.builder().accept(rec);
        };
        ParsedLines.feed(sink, udp(24, "", 1), udp(24, "", 2));
        source[0] = 1;
        ParsedLines.feed(sink, udp(29, "", 1), udp(20, "", 3));
        Report r = w.builder().build(new InputSummary());
        assertEquals(2, num(r, "removed_now.entries"));
        assertEquals(1, num(r, "removed_now.removed"));
    }
}
