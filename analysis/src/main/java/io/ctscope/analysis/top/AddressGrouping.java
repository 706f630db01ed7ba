package io.ctscope.analysis.top;

import io.ctscope.ingest.record.Addresses;

/**
 * Cuts addresses to the prefix the operator groups by ({@code --group /24}, {@code /64}) and writes
 * them as key text: {@code 10.1.2.0/24}, {@code 2001:db8:1:2::/64}, or the bare address when not
 * grouped (/32, /128). Keys keep an address as {@code [family, hi, lo]}, IPv4 in the low 32 bits of lo.
 */
final class AddressGrouping {
    static final int ADDRESS_WIDTH = 3;

    final int v4Bits;
    final int v6Bits;
    private final long v4Mask;
    private final long v6HiMask;
    private final long v6LoMask;

    AddressGrouping(int v4Bits, int v6Bits) {
        this.v4Bits = Math.max(0, Math.min(32, v4Bits));
        this.v6Bits = Math.max(0, Math.min(128, v6Bits));
        v4Mask = this.v4Bits == 0 ? 0 : (0xffff_ffffL << (32 - this.v4Bits)) & 0xffff_ffffL;
        v6HiMask = leadingOnes(this.v6Bits);
        v6LoMask = leadingOnes(this.v6Bits - 64);
    }

    /** A long whose top {@code bits} bits are set (0 or fewer: none, 64 or more: all). */
    private static long leadingOnes(int bits) {
        if (bits <= 0) {
            return 0;
        }
        return bits >= 64 ? -1L : -1L << (64 - bits);
    }

    /** Writes {@code [family, hi, lo]} of the grouped address at {@code key[off, off + 3)}. */
    void put(long[] key, int off, int family, long hi, long lo) {
        key[off] = family(family);
        key[off + 1] = hi(family, hi);
        key[off + 2] = lo(family, lo);
    }

    /** A pair key of 5 longs: {@code [family, srcHi, srcLo, dstHi, dstLo]}, both addresses grouped. */
    void putPair(long[] key, int family, long srcHi, long srcLo, long dstHi, long dstLo) {
        key[0] = family(family);
        key[1] = hi(family, srcHi);
        key[2] = lo(family, srcLo);
        key[3] = hi(family, dstHi);
        key[4] = lo(family, dstLo);
    }

    /** Anything but IPv6 is held as IPv4, so that a key decoded from a sketch item compares equal. */
    private static int family(int family) {
        return family == Addresses.AF_INET6 ? Addresses.AF_INET6 : Addresses.AF_INET;
    }

    private long hi(int family, long hi) {
        return family == Addresses.AF_INET6 ? hi & v6HiMask : 0;
    }

    private long lo(int family, long lo) {
        return family == Addresses.AF_INET6 ? lo & v6LoMask : lo & v4Mask;
    }

    /** Appends the grouped address {@code (family, hi, lo)} as key text. */
    void append(StringBuilder sb, int family, long hi, long lo) {
        Addresses.append(sb, family, hi, lo);
        int bits = family == Addresses.AF_INET6 ? v6Bits : v4Bits;
        if (bits < (family == Addresses.AF_INET6 ? 128 : 32)) {
            sb.append('/').append(bits);
        }
    }
}
