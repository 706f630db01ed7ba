package io.ctscope.ingest.parse;

/**
 * In-place parsing of ASCII numbers and words over {@code (bytes, offset, end)} ranges. Failure is a
 * sentinel ({@link #INVALID}), never an exception, so the hot path stays free of throws and allocation.
 */
public final class Ascii {
    public static final long INVALID = -1L;
    /** Decimal digits past which a long could overflow. */
    private static final int MAX_DECIMAL_DIGITS = 18;

    private Ascii() {
    }

    /** Unsigned decimal in {@code [off, end)}, or {@link #INVALID} when empty, not all digits, or too long. */
    public static long parseUnsigned(byte[] b, int off, int end) {
        int len = end - off;
        if (len <= 0 || len > MAX_DECIMAL_DIGITS) {
            return len > MAX_DECIMAL_DIGITS ? parseLongUnsignedSlow(b, off, end) : INVALID;
        }
        long v = 0;
        for (int i = off; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return INVALID;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** 19-digit values up to {@link Long#MAX_VALUE} (nanosecond stamps, huge byte counters). */
    private static long parseLongUnsignedSlow(byte[] b, int off, int end) {
        if (end - off > 19) {
            return INVALID;
        }
        long v = 0;
        for (int i = off; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return INVALID;
            }
            if (v > (Long.MAX_VALUE - d) / 10) {
                return INVALID;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Unsigned hexadecimal with an optional {@code 0x} prefix, up to 15 digits; {@link #INVALID} otherwise. */
    public static long parseHex(byte[] b, int off, int end) {
        if (end - off > 2 && b[off] == '0' && (b[off + 1] == 'x' || b[off + 1] == 'X')) {
            off += 2;
        }
        int len = end - off;
        if (len <= 0 || len > 15) {
            return INVALID;
        }
        long v = 0;
        for (int i = off; i < end; i++) {
            int d = hexDigit(b[i]);
            if (d < 0) {
                return INVALID;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    public static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    public static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }

    public static boolean allDigits(byte[] b, int off, int end) {
        if (off >= end) {
            return false;
        }
        for (int i = off; i < end; i++) {
            if (!isDigit(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code b[off, end)} equals {@code word} (ASCII). */
    public static boolean equals(byte[] b, int off, int end, byte[] word) {
        if (end - off != word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[off + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code b[off, end)} starts with {@code prefix}. */
    public static boolean startsWith(byte[] b, int off, int end, byte[] prefix) {
        if (end - off < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Index of {@code needle} in {@code b[off, end)}, or -1. */
    public static int indexOf(byte[] b, int off, int end, byte[] needle) {
        int last = end - needle.length;
        outer:
        for (int i = off; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static int indexOf(byte[] b, int off, int end, byte c) {
        for (int i = off; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    public static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
