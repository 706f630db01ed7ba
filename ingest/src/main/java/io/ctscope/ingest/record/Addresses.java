package io.ctscope.ingest.record;

/** Formatting of addresses held as (hi, lo) longs. Allocates: for reports and messages, not the hot path. */
public final class Addresses {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    private Addresses() {
    }

    public static String toString(int family, long hi, long lo) {
        StringBuilder sb = new StringBuilder(40);
        append(sb, family, hi, lo);
        return sb.toString();
    }

    public static void append(StringBuilder sb, int family, long hi, long lo) {
        if (family == AF_INET6) {
            appendIpv6(sb, hi, lo);
        } else {
            appendIpv4(sb, (int) lo);
        }
    }

    public static void appendIpv4(StringBuilder sb, int addr) {
        sb.append((addr >>> 24) & 0xff).append('.')
            .append((addr >>> 16) & 0xff).append('.')
            .append((addr >>> 8) & 0xff).append('.')
            .append(addr & 0xff);
    }

    /**
     * RFC 5952 text: lower case, leading zeros dropped, the longest run (of 2 or more) of zero groups as
     * {@code ::}; an IPv4-mapped address with its IPv4 part dotted ({@code ::ffff:192.0.2.1}, RFC 5952 5).
     */
    public static void appendIpv6(StringBuilder sb, long hi, long lo) {
        if (hi == 0 && (lo >>> 32) == 0xffffL) {
            sb.append("::ffff:");
            appendIpv4(sb, (int) lo);
            return;
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestLen = j - i;
                bestStart = i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLen) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
    }
}
