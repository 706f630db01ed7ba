package io.ctscope.ingest.record;

import java.nio.charset.StandardCharsets;

/**
 * A reusable holder for a short free-text field (secctx, helper, labels, progname, ktimestamp text):
 * bytes are copied into a buffer that grows only when a longer value arrives, so steady-state parsing
 * allocates nothing. {@link #toString()} allocates and is for reports.
 */
public final class TextValue {
    private byte[] bytes = new byte[64];
    private int length;

    public void set(byte[] src, int off, int len) {
        if (len > bytes.length) {
            bytes = new byte[Math.max(len, bytes.length * 2)];
        }
        System.arraycopy(src, off, bytes, 0, len);
        length = len;
    }

    public void copyFrom(TextValue o) {
        set(o.bytes, 0, o.length);
    }

    public void clear() {
        length = 0;
    }

    public int length() {
        return length;
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
