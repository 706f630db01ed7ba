package io.ctscope.analysis.whatif;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.timeout.Setting;
import io.ctscope.analysis.timeout.TimeoutSettings;
import io.ctscope.analysis.timeout.TimeoutSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ctscope.analysis.whatif.WhatifLines.T0;
import static io.ctscope.analysis.whatif.WhatifLines.destroyUdp;
import static io.ctscope.analysis.whatif.WhatifLines.newUdp;
import static io.ctscope.analysis.whatif.WhatifLines.num;
import static io.ctscope.analysis.whatif.WhatifLines.propose;
import static io.ctscope.analysis.whatif.WhatifLines.run;
import static io.ctscope.analysis.whatif.WhatifLines.seriesAt;
import static io.ctscope.analysis.whatif.WhatifLines.tcpEvent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event-stream projection on hand-made captures whose answer follows from the kernel's rule: an
 * entry lives from its first packet to its last packet plus the timeout of its state.
 */
class ProjectionTest {
    @Test
    void shouldEndEachQuietFlowAtItsLastPacketPlusTheProposedTimeout() {
        Report r = run(propose(Setting.UDP, 10), List.of(
            newUdp(0, 1000, 30), newUdp(5, 1001, 30),
            destroyUdp(30, 1000), destroyUdp(35, 1001)));
        assertEquals(2, num(r, "current.peak"));
        assertEquals(2, num(r, "projected.peak"));
        assertEquals(T0 + 5, num(r, "projected.peak_ts"));
        assertArrayEquals(new long[] {T0 + 8, 2, 2, 2}, seriesAt(r, 8));
        assertArrayEquals(new long[] {T0 + 12, 1, 1, 1}, seriesAt(r, 12));
        assertArrayEquals(new long[] {T0 + 20, 0, 0, 0}, seriesAt(r, 20));
        assertEquals("stream", r.get("timeouts.source.udp_timeout"), "NEW printed 30: read off the stream");
        assertEquals(30L, r.get("timeouts.current.udp_timeout"));
        assertEquals(10L, r.get("timeouts.proposed.udp_timeout"));
    }

    @Test
    void shouldWidenTheBandWhenTheDestroyCameLaterThanTheTimeoutExplains() {
        // quiet at 0, or active until 60 - 30 = 30 without an event: the band spans both
        Report r = run(propose(Setting.UDP, 10), List.of(newUdp(0, 1000, 30), destroyUdp(60, 1000)));
        assertArrayEquals(new long[] {T0 + 15, 1, 0, 1}, seriesAt(r, 15));
        assertArrayEquals(new long[] {T0 + 45, 0, 0, 0}, seriesAt(r, 45));
    }

    @Test
    void shouldCountCensoredFlowsAndBoundThemByTheirLastEventAndTheEnd() {
        Report r = run(propose(Setting.UDP, 10), List.of(
            newUdp(0, 1000, 30),
            newUdp(100, 2000, 30), destroyUdp(100.5, 2000)));
        assertEquals(1, num(r, "censored.flows"));
        // low: quiet since 0, gone at 10; high: active to the end; point: last packet at 100.5 - 30 = 70.5
        assertArrayEquals(new long[] {T0 + 50, 1, 0, 1}, seriesAt(r, 50));
        assertArrayEquals(new long[] {T0 + 80, 1, 0, 1}, seriesAt(r, 80));
        assertArrayEquals(new long[] {T0 + 81, 0, 0, 1}, seriesAt(r, 81));
        assertEquals(1, num(r, "censored.ended_in_capture"), "the point ends it at 80, inside the capture");
        assertEquals(1L, r.get("censored.drain_bound.within_1m"), "applied now it keeps its 30 s expiry at most");
        assertTrue(String.valueOf(r.get("censored.treatment")).contains("last"));
    }

    @Test
    void shouldBoundAFlowSeenOnlyAsItsDestroyWithoutCallingItKilled() {
        // the unseen flow was due at 25 under 30 s: its last packet came at -5 at the latest, before the capture
        Report r = run(propose(Setting.UDP, 10), List.of(
            newUdp(0, 1000, 30), destroyUdp(25, 2000), destroyUdp(30, 1000)));
        assertArrayEquals(new long[] {T0 + 3, 2, 1, 2}, seriesAt(r, 3));
        assertArrayEquals(new long[] {T0 + 6, 1, 1, 1}, seriesAt(r, 6));
        assertEquals(0, num(r, "evidence.destroyed_early"));
    }

    @Test
    void shouldTakeTheExpiryFromAKtimestampStop() {
        // DESTROY 15 s after the expiry the kernel back-dated stop= to (06:20:30, T0 + 30 s): last packet at 0
        String destroy = destroyUdp(45, 1000) + " [start=Thu Nov 21 06:20:00 2024] [stop=Thu Nov 21 06:20:30 2024]";
        Report r = run(propose(Setting.UDP, 10), List.of(newUdp(0, 1000, 30), destroy));
        assertEquals(1, num(r, "evidence.ktimestamp_stop"));
        assertEquals(14.5, ((Number) r.get("evidence.lag_median_s")).doubleValue(), 1e-6, "stop is whole seconds: its middle");
        // the expiry lies in [30, 31): the last packet in [0, 1), the proposed end in [10, 11); a point is the
        // value just before its interval's end, so an entry ending at 10 s still counts at the 10 s point
        assertArrayEquals(new long[] {T0 + 10, 1, 1, 1}, seriesAt(r, 10));
        assertArrayEquals(new long[] {T0 + 11, 0, 0, 1}, seriesAt(r, 11));
        assertArrayEquals(new long[] {T0 + 12, 0, 0, 0}, seriesAt(r, 12), "without the stop, high would run to 25 s");
    }

