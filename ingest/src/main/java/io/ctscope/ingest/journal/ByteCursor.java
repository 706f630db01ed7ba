package io.ctscope.ingest.journal;

/**
 * Reads what {@link ByteSink} wrote, from one reusable array. Reading past the end, or a varint longer than
 * 10 bytes, is {@link JournalDamageException}: a record whose checksum matched cannot do that, so it means a
 * codec bug or a damaged old-format record.
 */
final class ByteCursor {
    byte[] buf = new byte[256];
    int pos;
    int end;

    /** Makes room for {@code n} bytes to be read in (grows only when a record is larger than any before). */
    byte[] fillable(int n) {
        if (n > buf.length) {
            buf = new byte[Math.max(n, buf.length * 2)];
        }
        pos = 0;
        end = n;
        return buf;
    }

    private void need(int n) {
        if (pos + n > end) {
            throw new JournalDamageException("record ends early (" + (end - pos) + " bytes left, " + n + " needed)");
        }
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    long varLong() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            need(1);
            byte b = buf[pos++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new JournalDamageException("malformed varint");
    }

    long zigzag() {
        long v = varLong();
        return (v >>> 1) ^ -(v & 1);
    }

    int int32() {
        need(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    long int64() {
        long lo = int32() & 0xffffffffL;
        return lo | (long) int32() << 32;
    }

    int int32At(int at) {
        return (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff) << 16 | (buf[at + 3] & 0xff) << 24;
    }
}
