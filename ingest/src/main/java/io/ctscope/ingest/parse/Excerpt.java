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

    public static String of(String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return of(b, 0, b.length, max);
    }
}
