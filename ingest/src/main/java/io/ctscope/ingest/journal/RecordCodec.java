package io.ctscope.ingest.journal;

import io.ctscope.ingest.record.ConntrackRecord;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The journal's record format: writes {@link RecordLayoutV2} (compact, checksummed, version {@value #VERSION}),
 * reads it and the previous {@link RecordLayoutV1} (304 fixed bytes), and refuses any other version by name.
 * One excerpt is one record. Reuses its buffers: no allocation per record on either side.
 */
public final class RecordCodec {
    /** The version written. */
    public static final int VERSION = RecordLayoutV2.VERSION;
    /** The oldest version still read. */
    public static final int OLDEST_READ = 1;

    private final RecordLayoutV2 v2 = new RecordLayoutV2();
    private final RecordLayoutV1 v1 = new RecordLayoutV1();

    /** Writes {@code r} (with the input offset just past its line) at {@code out}'s write position. */
    public void encode(ConntrackRecord r, long endOffset, Bytes<?> out) {
        int length = v2.encode(r, endOffset);
        out.write(v2.encoded(), 0, length);
    }

    /**
     * Reads the record at {@code in}'s read position (the rest of the excerpt) into {@code r}; returns the end
     * offset of its line.
     *
     * @throws JournalDamageException when the record is damaged (checksum, a version 0 or short record)
     * @throws IllegalStateException when the record is of a version this build does not read
     */
    public long decode(Bytes<?> in, ConntrackRecord r) {
        long at = in.readPosition();
        long remaining = in.readRemaining();
        if (remaining < 1) {
            throw new JournalDamageException("empty record");
        }
        int version = in.readUnsignedByte(at);
        if (version == RecordLayoutV2.VERSION) {
            if (remaining > Integer.MAX_VALUE) {
                throw new JournalDamageException("record of " + remaining + " bytes");
            }
            int n = (int) remaining;
            byte[] buf = v2.decodeBuffer(n);
            in.read(buf, 0, n);
            return v2.decode(r);
        }
        if (version == 1) {
            try {
                return v1.decode(in, r);
            } catch (IllegalStateException shortRecord) {
                throw new JournalDamageException(shortRecord.getMessage());
            }
        }
        if (version == 0) {
            throw new JournalDamageException("record format version 0 (zeroed bytes)");
        }
        throw new IllegalStateException("journal record format version " + version + ": this build reads versions "
            + OLDEST_READ + " to " + VERSION + " (a newer ctscope wrote it)");
    }
}
