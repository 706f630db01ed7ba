package io.ctscope.analysis.timeout;

/**
 * The conntrack timeout sysctls, by their canonical name (the file name under
 * {@code /proc/sys/net/netfilter}), with the kernel defaults. Defaults are those of a 6.x kernel
 * (checked on 6.18 in a fresh namespace); {@link KernelRules} knows what older kernels used instead.
 * The two TCP caps are not state timeouts: they bound the refresh on retransmits and unacknowledged
 * data, and only bite in a state whose own timeout is longer.
 */
public enum Setting {
    TCP_SYN_SENT("nf_conntrack_tcp_timeout_syn_sent", 120),
    TCP_SYN_RECV("nf_conntrack_tcp_timeout_syn_recv", 60),
    TCP_ESTABLISHED("nf_conntrack_tcp_timeout_established", 432_000),
    TCP_FIN_WAIT("nf_conntrack_tcp_timeout_fin_wait", 120),
    TCP_CLOSE_WAIT("nf_conntrack_tcp_timeout_close_wait", 60),
    TCP_LAST_ACK("nf_conntrack_tcp_timeout_last_ack", 30),
    TCP_TIME_WAIT("nf_conntrack_tcp_timeout_time_wait", 120),
    TCP_CLOSE("nf_conntrack_tcp_timeout_close", 10),
    TCP_MAX_RETRANS("nf_conntrack_tcp_timeout_max_retrans", 300),
    TCP_UNACKNOWLEDGED("nf_conntrack_tcp_timeout_unacknowledged", 300),
    UDP("nf_conntrack_udp_timeout", 30),
    UDP_STREAM("nf_conntrack_udp_timeout_stream", 120),
    ICMP("nf_conntrack_icmp_timeout", 30),
    ICMPV6("nf_conntrack_icmpv6_timeout", 30),
    GENERIC("nf_conntrack_generic_timeout", 600),
    GRE("nf_conntrack_gre_timeout", 30),
    GRE_STREAM("nf_conntrack_gre_timeout_stream", 180),
    SCTP_CLOSED("nf_conntrack_sctp_timeout_closed", 10),
    SCTP_COOKIE_WAIT("nf_conntrack_sctp_timeout_cookie_wait", 3),
    SCTP_COOKIE_ECHOED("nf_conntrack_sctp_timeout_cookie_echoed", 3),
    SCTP_ESTABLISHED("nf_conntrack_sctp_timeout_established", 210),
    SCTP_SHUTDOWN_SENT("nf_conntrack_sctp_timeout_shutdown_sent", 3),
    SCTP_SHUTDOWN_RECD("nf_conntrack_sctp_timeout_shutdown_recd", 3),
    SCTP_SHUTDOWN_ACK_SENT("nf_conntrack_sctp_timeout_shutdown_ack_sent", 3),
    SCTP_HEARTBEAT_SENT("nf_conntrack_sctp_timeout_heartbeat_sent", 30),
    DCCP_REQUEST("nf_conntrack_dccp_timeout_request", 240),
    DCCP_RESPOND("nf_conntrack_dccp_timeout_respond", 240),
    DCCP_PARTOPEN("nf_conntrack_dccp_timeout_partopen", 480),
    DCCP_OPEN("nf_conntrack_dccp_timeout_open", 43_200),
    DCCP_CLOSEREQ("nf_conntrack_dccp_timeout_closereq", 64),
    DCCP_CLOSING("nf_conntrack_dccp_timeout_closing", 64),
    DCCP_TIMEWAIT("nf_conntrack_dccp_timeout_timewait", 240);

    private static final Setting[] ALL = values();

    /** Canonical sysctl name, e.g. {@code nf_conntrack_udp_timeout}. */
    public final String sysctl;
    /** Default on a current (6.x) kernel, seconds. */
    public final long defaultSeconds;

    Setting(String sysctl, long defaultSeconds) {
        this.sysctl = sysctl;
        this.defaultSeconds = defaultSeconds;
    }

    public static int count() {
        return ALL.length;
    }

    public static Setting of(int ordinal) {
        return ALL[ordinal];
    }

    /** The setting with this canonical name, or null. */
    public static Setting byName(String canonical) {
        for (Setting s : ALL) {
            if (s.sysctl.equals(canonical)) {
                return s;
            }
        }
        return null;
    }

    /** The short spelling used in reports and keys ({@code udp_timeout}, {@code tcp_timeout_established}). */
    public String shortName() {
        return sysctl.substring("nf_conntrack_".length());
    }

    public boolean isTcpCap() {
        return this == TCP_MAX_RETRANS || this == TCP_UNACKNOWLEDGED;
    }
}
