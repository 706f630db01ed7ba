package io.ctscope.ingest.parse;

import io.ctscope.ingest.record.Tuple;

/**
 * Parses IPv4 dotted quads and IPv6 text (compressed {@code fd77::2}, fully expanded
 * {@code 2001:0db8:0000:...}, and with a trailing dotted quad) in place into two longs.
 * Results are left in {@link #hi}/{@link #lo}/{@link #family}; each parse returns false on bad input.
 */
public final class InetParser {
    public long hi;
    public long lo;
    /** 4 or 6 after a successful parse. */
    public int family;
    /** After an IPv6 parse: whether the text used {@code ::}, and whether a group had leading zeros. */
    public boolean compressed;
    public boolean padded;

    private final int[] groups = new int[8];

    /** End of the token read by the last {@link #parseToken} call. */
    public int tokenEnd;

    /**
     * Parses the address that starts at {@code off} and runs to the next blank (or {@code end}), in one
     * pass for IPv4; sets {@link #tokenEnd}. False when it is not an address. An octet is read from its
     * three bytes at once (no loop per digit, whose exit the branch predictor keeps missing).
     */
    public boolean parseToken(byte[] b, int off, int end) {
        long addr = 0;
        int p = off;
        for (int octet = 0; octet < 4; octet++) {
            if (p + 3 > end) {
                return parseTokenBytewise(b, off, end);
            }
            int d0 = b[p] - '0';
            int d1 = b[p + 1] - '0';
            int d2 = b[p + 2] - '0';
            int value;
            if (d0 < 0 || d0 > 9) {
                return notIpv4(b, off, p, end);
            } else if (d1 < 0 || d1 > 9) {
                value = d0;
                p += 1;
            } else if (d2 < 0 || d2 > 9) {
                value = d0 * 10 + d1;
                p += 2;
            } else {
                value = d0 * 100 + d1 * 10 + d2;
                p += 3;
                if (value > 255 || (p < end && Ascii.isDigit(b[p]))) {
                    return notIpv4(b, off, p, end);
                }
            }
            addr = (addr << 8) | value;
            if (octet < 3) {
                if (p == end || b[p] != '.') {
                    return notIpv4(b, off, p, end);
                }
                p++;
            }
        }
        if (p == end || b[p] == ' ' || b[p] == '\t') {
            return ipv4(addr, p);
        }
        return notIpv4(b, off, p, end);
    }

