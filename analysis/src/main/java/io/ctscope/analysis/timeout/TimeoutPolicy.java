package io.ctscope.analysis.timeout;

import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;

/**
 * The kernel's timeout rules: which setting times an entry in a given protocol, state and status, and
 * what a packet refreshes it to (nf_conntrack_proto_{tcp,udp,icmp,icmpv6,sctp,gre,generic}.c).
 * <ul>
 *   <li>TCP: the timeout of the state the packet leaves the entry in; on retransmits, unacknowledged
 *       data or a zero window the refresh is capped at {@code tcp_timeout_max_retrans}/{@code
 *       _unacknowledged} (300 s) when the state's own timeout is longer; SYN_SENT2 has no sysctl (120 s).</li>
 *   <li>UDP/UDPlite: {@code udp_timeout} until the entry has seen a reply (the reply itself still gets
 *       it: the seen-reply bit is set after the handler); then a packet more than 2 s after creation
 *       gets {@code udp_timeout_stream} and sets [ASSURED] (before 5.0: any packet after the reply).
 *       So an [ASSURED] UDP entry is on the stream timeout, any other on {@code udp_timeout}.</li>
 *   <li>GRE: {@code gre_timeout} until a packet after the reply, then {@code gre_timeout_stream} and [ASSURED].</li>
 *   <li>ICMP/ICMPv6: their own timeout for every packet; SCTP and DCCP per state; the rest generic.</li>
 * </ul>
 */
public final class TimeoutPolicy {
    /** SYN_SENT2 (simultaneous open) is timed by a constant, not a sysctl. */
    public static final long TCP_SYN_SENT2_SECONDS = 120;
    private static final long UDP_STREAM_AGE_MICROS = 2_000_000;

    private final int[] tcpByState = new int[ConnState.MAX_STATES];
    private final int[] sctpByState = new int[ConnState.MAX_STATES];
    private final int[] dccpByState = new int[ConnState.MAX_STATES];
    private final int synSent2 = ConnState.code("SYN_SENT2");
    private final KernelRules rules;

    public TimeoutPolicy(KernelRules rules) {
        this.rules = rules;
        java.util.Arrays.fill(tcpByState, -1);
        java.util.Arrays.fill(sctpByState, -1);
        java.util.Arrays.fill(dccpByState, -1);
        map(tcpByState, "SYN_SENT", Setting.TCP_SYN_SENT);
        map(tcpByState, "SYN_RECV", Setting.TCP_SYN_RECV);
        map(tcpByState, "ESTABLISHED", Setting.TCP_ESTABLISHED);
        map(tcpByState, "FIN_WAIT", Setting.TCP_FIN_WAIT);
        map(tcpByState, "CLOSE_WAIT", Setting.TCP_CLOSE_WAIT);
        map(tcpByState, "LAST_ACK", Setting.TCP_LAST_ACK);
        map(tcpByState, "TIME_WAIT", Setting.TCP_TIME_WAIT);
        map(tcpByState, "CLOSE", Setting.TCP_CLOSE);
        map(sctpByState, "CLOSED", Setting.SCTP_CLOSED);
        map(sctpByState, "COOKIE_WAIT", Setting.SCTP_COOKIE_WAIT);
        map(sctpByState, "COOKIE_ECHOED", Setting.SCTP_COOKIE_ECHOED);
        map(sctpByState, "ESTABLISHED", Setting.SCTP_ESTABLISHED);
        map(sctpByState, "SHUTDOWN_SENT", Setting.SCTP_SHUTDOWN_SENT);
        map(sctpByState, "SHUTDOWN_RECD", Setting.SCTP_SHUTDOWN_RECD);
        map(sctpByState, "SHUTDOWN_ACK_SENT", Setting.SCTP_SHUTDOWN_ACK_SENT);
        map(sctpByState, "HEARTBEAT_SENT", Setting.SCTP_HEARTBEAT_SENT);
        map(dccpByState, "REQUEST", Setting.DCCP_REQUEST);
        map(dccpByState, "RESPOND", Setting.DCCP_RESPOND);
        map(dccpByState, "PARTOPEN", Setting.DCCP_PARTOPEN);
        map(dccpByState, "OPEN", Setting.DCCP_OPEN);
        map(dccpByState, "CLOSEREQ", Setting.DCCP_CLOSEREQ);
        map(dccpByState, "CLOSING", Setting.DCCP_CLOSING);
        map(dccpByState, "TIMEWAIT", Setting.DCCP_TIMEWAIT);
    }

    private static void map(int[] table, String state, Setting s) {
        table[ConnState.code(state)] = s.ordinal();
    }

    public KernelRules rules() {
        return rules;
    }

    /**
     * The ordinal of the {@link Setting} timing an entry of {@code protocol} in {@code state} (a
     * {@link ConnState} code, or {@link ConnState#NONE}) with status {@code flags}; -1 when no sysctl
     * does (TCP SYN_SENT2, a state name this kernel model does not know).
     */
    public int settingFor(int protocol, int state, int flags) {
        switch (protocol) {
            case Protocols.TCP:
                return byState(tcpByState, state);
            case Protocols.UDP:
            case Protocols.UDPLITE:
                return (Flags.has(flags, Flags.ASSURED) ? Setting.UDP_STREAM : Setting.UDP).ordinal();
            case Protocols.ICMP:
                return Setting.ICMP.ordinal();
            case Protocols.ICMPV6:
                return Setting.ICMPV6.ordinal();
            case Protocols.GRE:
                return (Flags.has(flags, Flags.ASSURED) ? Setting.GRE_STREAM : Setting.GRE).ordinal();
            case Protocols.SCTP:
                return byState(sctpByState, state);
            case Protocols.DCCP:
                return byState(dccpByState, state);
            default:
                return Setting.GENERIC.ordinal();
        }
    }

    private static int byState(int[] table, int state) {
        return state >= 0 && state < table.length ? table[state] : -1;
    }

    /** The full timeout an entry of this kind gets from {@code settings}; -1 when nothing known times it. */
    public long timeoutFor(TimeoutSettings settings, int protocol, int state, int flags) {
        int s = settingFor(protocol, state, flags);
        if (s >= 0) {
            return settings.get(s);
        }
        return protocol == Protocols.TCP && state == synSent2 ? TCP_SYN_SENT2_SECONDS : -1;
    }

    /**
     * A TCP refresh: the state's timeout, cut to the retransmit/unacknowledged cap when {@code capped}
     * (the packet was a retransmit, left data unacknowledged or saw a zero window) and the state's own
     * timeout is longer than the cap.
     */
    public long tcpRefresh(TimeoutSettings settings, int state, boolean capped) {
        long t = timeoutFor(settings, Protocols.TCP, state, 0);
        long cap = settings.tcpCap();
        return capped && t > cap ? cap : t;
    }

    /** Whether an entry timed by {@code t} seconds can show a capped refresh: its state's timeout exceeds the cap. */
    public static boolean cappable(TimeoutSettings settings, long t) {
        return t > settings.tcpCap();
    }

    /**
     * UDP (and GRE): whether a packet at {@code ageMicros} after the entry's creation, on an entry that
     * has {@code seenReply} before this packet, moves it to the stream timeout and sets [ASSURED].
     */
    public boolean udpGoesStream(boolean seenReply, long ageMicros) {
        if (!seenReply) {
            return false;
        }
        return !rules.udpTwoSecondRule() || ageMicros > UDP_STREAM_AGE_MICROS;
    }
}
