package io.ctscope.analysis.filter;

import io.ctscope.ingest.parse.InetParser;
import io.ctscope.ingest.record.Addresses;

import java.nio.charset.StandardCharsets;

/**
 * An address block, IPv4 ({@code 10.0.0.0/8}, {@code 10.0.0.2} = /32) or IPv6 ({@code 2001:db8::/32},
 * {@code fd77::2} = /128), held as a network and a mask on the same (hi, lo) longs the records use, so
 * that {@link #matches} is two ANDs and two compares. A block matches addresses of its own family only:
 * an IPv4 block never matches an IPv6 record (not even a v4-mapped one) and vice versa.
 *
 * <p>Host bits written after the prefix are dropped ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}), as
 * routing tables do; {@link #toString} gives the canonical form, always with its prefix length.
 */
public final class Cidr {
    private static final long IPV4_BITS = 0xffff_ffffL;

    private final int family;
    private final int prefixLength;
    private final long networkHi;
    private final long networkLo;
    private final long maskHi;
    private final long maskLo;

    private Cidr(int family, int prefixLength, long hi, long lo) {
        this.family = family;
        this.prefixLength = prefixLength;
        if (family == Addresses.AF_INET) {
            this.maskHi = 0;
            this.maskLo = prefixLength == 0 ? 0 : (IPV4_BITS << (32 - prefixLength)) & IPV4_BITS;
        } else {
            // Java shifts by (n mod 64), so the whole-word cases must be spelled out.
            this.maskHi = prefixLength == 0 ? 0 : prefixLength >= 64 ? -1L : -1L << (64 - prefixLength);
            this.maskLo = prefixLength <= 64 ? 0 : prefixLength == 128 ? -1L : -1L << (128 - prefixLength);
        }
        this.networkHi = hi & maskHi;
        this.networkLo = lo & maskLo;
    }

    /**
     * Parses {@code address[/length]}; without a length the block is the single address.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        InetParser inet = new InetParser();
        byte[] b = address.getBytes(StandardCharsets.US_ASCII);
        if (address.isEmpty() || !inet.parse(b, 0, b.length)) {
            throw bad(text, "not an IPv4 or IPv6 address");
        }
        int family = inet.family == 6 ? Addresses.AF_INET6 : Addresses.AF_INET;
        int maxLength = family == Addresses.AF_INET6 ? 128 : 32;
        int length = slash < 0 ? maxLength : prefixLength(text, s.substring(slash + 1), maxLength);
        return new Cidr(family, length, inet.hi, inet.lo);
    }

    private static int prefixLength(String text, String digits, int maxLength) {
        if (digits.isEmpty() || digits.length() > 3) {
            throw bad(text, "prefix length must be 0-" + maxLength);
        }
        int value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(text, "prefix length must be 0-" + maxLength);
            }
            value = value * 10 + (c - '0');
        }
        if (value > maxLength) {
            throw bad(text, "prefix length must be 0-" + maxLength);
        }
        return value;
    }

    private static IllegalArgumentException bad(String text, String reason) {
        return new IllegalArgumentException("bad CIDR \"" + text + "\": " + reason);
    }

    /** True when the address ({@code family} as in {@code ConntrackRecord.family}) lies in this block. */
    public boolean matches(int addressFamily, long hi, long lo) {
        return addressFamily == family && (hi & maskHi) == networkHi && (lo & maskLo) == networkLo;
    }

    /** {@link Addresses#AF_INET} or {@link Addresses#AF_INET6}. */
    public int family() {
        return family;
    }

    public int prefixLength() {
        return prefixLength;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Cidr)) {
            return false;
        }
        Cidr c = (Cidr) o;
        return family == c.family && prefixLength == c.prefixLength && networkHi == c.networkHi && networkLo == c.networkLo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(networkHi * 31 + networkLo) * 31 + prefixLength * 17 + family;
    }

    /** Canonical text: the network address (RFC 5952 for IPv6), a slash and the prefix length. */
    @Override
    public String toString() {
        return Addresses.toString(family, networkHi, networkLo) + "/" + prefixLength;
    }
}
