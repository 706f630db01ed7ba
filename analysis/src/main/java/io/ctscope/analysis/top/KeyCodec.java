package io.ctscope.analysis.top;

import io.ctscope.ingest.record.Addresses;

/**
 * Turns a talker key into the single {@code long} a frequent-items sketch counts. Where the key fits
 * in 64 bits the item is the key itself and decodes without help; otherwise it is a 64-bit hash with
 * tag bits, and {@link HashedKeys} remembers the full key. Each dimension has its own sketch, so the
 * encodings only have to stay apart within one codec:
 *
 * <pre>
 * address ([family, hi, lo]):
 *   00.. / 11..  IPv6 prefix of /64 or shorter: the top 64 bits themselves. Every assigned IPv6 range
 *                lies here (::/2 holds 2000::/3 and ::1, c000::/2 holds fc00::/7, fe80::/10, ff00::/8)
 *   01 | 0.. | v4 IPv4 address (or prefix) in the low 32 bits
 *   10 | hash62  anything else: IPv6 longer than /64, or in the unassigned 4000::/2 and 8000::/2
 * pair ([family, srcHi, srcLo, dstHi, dstLo]):
 *   src32 | dst32 IPv4 pair whose source is outside 240.0.0.0/4 (reserved, never a real source)
 *   1111 | hash60 anything else (IPv6 pairs, sources in 240.0.0.0/4)
 * port ([protocol &lt;&lt; 16 | port]): the key itself, always
 * </pre>
 */
abstract class KeyCodec {
    static final KeyCodec PORT = new PortCodec();
    static final KeyCodec PAIR = new PairCodec();

    /** The codec for address keys when IPv6 is grouped by {@code v6Bits}. */
    static KeyCodec address(int v6Bits) {
        return new AddressCodec(v6Bits <= 64);
    }

    /** The sketch item for {@code key}. */
    abstract long encode(long[] key);

    /** Whether {@code item} is a hash whose key only {@link HashedKeys} knows. */
    abstract boolean isHashed(long item);

    /** Fills {@code key} from an item that is not hashed. */
    abstract void decode(long item, long[] key);

    /**
     * A 64-bit hash of {@code key[0, width)}: each long goes through the SplitMix64 finaliser, a
     * bijection with full avalanche, chained so that order matters. Accidental collisions between
     * distinct keys are about as likely as for a random 64-bit function.
     */
    static long hash(long[] key, int width) {
        long h = 0x243F_6A88_85A3_08D3L + width;
        for (int i = 0; i < width; i++) {
            h = mix(h + key[i] * 0x9E37_79B9_7F4A_7C15L);
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private static final class AddressCodec extends KeyCodec {
        private static final long TAG_MASK = 3L << 62;
        private static final long TAG_V4 = 1L << 62;
        private static final long TAG_HASH = 2L << 62;

        /** IPv6 keys are prefixes of at most 64 bits: lo is always 0. */
        private final boolean v6FitsInHi;

        AddressCodec(boolean v6FitsInHi) {
            this.v6FitsInHi = v6FitsInHi;
        }

        @Override
        long encode(long[] key) {
            if (key[0] != Addresses.AF_INET6) {
                return TAG_V4 | key[2];
            }
            long tag = key[1] & TAG_MASK;
            if (v6FitsInHi && (tag == 0 || tag == TAG_MASK)) {
                return key[1];
            }
            return TAG_HASH | (hash(key, AddressGrouping.ADDRESS_WIDTH) >>> 2);
        }

        @Override
        boolean isHashed(long item) {
            return (item & TAG_MASK) == TAG_HASH;
        }

        @Override
        void decode(long item, long[] key) {
            if ((item & TAG_MASK) == TAG_V4) {
                key[0] = Addresses.AF_INET;
                key[1] = 0;
                key[2] = item & 0xffff_ffffL;
            } else {
                key[0] = Addresses.AF_INET6;
                key[1] = item;
                key[2] = 0;
            }
        }
    }

    private static final class PairCodec extends KeyCodec {
        static final int WIDTH = 5;
        private static final long TAG_HASH = 0xFL << 60;

        @Override
        long encode(long[] key) {
            if (key[0] != Addresses.AF_INET6 && (key[2] >>> 28) != 0xF) {
                return (key[2] << 32) | key[4];
            }
            return TAG_HASH | (hash(key, WIDTH) >>> 4);
        }

        @Override
        boolean isHashed(long item) {
            return (item >>> 60) == 0xF;
        }

        @Override
        void decode(long item, long[] key) {
            key[0] = Addresses.AF_INET;
            key[1] = 0;
            key[2] = item >>> 32;
            key[3] = 0;
            key[4] = item & 0xffff_ffffL;
        }
    }

    private static final class PortCodec extends KeyCodec {
        @Override
        long encode(long[] key) {
            return key[0];
        }

        @Override
        boolean isHashed(long item) {
            return false;
        }

        @Override
        void decode(long item, long[] key) {
            key[0] = item;
        }
    }
}
