package io.ctscope.analysis.timeout;

import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's timeout rules per protocol, driven by a fake clock: each expectation is the kernel's
 * default (nf_conntrack_proto_*.c, the values a fresh 6.18 namespace shows) or the rule as written there.
 */
class EntryTimerTest {
    private static final long S = 1_000_000L;
    private final long[] now = {1_000 * S};
    private final TimeoutPolicy policy = new TimeoutPolicy(KernelRules.CURRENT);
    private final TimeoutSettings defaults = new TimeoutSettings(KernelRules.CURRENT);

    private void advance(double seconds) {
        now[0] += (long) (seconds * S);
    }

    private EntryTimer entry(int protocol, String state) {
        return new EntryTimer(policy, defaults, () -> now[0], protocol, state == null ? ConnState.NONE : ConnState.code(state));
    }

    @Test
    void tcpGetsTheTimeoutOfTheStateEachPacketLeavesItIn() {
        EntryTimer e = entry(Protocols.TCP, "SYN_SENT");
        assertEquals(120, e.lastTimeout());
        advance(0.01);
        e.statePacket(true, ConnState.code("SYN_RECV"), false);
        assertEquals(60, e.lastTimeout());
        e.statePacket(false, ConnState.code("ESTABLISHED"), false);
        assertEquals(432_000, e.lastTimeout());
        e.statePacket(false, ConnState.code("FIN_WAIT"), false);
        assertEquals(120, e.lastTimeout());
        e.statePacket(true, ConnState.code("LAST_ACK"), false);
        assertEquals(30, e.lastTimeout());
        e.statePacket(false, ConnState.code("TIME_WAIT"), false);
        assertEquals(120, e.lastTimeout());
        advance(119.9);
        assertTrue(e.isLive());
        advance(0.2);
        assertFalse(e.isLive());
    }

    @Test
    void tcpRetransmitsAreCappedAt300OnlyInStatesWithALongerTimeout() {
        EntryTimer e = entry(Protocols.TCP, "SYN_SENT");
        e.statePacket(true, ConnState.code("SYN_RECV"), false);
        e.statePacket(false, ConnState.code("ESTABLISHED"), true);
        assertEquals(300, e.lastTimeout());
        assertEquals(300, e.remainingSeconds());
        e.statePacket(false, ConnState.code("TIME_WAIT"), true);
        assertEquals(120, e.lastTimeout(), "TIME_WAIT's 120 s is under the cap: never capped");
    }

    @Test
    void aRepeatedSynDoesNotRefresh() {
        EntryTimer e = entry(Protocols.TCP, "SYN_SENT");
        long due = e.expiresMicros();
        advance(3);
        e.statePacket(false, ConnState.code("SYN_SENT"), false);
        assertEquals(due, e.expiresMicros());
    }

    @Test
    void synSent2HasNoSysctlAndKeeps120() {
        assertEquals(-1, policy.settingFor(Protocols.TCP, ConnState.code("SYN_SENT2"), 0));
        TimeoutSettings low = new TimeoutSettings(KernelRules.CURRENT);
        low.set(Setting.TCP_SYN_SENT, 5, TimeoutSource.FILE);
        assertEquals(120, policy.timeoutFor(low, Protocols.TCP, ConnState.code("SYN_SENT2"), 0));
    }

    @Test
    void udpStaysOnUdpTimeoutUntilAPacketOfARepliedFlowOverTwoSecondsOld() {
        EntryTimer e = entry(Protocols.UDP, null);
        assertEquals(30, e.lastTimeout());
        advance(1);
        e.packet(true);
        assertEquals(30, e.lastTimeout(), "the reply itself: seen-reply is set after the handler");
        assertFalse(Flags.has(e.flags(), Flags.ASSURED));
        advance(0.5);
        e.packet(false);
        assertEquals(30, e.lastTimeout(), "replied but only 1.5 s old");
        assertFalse(Flags.has(e.flags(), Flags.ASSURED));
        advance(1);
        e.packet(false);
        assertEquals(120, e.lastTimeout(), "replied and 2.5 s old: stream");
        assertTrue(Flags.has(e.flags(), Flags.ASSURED));
        assertEquals(Setting.UDP_STREAM.ordinal(), policy.settingFor(Protocols.UDP, ConnState.NONE, e.flags()));
    }

    @Test
    void aRepliedUdpFlowThatGoesQuietKeepsThirtySeconds() {
        EntryTimer e = entry(Protocols.UDP, null);
        advance(0.01);
        e.packet(true);
        advance(29.9);
        assertTrue(e.isLive());
        advance(0.2);
        assertFalse(e.isLive());
        assertEquals(Setting.UDP.ordinal(), policy.settingFor(Protocols.UDP, ConnState.NONE, e.flags()));
    }

