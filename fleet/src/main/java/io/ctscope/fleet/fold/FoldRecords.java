package io.ctscope.fleet.fold;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The records of the fold's topic ({@code P+fleet}, compacted, partition p holding the fold of summaries
 * partition p). The key's first byte says what the record is, so compaction keeps the last of each:
 * <pre>
 * bucket   key 'b' | box utf | bucketMicros i64   value: the bucket's merged BoxSummary (SummaryCodec)
 * latest   key 'l' | box utf                      value: version u8 (1) | lastSeenMillis, lagRecords, lagMillis, lastIndex i64
 * progress key 'p' | partition i32                value: version u8 (1) | nextOffset i64 | skipped i64 | first problem utf
 *                                                         | foldedAtMillis i64 | instance utf
 * </pre>
 * {@code nextOffset} is the summaries offset the partition's state covers up to (exclusive): the state and
 * it are written in one transaction, so a reader that adds the summaries from there on has the whole
 * partition, exactly once.
 */
final class FoldRecords {
    static final byte BUCKET = 'b';
    static final byte LATEST = 'l';
    static final byte PROGRESS = 'p';
    static final int VERSION = 1;

    private FoldRecords() {
    }

    /** A progress value, decoded. */
    record Progress(long nextOffset, long skipped, String firstProblem, long foldedAtMillis, String instance) {
    }

    /** A latest value, decoded. */
    record Latest(long lastSeenMillis, long lagRecords, long lagMillis, long lastIndex) {
    }

    static byte[] bucketKey(String box, long bucketMicros) {
        return write(out -> {
            out.writeByte(BUCKET);
            out.writeUTF(box);
            out.writeLong(bucketMicros);
        });
    }

    static byte[] latestKey(String box) {
        return write(out -> {
            out.writeByte(LATEST);
            out.writeUTF(box);
        });
    }

    static byte[] progressKey(int partition) {
        return write(out -> {
            out.writeByte(PROGRESS);
            out.writeInt(partition);
        });
    }

    static byte[] latest(Latest l) {
        return write(out -> {
            out.writeByte(VERSION);
            out.writeLong(l.lastSeenMillis);
            out.writeLong(l.lagRecords);
            out.writeLong(l.lagMillis);
            out.writeLong(l.lastIndex);
        });
    }

    static byte[] progress(Progress p) {
        return write(out -> {
            out.writeByte(VERSION);
            out.writeLong(p.nextOffset);
            out.writeLong(p.skipped);
            out.writeUTF(p.firstProblem == null ? "" : p.firstProblem);
            out.writeLong(p.foldedAtMillis);
            out.writeUTF(p.instance);
        });
    }

    /** The box a bucket or latest key names. */
    static String box(byte[] key) {
        return read(key, 1, in -> in.readUTF());
    }

    static Latest latest(byte[] value) {
        return read(versioned(value, "latest"), 1, in -> new Latest(in.readLong(), in.readLong(), in.readLong(), in.readLong()));
    }

    static Progress progress(byte[] value) {
        return read(versioned(value, "progress"), 1, in -> {
            long next = in.readLong();
            long skipped = in.readLong();
            String problem = in.readUTF();
            return new Progress(next, skipped, problem.isEmpty() ? null : problem, in.readLong(), in.readUTF());
        });
    }

    private static byte[] versioned(byte[] value, String what) {
        if (value == null || value.length == 0) {
            throw new FoldFormatException("empty " + what + " record");
        }
        if (value[0] != VERSION) {
            throw new FoldFormatException(what + " record version " + (value[0] & 0xff) + ": this build reads version " + VERSION
                + " (a newer ctscope folded it)");
        }
        return value;
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private interface Reading<T> {
        T from(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writing w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@code bytes} from {@code offset} (past a key's type or a value's version byte). */
    private static <T> T read(byte[] bytes, int offset, Reading<T> r) {
        if (bytes == null || bytes.length < offset) {
            throw new FoldFormatException("record without a key");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, offset, bytes.length - offset))) {
            return r.from(in);
        } catch (IOException | RuntimeException e) {
            throw new FoldFormatException("record does not decode (" + e.getClass().getSimpleName() + ")");
        }
    }
}