    @Test
    void shouldProjectARaisePastTheDestroy() {
        Report r = run(propose(Setting.UDP, 60), List.of(
            newUdp(0, 1000, 30), destroyUdp(30, 1000),
            newUdp(40, 1001, 30), destroyUdp(70, 1001)));
        assertEquals(1, num(r, "current.peak"));
        assertEquals(2, num(r, "projected.peak"), "under 60 s the first flow is still there when the second starts");
        assertEquals(T0 + 40, num(r, "projected.peak_ts"));
    }

    @Test
    void shouldMeasureTheReapingLagOnFlowsThatEndedInTimeWait() {
        Report r = run(propose(Setting.UDP, 10), List.of(
            tcpEvent(0, "NEW", 120, "SYN_SENT", 4000).replace(" [ASSURED]", ""),
            tcpEvent(0.5, "UPDATE", 120, "TIME_WAIT", 4000),
            tcpEvent(0.5 + 120 + 20, "DESTROY", -1, "TIME_WAIT", 4000),
            newUdp(0, 1000, 30), destroyUdp(100, 1000)));
        assertEquals(20.0, ((Number) r.get("evidence.lag_median_s")).doubleValue(), 1e-6);
        assertEquals(1, num(r, "evidence.known_last_packet"));
        // the UDP flow's DESTROY is 70 s after its last event: more than 30 s + the 20 s lag can explain,
        // so it was active without events; the point puts its last packet at 100 - 30 - 20 = 50
        assertArrayEquals(new long[] {T0 + 55, 2, 1, 2}, seriesAt(r, 55));
        // TIME_WAIT is not proposed: the TCP flow stays to 120.5 in every curve; high ends the UDP one at 80
        assertArrayEquals(new long[] {T0 + 61, 1, 1, 2}, seriesAt(r, 61));
    }

    @Test
    void shouldKeepFlowsUnderAPerRuleTimeoutAtTheirObservedTimeout() {
        Report r = run(propose(Setting.UDP, 10), List.of(
            newUdp(0, 1000, 30), newUdp(0, 1001, 30), newUdp(0, 1002, 300),
            destroyUdp(30, 1000), destroyUdp(30, 1001), destroyUdp(300, 1002)));
        assertEquals(1, num(r, "evidence.per_rule"));
        assertEquals(30L, r.get("timeouts.current.udp_timeout"), "the value most flows printed");
        assertArrayEquals(new long[] {T0 + 20, 1, 1, 1}, seriesAt(r, 20));
        assertArrayEquals(new long[] {T0 + 299, 1, 1, 1}, seriesAt(r, 299));
    }

    @Test
    void shouldCountAnIdleGapLongerThanTheProposalAsAtRisk() {
        Report r = run(propose(Setting.TCP_ESTABLISHED, 3600), List.of(
            tcpEvent(0, "UPDATE", 432000, "ESTABLISHED", 5000),
            tcpEvent(7200, "UPDATE", 120, "FIN_WAIT", 5000),
            tcpEvent(7201, "UPDATE", 120, "TIME_WAIT", 5000),
            tcpEvent(7321, "DESTROY", -1, "TIME_WAIT", 5000)));
        assertEquals(1, num(r, "at_risk.cuts"));
        assertEquals(1L, r.get("at_risk.by_state.tcp/ESTABLISHED"));
        @SuppressWarnings("unchecked")
        Map<String, Object> example = ((List<Map<String, Object>>) r.get("at_risk.examples")).get(0);
        assertEquals(7200L, example.get("idle_s"));
        // the low curve leaves it out from 3600 to 7200 s, where the proposal could have cut it
        assertArrayEquals(new long[] {T0 + 5000, 1, 0, 1}, seriesAt(r, 5000));
    }

    @Test
    void shouldWarnWhenTheStreamContradictsTheSettingsFile() {
        TimeoutSettings file = WhatifLines.defaults();
        file.set(Setting.UDP, 60, TimeoutSource.FILE);
        Report r = run(WhatifLines.withCurrent(propose(Setting.UDP, 10), file), List.of(
            newUdp(0, 1000, 30), destroyUdp(30, 1000)));
        assertEquals("stream", r.get("timeouts.source.udp_timeout"));
        assertEquals("default", r.get("timeouts.source.tcp_timeout_established"));
        @SuppressWarnings("unchecked")
        List<String> warnings = (List<String>) r.get("timeouts.warnings");
        assertEquals(List.of("udp_timeout: the stream shows 30 s in force (1 events), the file says 60 s; using the stream's value"),
            warnings);
    }
}