    @Test
    void anUnrepliedUdpFlowNeverGoesStream() {
        EntryTimer e = entry(Protocols.UDP, null);
        advance(10);
        e.packet(false);
        assertEquals(30, e.lastTimeout());
    }

    @Test
    void before50AnyPacketAfterTheReplyGoesStreamAt180() {
        TimeoutPolicy old = new TimeoutPolicy(KernelRules.BEFORE_5_0);
        TimeoutSettings oldDefaults = new TimeoutSettings(KernelRules.BEFORE_5_0);
        EntryTimer e = new EntryTimer(old, oldDefaults, () -> now[0], Protocols.UDP, ConnState.NONE);
        advance(0.1);
        e.packet(true);
        assertEquals(30, e.lastTimeout());
        advance(0.1);
        e.packet(false);
        assertEquals(180, e.lastTimeout(), "no 2 s rule before 5.0");
        assertTrue(Flags.has(e.flags(), Flags.ASSURED));
    }

    @Test
    void kernelReleasesPickTheirUdpRules() {
        assertEquals(KernelRules.BEFORE_5_0, KernelRules.forRelease("4.18.0-553.el8_10.x86_64"));
        assertEquals(KernelRules.BEFORE_5_0, KernelRules.forRelease("4.19.0-27-amd64"));
        assertEquals(KernelRules.BEFORE_5_0, KernelRules.forRelease("4.20.17"));
        assertEquals(KernelRules.CURRENT, KernelRules.forRelease("5.0"));
        assertEquals(KernelRules.CURRENT, KernelRules.forRelease("5.10.0-30-amd64"));
        assertEquals(KernelRules.CURRENT, KernelRules.forRelease("6.18.44-fc-v1045"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelRules.forRelease("latest"));
        assertEquals("bad kernel version \"latest\": use MAJOR.MINOR, e.g. 4.19 or 6.1", e.getMessage());
    }

    @Test
    void icmpAndIcmpv6RefreshToTheirOwnTimeout() {
        EntryTimer v4 = entry(Protocols.ICMP, null);
        EntryTimer v6 = entry(Protocols.ICMPV6, null);
        advance(1);
        v4.packet(true);
        v6.packet(true);
        assertEquals(30, v4.lastTimeout());
        assertEquals(30, v6.lastTimeout());
        TimeoutSettings s = new TimeoutSettings(KernelRules.CURRENT);
        s.set(Setting.ICMPV6, 7, TimeoutSource.FILE);
        assertEquals(30, policy.timeoutFor(s, Protocols.ICMP, ConnState.NONE, 0));
        assertEquals(7, policy.timeoutFor(s, Protocols.ICMPV6, ConnState.NONE, 0));
    }

    @Test
    void greGoesStreamAtThePacketAfterTheReply() {
        EntryTimer e = entry(Protocols.GRE, null);
        assertEquals(30, e.lastTimeout());
        e.packet(true);
        assertEquals(30, e.lastTimeout());
        e.packet(false);
        assertEquals(180, e.lastTimeout(), "GRE has no 2 s rule");
        assertTrue(Flags.has(e.flags(), Flags.ASSURED));
    }

    @Test
    void sctpAndDccpAreTimedPerState() {
        EntryTimer e = entry(Protocols.SCTP, "COOKIE_WAIT");
        assertEquals(3, e.lastTimeout());
        e.statePacket(true, ConnState.code("COOKIE_ECHOED"), false);
        assertEquals(3, e.lastTimeout());
        e.statePacket(false, ConnState.code("ESTABLISHED"), false);
        assertEquals(210, e.lastTimeout());
        e.statePacket(false, ConnState.code("HEARTBEAT_SENT"), false);
        assertEquals(30, e.lastTimeout());
        e.statePacket(false, ConnState.code("SHUTDOWN_SENT"), false);
        assertEquals(3, e.lastTimeout());
        assertEquals(43_200, policy.timeoutFor(defaults, Protocols.DCCP, ConnState.code("OPEN"), 0));
    }

    @Test
    void everyOtherProtocolIsGeneric() {
        EntryTimer vrrp = entry(Protocols.VRRP, null);
        assertEquals(600, vrrp.lastTimeout());
        assertEquals(Setting.GENERIC.ordinal(), policy.settingFor(Protocols.IGMP, ConnState.NONE, 0));
    }

    @Test
    void aDumpPrintsWholeSecondsLeftRoundedDown() {
        EntryTimer e = entry(Protocols.UDP, null);
        advance(0.4);
        assertEquals(29, e.remainingSeconds());
        advance(29.7);
        assertEquals(0, e.remainingSeconds());
        assertFalse(e.isLive());
    }
}
