package io.ctscope.ingest.journal;

/**
 * Writes a record's bytes into one reusable array: unsigned LEB128 varints (7 bits a byte, low first, high
 * bit = more follow; any 64-bit pattern, at most 10 bytes), zigzag varints for values that may be negative,
 * fixed little-endian words. Grows only when a record is larger than any before it.
 */
final class ByteSink {
    byte[] buf = new byte[256];
    int pos;

    void reset(int at) {
        pos = at;
    }

    private void room(int n) {
        if (pos + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    void u8(int v) {
        room(1);
        buf[pos++] = (byte) v;
    }

    void varLong(long v) {
        room(10);
        while ((v & ~0x7fL) != 0) {
            buf[pos++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void zigzag(long v) {
        varLong((v << 1) ^ (v >> 63));
    }

    void int32(int v) {
        room(4);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 24);
    }

    void int64(long v) {
        int32((int) v);
        int32((int) (v >>> 32));
    }

    void int32At(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    void bytes(byte[] src, int off, int len) {
        room(len);
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }
}