    /** {@link #parseToken} a byte at a time, for an address within three bytes of the end. */
    private boolean parseTokenBytewise(byte[] b, int off, int end) {
        long addr = 0;
        int octets = 0;
        int p = off;
        while (true) {
            int value = 0;
            int digits = 0;
            while (p < end) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                value = value * 10 + d;
                p++;
                digits++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                break;
            }
            addr = (addr << 8) | value;
            octets++;
            if (octets == 4) {
                if (p == end || b[p] == ' ' || b[p] == '\t') {
                    return ipv4(addr, p);
                }
                break;
            }
            if (p == end || b[p] != '.') {
                break;
            }
            p++;
        }
        return notIpv4(b, off, p, end);
    }

    /** The IPv4 address {@code addr} was read, up to {@code tokenEnd}. */
    private boolean ipv4(long addr, int tokenEnd) {
        this.tokenEnd = tokenEnd;
        hi = 0;
        lo = addr;
        family = 4;
        return true;
    }

    /**
     * The address just parsed becomes {@code t}'s source or destination; false (and {@code t} unchanged)
     * when the tuple's other address is of the other family.
     */
    public boolean storeInto(Tuple t, boolean source) {
        if (t.addrFamily != 0 && t.addrFamily != family) {
            return false;
        }
        t.addrFamily = family;
        if (source) {
            t.srcHi = hi;
            t.srcLo = lo;
            t.hasSrc = true;
        } else {
            t.dstHi = hi;
            t.dstLo = lo;
            t.hasDst = true;
        }
        return true;
    }

    /** The token at {@code off} is no IPv4 address (it is read up to {@code p}): IPv6, if it has a ':'. */
    private boolean notIpv4(byte[] b, int off, int p, int end) {
        int q = Swar.tokenEnd(b, p, end);
        tokenEnd = q;
        return hasColon(b, off, q) && parseIpv6(b, off, q);
    }

    /** IPv4 in one pass when it is one (the common case); IPv6 when the text has a ':'. */
    public boolean parse(byte[] b, int off, int end) {
        long v4 = ipv4(b, off, end);
        if (v4 >= 0) {
            hi = 0;
            lo = v4;
            family = 4;
            return true;
        }
        return hasColon(b, off, end) && parseIpv6(b, off, end);
    }

    private static boolean hasColon(byte[] b, int off, int end) {
        return Ascii.indexOf(b, off, end, (byte) ':') >= 0;
    }

    /** The address as an unsigned 32-bit value, or -1. */
    private static long ipv4(byte[] b, int off, int end) {
        long addr = 0;
        int octets = 0;
        int p = off;
        while (p < end) {
            int value = 0;
            int digits = 0;
            while (p < end && Ascii.isDigit(b[p])) {
                value = value * 10 + (b[p] - '0');
                digits++;
                p++;
                if (digits > 3) {
                    return -1;
                }
            }
            if (digits == 0 || value > 255) {
                return -1;
            }
            addr = (addr << 8) | value;
            octets++;
            if (p < end) {
                if (b[p] != '.' || octets == 4) {
                    return -1;
                }
                p++;
                if (p == end) {
                    return -1;
                }
            }
        }
        return octets == 4 ? addr : -1;
    }

    public boolean parseIpv6(byte[] b, int off, int end) {
        int[] g = groups;
        int n = 0;
        int gap = -1;
        boolean zeroPadded = false;
        int p = off;
        if (end - off < 2) {
            return false;
        }
        if (b[p] == ':') {
            if (b[p + 1] != ':') {
                return false;
            }
            gap = 0;
            p += 2;
        }
        while (p < end) {
            if (n == 8) {
                return false;
            }
            int start = p;
            int value = 0;
            while (p < end && p - start < 5) {
                int d = Ascii.hexDigit(b[p]);
                if (d < 0) {
                    break;
                }
                value = (value << 4) | d;
                p++;
            }
            int digits = p - start;
            if (p < end && b[p] == '.') {
                // trailing dotted quad, e.g. ::ffff:10.0.0.1
                long v4 = ipv4(b, start, end);
                if (v4 < 0 || n > 6) {
                    return false;
                }
                g[n++] = (int) (v4 >>> 16);
                g[n++] = (int) (v4 & 0xffff);
                p = end;
                break;
            }
            if (digits == 0 || digits > 4) {
                return false;
            }
            if (digits > 1 && b[start] == '0') {
                zeroPadded = true;
            }
            g[n++] = value;
            if (p == end) {
                break;
            }
            if (b[p] != ':') {
                return false;
            }
            p++;
            if (p < end && b[p] == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = n;
                p++;
            } else if (p == end) {
                return false;
            }
        }
        if (gap < 0 && n != 8) {
            return false;
        }
        if (gap >= 0 && n > 7) {
            return false;
        }
        long h = 0;
        long l = 0;
        int fill = 8 - n;
        int gi = 0;
        for (int i = 0; i < 8; i++) {
            int v;
            if (gap >= 0 && i >= gap && i < gap + fill) {
                v = 0;
            } else {
                v = g[gi++];
            }
            if (i < 4) {
                h = (h << 16) | v;
            } else {
                l = (l << 16) | v;
            }
        }
        hi = h;
        lo = l;
        family = 6;
        compressed = gap >= 0;
        padded = zeroPadded;
        return true;
    }
}
