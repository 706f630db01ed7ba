package io.ctscope.ingest.sysctl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The conntrack sysctls and their three spellings. The canonical name is the file name under
 * {@code /proc/sys/net/netfilter} ({@code nf_conntrack_udp_timeout}); also accepted are
 * {@code net.netfilter.nf_conntrack_udp_timeout}, the 2.6-era {@code net.ipv4.netfilter.ip_conntrack_udp_timeout},
 * the short {@code udp_timeout}, {@code net.nf_conntrack_max}, the RHEL 6 {@code net.ipv6.nf_conntrack_frag6_*},
 * slashes for dots and a {@code /proc/sys/} prefix, as sysctl(8) accepts them.
 */
public final class SysctlNames {
    static final String PREFIX = "nf_conntrack_";
    private static final String LEGACY_PREFIX = "ip_conntrack_";

    private static final Map<String, SysctlKind> KNOWN = table();

    private SysctlNames() {
    }

    private static Map<String, SysctlKind> table() {
        Map<String, SysctlKind> m = new LinkedHashMap<>();
        for (String s : new String[] {"syn_sent", "syn_recv", "established", "fin_wait", "close_wait", "last_ack",
            "time_wait", "close", "max_retrans", "unacknowledged"}) {
            m.put(PREFIX + "tcp_timeout_" + s, SysctlKind.TIMEOUT);
        }
        for (String s : new String[] {"udp_timeout", "udp_timeout_stream", "icmp_timeout", "icmpv6_timeout",
            "generic_timeout", "gre_timeout", "gre_timeout_stream", "frag6_timeout", "events_retry_timeout"}) {
            m.put(PREFIX + s, SysctlKind.TIMEOUT);
        }
        for (String s : new String[] {"closed", "cookie_wait", "cookie_echoed", "established", "shutdown_sent",
            "shutdown_recd", "shutdown_ack_sent", "heartbeat_sent", "heartbeat_acked"}) {
            m.put(PREFIX + "sctp_timeout_" + s, SysctlKind.TIMEOUT);
        }
        for (String s : new String[] {"request", "respond", "partopen", "open", "closereq", "closing", "timewait"}) {
            m.put(PREFIX + "dccp_timeout_" + s, SysctlKind.TIMEOUT);
        }
        for (String s : new String[] {"max", "buckets", "expect_max", "frag6_high_thresh", "frag6_low_thresh",
            "tcp_max_retrans"}) {
            m.put(PREFIX + s, SysctlKind.LIMIT);
        }
        m.put(PREFIX + "count", SysctlKind.GAUGE);
        for (String s : new String[] {"acct", "checksum", "events", "timestamp", "helper", "log_invalid", "tcp_loose",
            "tcp_be_liberal", "tcp_ignore_invalid_rst", "dccp_loose"}) {
            m.put(PREFIX + s, SysctlKind.SWITCH);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Every canonical name known, in a stable order (TCP timeouts first). */
    public static Set<String> known() {
        return KNOWN.keySet();
    }

    /** The kind of a known canonical name, or empty. */
    public static Optional<SysctlKind> kind(String canonical) {
        return Optional.ofNullable(KNOWN.get(canonical));
    }

    /** {@code nf_conntrack_udp_timeout} → {@code udp_timeout}; the name operators type with {@code --set}. */
    public static String shortName(String canonical) {
        return canonical.startsWith(PREFIX) ? canonical.substring(PREFIX.length()) : canonical;
    }

    /**
     * The canonical name of a conntrack sysctl in any of its spellings, known or not
     * ({@code net.netfilter.nf_conntrack_new_thing} is kept as {@code nf_conntrack_new_thing}); empty for
     * names that are not conntrack's, such as {@code net.ipv4.vs.conntrack} (IPVS) or {@code kernel.pid_max}.
     * A short name ({@code udp_timeout}) is recognised only when it is known.
     */
    public static Optional<String> canonical(String raw) {
        String n = raw.trim().toLowerCase(Locale.ROOT).replace('/', '.');
        while (n.startsWith(".")) {
            n = n.substring(1);
        }
        if (n.startsWith("proc.sys.")) {
            n = n.substring("proc.sys.".length());
        }
        String leaf;
        if (n.startsWith("net.netfilter.")) {
            leaf = n.substring("net.netfilter.".length());
        } else if (n.startsWith("net.ipv4.netfilter.")) {
            leaf = n.substring("net.ipv4.netfilter.".length());
        } else if (n.startsWith("net.ipv6.") && n.startsWith(PREFIX + "frag6_", "net.ipv6.".length())) {
            leaf = n.substring("net.ipv6.".length());
        } else if (n.equals("net." + PREFIX + "max")) {
            leaf = PREFIX + "max";
        } else if (n.indexOf('.') < 0) {
            leaf = n;
        } else {
            return Optional.empty();
        }
        if (leaf.startsWith(LEGACY_PREFIX)) {
            leaf = PREFIX + leaf.substring(LEGACY_PREFIX.length());
        }
        if (leaf.startsWith(PREFIX) && leaf.length() > PREFIX.length()) {
            return Optional.of(leaf);
        }
        return KNOWN.containsKey(PREFIX + leaf) ? Optional.of(PREFIX + leaf) : Optional.empty();
    }

    /** The canonical name of a known sysctl, or empty when the name is unknown in every spelling. */
    public static Optional<String> knownCanonical(String raw) {
        return canonical(raw).filter(KNOWN::containsKey);
    }

    /** The known sysctl whose short name is nearest to {@code raw} (edit distance), for "did you mean". */
    public static String closest(String raw) {
        String probe = canonical(raw).map(SysctlNames::shortName).orElse(raw.trim().toLowerCase(Locale.ROOT));
        int dot = probe.lastIndexOf('.');
        if (dot >= 0) {
            probe = shortName(probe.substring(dot + 1).replace(LEGACY_PREFIX, PREFIX));
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : KNOWN.keySet()) {
            int d = distance(probe, shortName(name));
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
