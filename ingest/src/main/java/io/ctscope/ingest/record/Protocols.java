package io.ctscope.ingest.record;

import java.nio.charset.StandardCharsets;

/** Layer-4 protocol numbers and the names conntrack prints for them. */
public final class Protocols {
    public static final int ICMP = 1;
    public static final int IGMP = 2;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int DCCP = 33;
    public static final int GRE = 47;
    public static final int ICMPV6 = 58;
    public static final int VRRP = 112;
    public static final int SCTP = 132;
    public static final int UDPLITE = 136;

    public static final int MAX = 255;

    private static final int[] NAMED = {TCP, UDP, ICMP, ICMPV6, SCTP, DCCP, GRE, UDPLITE, IGMP};
    private static final String[] NAMES = new String[MAX + 1];
    private static final byte[][] NAME_BYTES = new byte[MAX + 1][];

    static {
        for (int i = 0; i <= MAX; i++) {
            NAMES[i] = "unknown";
        }
        NAMES[ICMP] = "icmp";
        NAMES[TCP] = "tcp";
        NAMES[UDP] = "udp";
        NAMES[DCCP] = "dccp";
        NAMES[GRE] = "gre";
        NAMES[ICMPV6] = "icmpv6";
        NAMES[SCTP] = "sctp";
        NAMES[UDPLITE] = "udplite";
        for (int i = 0; i <= MAX; i++) {
            NAME_BYTES[i] = NAMES[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Protocols() {
    }

    /** The name conntrack prints for a protocol number: {@code unknown} for those it has no tracker for. */
    public static String name(int protocol) {
        return protocol >= 0 && protocol <= MAX ? NAMES[protocol] : "unknown";
    }

    /** The name used in reports: the conntrack name, or {@code unknown/N} so that IGMP and VRRP stay apart. */
    public static String reportName(int protocol) {
        String name = name(protocol);
        return "unknown".equals(name) ? "unknown/" + protocol : name;
    }

    public static boolean hasPorts(int protocol) {
        return protocol == TCP || protocol == UDP || protocol == SCTP || protocol == DCCP || protocol == UDPLITE;
    }

    public static boolean isIcmp(int protocol) {
        return protocol == ICMP || protocol == ICMPV6;
    }

    public static boolean hasState(int protocol) {
        return protocol == TCP || protocol == SCTP || protocol == DCCP;
    }

    /** True when {@code bytes[off, off+len)} is a name conntrack prints for some protocol (or {@code unknown}). */
    public static boolean isKnownName(byte[] bytes, int off, int len) {
        for (int p : NAMED) {
            if (nameMatches(p, bytes, off, len)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code bytes[off, off+len)} is the conntrack name of {@code protocol}. */
    public static boolean nameMatches(int protocol, byte[] bytes, int off, int len) {
        byte[] name = NAME_BYTES[protocol];
        if (name.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (name[i] != bytes[off + i]) {
                return false;
            }
        }
        return true;
    }
}
