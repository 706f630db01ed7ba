package io.ctscope.ingest.parse;

import java.nio.charset.StandardCharsets;

/**
 * A short, printable excerpt of input bytes for a message: control characters and bytes outside
 * printable ASCII become {@code \xNN}, and the excerpt is cut at {@code max} characters with "...",
 * so nothing from the input reaches a terminal with control characters intact (cold path).
 */
public final class Excerpt {
    private Excerpt() {
    }

    public static String of(byte[] b, int off, int end, int max) {
        StringBuilder sb = new StringBuilder(Math.min(end - off, max) + 8);
        for (int i = off; i < end; i++) {
            if (sb.length() >= max) {
                sb.append("...");
                break;
            }
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    /** True when the bytes hold a control character other than tab, CR, LF, FF, VT (binary data, not text). */
    public static boolean isBinary(byte[] b, int off, int end) {
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    public static String of(String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return of(b, 0, b.length, max);
    }
}
