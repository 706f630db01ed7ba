package io.ctscope.ingest.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Word-at-a-time ("SIMD within a register") scanning of ASCII text: eight bytes are read as one
 * little-endian long, so byte {@code i} of the text is bits {@code 8i..8i+7} and the first match is the
 * lowest marked byte ({@link Long#numberOfTrailingZeros} / 8). Every mask here is exact for every byte
 * (no borrow or carry crosses a byte), so a mask can be trusted beyond its first mark.
 *
 * <p>Scans never look past {@code end} in their result, but a word may be read across it (up to the
 * array's end): callers clamp. Within the last seven bytes of an array the scans fall back to bytes.
 */
public final class Swar {
    /** Bytes per word. */
    static final int WORD = Long.BYTES;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGH = 0x8080808080808080L;
    private static final long SPACES = ONES * ' ';
    private static final long TABS = ONES * '\t';
    private static final long EQUALS = ONES * '=';
    private static final long NEWLINES = ONES * '\n';
    /** Subtracted to mark the bytes below {@code '!'}: blanks, and control bytes. */
    private static final long BELOW_BANG = ONES * '!';
    private static final long ZEROS = ONES * '0';
    private static final long NIBBLE_HIGH = 0xf0f0f0f0f0f0f0f0L;
    private static final long SIX = ONES * 6;
    private static final long LOW_NIBBLES = 0x0f0f0f0f0f0f0f0fL;

    private Swar() {
    }

    /** The eight bytes at {@code i} (which must be at most {@code b.length - 8}). */
    static long load(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /**
     * Up to eight bytes at {@code i}, none at or past {@code end}: a missing byte reads as 0, which is no
     * character any scan or key here looks for.
     */
    static long loadUpTo(byte[] b, int i, int end) {
        int n = end - i;
        if (i <= b.length - WORD) {
            return n >= WORD ? load(b, i) : n <= 0 ? 0 : lowBytes(load(b, i), n);
        }
        long w = 0;
        for (int k = Math.min(n, WORD) - 1; k >= 0; k--) {
            w = (w << 8) | (b[i + k] & 0xff);
        }
        return w;
    }

    /** The low {@code n} bytes of a word (n from 0 to 8). */
    static long lowBytes(long w, int n) {
        return n >= WORD ? w : w & ((1L << (n << 3)) - 1);
    }

    /** The high bit of every byte of {@code w} that is 0. */
    static long zeroBytes(long w) {
        return ~(((w & LOW7) + LOW7) | w | LOW7);
    }

    /** The high bit of every byte of {@code w} that is a space or a tab. */
    static long blanks(long w) {
        return zeroBytes(w ^ SPACES) | zeroBytes(w ^ TABS);
    }

    /** The high bit of every byte that is not a decimal digit (exact from the first byte up to the first mark). */
    static long nonDigits(long w) {
        long t = ((w & NIBBLE_HIGH) ^ ZEROS) | (((w + SIX) & NIBBLE_HIGH) ^ ZEROS);
        return (((t & LOW7) + LOW7) | t) & HIGH;
    }

    /**
     * The value of the first {@code n} (1 to 8) bytes of {@code w}, all decimal digits, the first byte the
     * most significant: the digits are moved to the top of the word (the bytes below become leading
     * zeros), then pairs, quads and octets are combined by three multiplications.
     */
    static long digitsValue(long w, int n) {
        long v = (w & LOW_NIBBLES) << ((WORD - n) << 3);
        v = (v * 2561) >>> 8;
        v = ((v & 0x00ff00ff00ff00ffL) * 6553601) >>> 16;
        return ((v & 0x0000ffff0000ffffL) * 42949672960001L) >>> 32;
    }

    /** Index of the first byte a mask marks, 8 when it marks none. */
    static int first(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }

    /**
     * The first space or tab at or after {@code p}, or {@code end}. A word is first tested for any byte
     * below {@code '!'} (three operations; the lowest such byte is marked exactly); only that byte is
     * then looked at, and a control byte that is no blank resumes the scan after it.
     */
    static int tokenEnd(byte[] b, int p, int end) {
        int i = p;
        int words = b.length - WORD;
        while (i < end) {
            if (i > words) {
                return tokenEndBytewise(b, i, end);
            }
            long w = load(b, i);
            long m = (w - BELOW_BANG) & ~w & HIGH;
            if (m != 0) {
                int k = i + first(m);
                if (k >= end) {
                    return end;
                }
                if (b[k] == ' ' || b[k] == '\t') {
                    return k;
                }
                i = k + 1;
                continue;
            }
            i += WORD;
        }
        return Math.max(p, end);
    }

    /**
     * The first byte at or after {@code p} that is neither a space nor a tab, or {@code end}. Most calls
     * stand on a single blank between two tokens, so the first two bytes are looked at before any word.
     */
    static int skipBlanks(byte[] b, int p, int end) {
        if (p >= end || (b[p] != ' ' && b[p] != '\t')) {
            return p;
        }
        int i = p + 1;
        if (i >= end || (b[i] != ' ' && b[i] != '\t')) {
            return i;
        }
        int words = b.length - WORD;
        while (i < end) {
            if (i > words) {
                return skipBlanksBytewise(b, i, end);
            }
            long m = ~blanks(load(b, i)) & HIGH;
            if (m != 0) {
                return Math.min(end, i + first(m));
            }
            i += WORD;
        }
        return end;
    }

    /** The first {@code '='}, space or tab at or after {@code p}, or {@code end}. */
    static int keyEnd(byte[] b, int p, int end) {
        int i = p;
        int words = b.length - WORD;
        while (i < end) {
            if (i > words) {
                while (i < end && b[i] != '=' && b[i] != ' ' && b[i] != '\t') {
                    i++;
                }
                return i;
            }
            long w = load(b, i);
            long m = blanks(w) | zeroBytes(w ^ EQUALS);
            if (m != 0) {
                return Math.min(end, i + first(m));
            }
            i += WORD;
        }
        return Math.max(p, end);
    }

    /** The first {@code '\n'} in {@code b[from, to)}, or -1: a word at a time (lines are long runs without one). */
    public static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        int words = b.length - WORD;
        while (i < to && i <= words) {
            long m = zeroBytes(load(b, i) ^ NEWLINES);
            if (m != 0) {
                int k = i + first(m);
                return k < to ? k : -1;
            }
            i += WORD;
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int tokenEndBytewise(byte[] b, int p, int end) {
        while (p < end && b[p] != ' ' && b[p] != '\t') {
            p++;
        }
        return p;
    }

    private static int skipBlanksBytewise(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }
}
