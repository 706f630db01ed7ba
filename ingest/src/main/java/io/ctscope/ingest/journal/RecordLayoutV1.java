package io.ctscope.ingest.journal;

import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.RecordKind;
import io.ctscope.ingest.record.TextValue;
import io.ctscope.ingest.record.Tuple;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * The journal's first binary form of a {@link ConntrackRecord} (format version 1, read for old journals; {@link RecordCodec} writes version 2): a fixed part of {@link #FIXED_LENGTH} bytes at
 * named offsets, then a variable tail holding only the text fields that are present. Encoding and decoding
 * reuse the record and one scratch buffer, so neither side allocates in the steady state. Byte order is the
 * platform's (Chronicle Bytes): a journal is read on the kind of machine that wrote it.
 *
 * <pre>
 * record, fixed part (offsets in bytes from the start of the excerpt)
 *   0 +---------+------+--------+-------+-------+----------+
 *     | version | kind | family | state | flags | protocol |   u8 u8 u8 u8 u16 u16
 *   8 +---------+------+--------+-------+-------+----------+
 *     | present (Field bits)                     i64 |
 *  16 | timestampMicros                          i64 |
 *  24 | timeout                                  i64 |
 *  32 | mark                                     i64 |
 *  40 | secmark                                  i64 |
 *  48 | deltaTime                                i64 |
 *  56 | startSec                                 i64 |
 *  64 | stopSec                                  i64 |
 *  72 | id                                       i64 |
 *  80 | portid                                   i64 |
 *  88 | offset      (first byte of the line)     i64 |
 *  96 | line        (1-based)                    i64 |
 * 104 | endOffset   (first byte after the line)  i64 |
 * 112 | zone i32 | use i32 | unknownFields i32 | source i32 |
 * 128 | orig tuple                        TUPLE_LENGTH |
 * 216 | reply tuple                       TUPLE_LENGTH |
 * 304 +----------------------------------------------+  FIXED_LENGTH
 *
 * tuple (offsets from the start of the tuple)
 *   0 srcHi i64 |  8 srcLo i64 | 16 dstHi i64 | 24 dstLo i64
 *  32 packets i64 | 40 bytes i64 | 48 greSrcKey i64 | 56 greDstKey i64
 *  64 sport i32 | 68 dport i32 | 72 icmpId i32 | 76 zone i32
 *  80 icmpType i16 | 82 icmpCode i16 | 84 bits u8 (hasSrc, hasDst, hasCounters, hasZone) | 85 addrFamily u8
 *  86 2 bytes padding
 *  88 TUPLE_LENGTH
 *
 * variable tail, in this order, each only when present: (stop-bit length, bytes)
 *   secctx    if present has Field.SECCTX
 *   helper    if present has Field.HELPER
 *   labels    if present has Field.LABELS
 *   progname  if present has Field.PROGNAME
 *   state     if the state byte is STATE_BY_NAME
 * </pre>
 *
 * <p>States: codes below {@link #FIXED_STATE_CODES} are the {@link ConnState} names registered at class
 * load from its fixed list, the same in every process, and are stored as the code. Any other code
 * (registered at run time, process-local, or {@link ConnState#OTHER}) is stored as {@link #STATE_BY_NAME}
 * plus its name in the tail, and registered again by name when read. ICMP type and code are stored in 16
 * bits and the address families, flags and protocol as unsigned 8/16 bits: the parsers never produce
 * values outside those ranges.
 */
final class RecordLayoutV1 {
    /** Bump on any change of the layout below; a reader refuses other versions. */
    public static final int VERSION = 1;

    /** {@link ConnState} codes that mean the same in every process (its fixed list as of {@link #VERSION} 1). */
    public static final int FIXED_STATE_CODES = 28;
    /** State byte meaning "the name is in the tail". */
    public static final int STATE_BY_NAME = 0xff;

    public static final int VERSION_OFFSET = 0;
    public static final int KIND_OFFSET = VERSION_OFFSET + 1;
    public static final int FAMILY_OFFSET = KIND_OFFSET + 1;
    public static final int STATE_OFFSET = FAMILY_OFFSET + 1;
    public static final int FLAGS_OFFSET = STATE_OFFSET + 1;
    public static final int PROTOCOL_OFFSET = FLAGS_OFFSET + 2;
    public static final int PRESENT_OFFSET = PROTOCOL_OFFSET + 2;
    public static final int TIMESTAMP_OFFSET = PRESENT_OFFSET + 8;
    public static final int TIMEOUT_OFFSET = TIMESTAMP_OFFSET + 8;
    public static final int MARK_OFFSET = TIMEOUT_OFFSET + 8;
    public static final int SECMARK_OFFSET = MARK_OFFSET + 8;
    public static final int DELTA_TIME_OFFSET = SECMARK_OFFSET + 8;
    public static final int START_OFFSET = DELTA_TIME_OFFSET + 8;
    public static final int STOP_OFFSET = START_OFFSET + 8;
    public static final int ID_OFFSET = STOP_OFFSET + 8;
    public static final int PORTID_OFFSET = ID_OFFSET + 8;
    public static final int LINE_OFFSET_OFFSET = PORTID_OFFSET + 8;
    public static final int LINE_NUMBER_OFFSET = LINE_OFFSET_OFFSET + 8;
    public static final int END_OFFSET_OFFSET = LINE_NUMBER_OFFSET + 8;
    public static final int ZONE_OFFSET = END_OFFSET_OFFSET + 8;
    public static final int USE_OFFSET = ZONE_OFFSET + 4;
    public static final int UNKNOWN_FIELDS_OFFSET = USE_OFFSET + 4;
    public static final int SOURCE_OFFSET = UNKNOWN_FIELDS_OFFSET + 4;
    public static final int ORIG_OFFSET = SOURCE_OFFSET + 4;

    public static final int T_SRC_HI = 0;
    public static final int T_SRC_LO = T_SRC_HI + 8;
    public static final int T_DST_HI = T_SRC_LO + 8;
    public static final int T_DST_LO = T_DST_HI + 8;
    public static final int T_PACKETS = T_DST_LO + 8;
    public static final int T_BYTES = T_PACKETS + 8;
    public static final int T_GRE_SRC_KEY = T_BYTES + 8;
    public static final int T_GRE_DST_KEY = T_GRE_SRC_KEY + 8;
    public static final int T_SPORT = T_GRE_DST_KEY + 8;
    public static final int T_DPORT = T_SPORT + 4;
    public static final int T_ICMP_ID = T_DPORT + 4;
    public static final int T_ZONE = T_ICMP_ID + 4;
    public static final int T_ICMP_TYPE = T_ZONE + 4;
    public static final int T_ICMP_CODE = T_ICMP_TYPE + 2;
    public static final int T_BITS = T_ICMP_CODE + 2;
    public static final int T_ADDR_FAMILY = T_BITS + 1;
    public static final int T_PADDING = T_ADDR_FAMILY + 1;
    public static final int TUPLE_LENGTH = T_PADDING + 2;

    public static final int REPLY_OFFSET = ORIG_OFFSET + TUPLE_LENGTH;
    public static final int FIXED_LENGTH = REPLY_OFFSET + TUPLE_LENGTH;

    private static final int HAS_SRC = 1;
    private static final int HAS_DST = 1 << 1;
    private static final int HAS_COUNTERS = 1 << 2;
    private static final int HAS_ZONE = 1 << 3;

    private static final int MAX_STOP_BIT_LENGTH = 5;

    private byte[] scratch = new byte[256];

    static {
        if (ConnState.OTHER < FIXED_STATE_CODES) {
            throw new ExceptionInInitializerError("ConnState lost fixed codes: journal format " + VERSION + " needs "
                + FIXED_STATE_CODES);
        }
    }

    /** Upper bound of the bytes {@link #encode} writes for {@code r} (exact but for stop-bit lengths). */
    public static int maxEncodedLength(ConntrackRecord r) {
        int n = FIXED_LENGTH;
        long p = r.present;
        if ((p & Field.SECCTX) != 0) {
            n += MAX_STOP_BIT_LENGTH + r.secctx.length();
        }
        if ((p & Field.HELPER) != 0) {
            n += MAX_STOP_BIT_LENGTH + r.helper.length();
        }
        if ((p & Field.LABELS) != 0) {
            n += MAX_STOP_BIT_LENGTH + r.labels.length();
        }
        if ((p & Field.PROGNAME) != 0) {
            n += MAX_STOP_BIT_LENGTH + r.progname.length();
        }
        if (r.state >= FIXED_STATE_CODES) {
            n += MAX_STOP_BIT_LENGTH + ConnState.name(r.state).length();
        }
        return n;
    }

    /**
     * Writes {@code r} at {@code out}'s write position and moves it past the record. {@code endOffset} is
     * the input offset just after the record's line (and its newline), where a resumed read continues.
     */
    public void encode(ConntrackRecord r, long endOffset, Bytes<?> out) {
        long base = out.writePosition();
        out.writeSkip(FIXED_LENGTH);
        int state = r.state;
        boolean stateByName = state < 0 || state >= FIXED_STATE_CODES;
        out.writeByte(base + VERSION_OFFSET, (byte) VERSION);
        out.writeByte(base + KIND_OFFSET, (byte) r.kind.ordinal());
        out.writeByte(base + FAMILY_OFFSET, (byte) r.family);
        out.writeByte(base + STATE_OFFSET, (byte) (stateByName ? STATE_BY_NAME : state));
        out.writeShort(base + FLAGS_OFFSET, (short) r.flags);
        out.writeShort(base + PROTOCOL_OFFSET, (short) r.protocol);
        out.writeLong(base + PRESENT_OFFSET, r.present);
        out.writeLong(base + TIMESTAMP_OFFSET, r.timestampMicros);
        out.writeLong(base + TIMEOUT_OFFSET, r.timeout);
        out.writeLong(base + MARK_OFFSET, r.mark);
        out.writeLong(base + SECMARK_OFFSET, r.secmark);
        out.writeLong(base + DELTA_TIME_OFFSET, r.deltaTime);
        out.writeLong(base + START_OFFSET, r.startSec);
        out.writeLong(base + STOP_OFFSET, r.stopSec);
        out.writeLong(base + ID_OFFSET, r.id);
        out.writeLong(base + PORTID_OFFSET, r.portid);
        out.writeLong(base + LINE_OFFSET_OFFSET, r.offset);
        out.writeLong(base + LINE_NUMBER_OFFSET, r.line);
        out.writeLong(base + END_OFFSET_OFFSET, endOffset);
        out.writeInt(base + ZONE_OFFSET, r.zone);
        out.writeInt(base + USE_OFFSET, r.use);
        out.writeInt(base + UNKNOWN_FIELDS_OFFSET, r.unknownFields);
        out.writeInt(base + SOURCE_OFFSET, r.source);
        encodeTuple(r.orig, base + ORIG_OFFSET, out);
        encodeTuple(r.reply, base + REPLY_OFFSET, out);

        long p = r.present;
        if ((p & Field.SECCTX) != 0) {
            writeText(r.secctx, out);
        }
        if ((p & Field.HELPER) != 0) {
            writeText(r.helper, out);
        }
        if ((p & Field.LABELS) != 0) {
            writeText(r.labels, out);
        }
        if ((p & Field.PROGNAME) != 0) {
            writeText(r.progname, out);
        }
        if (stateByName) {
            // ConnState names are ASCII: one char is one byte, and charAt allocates nothing
            String name = ConnState.name(state);
            int len = name.length();
            out.writeStopBit(len);
            for (int i = 0; i < len; i++) {
                out.writeByte((byte) name.charAt(i));
            }
        }
    }

    private static void encodeTuple(Tuple t, long at, Bytes<?> out) {
        out.writeLong(at + T_SRC_HI, t.srcHi);
        out.writeLong(at + T_SRC_LO, t.srcLo);
        out.writeLong(at + T_DST_HI, t.dstHi);
        out.writeLong(at + T_DST_LO, t.dstLo);
        out.writeLong(at + T_PACKETS, t.packets);
        out.writeLong(at + T_BYTES, t.bytes);
        out.writeLong(at + T_GRE_SRC_KEY, t.greSrcKey);
        out.writeLong(at + T_GRE_DST_KEY, t.greDstKey);
        out.writeInt(at + T_SPORT, t.sport);
        out.writeInt(at + T_DPORT, t.dport);
        out.writeInt(at + T_ICMP_ID, t.icmpId);
        out.writeInt(at + T_ZONE, t.zone);
        out.writeShort(at + T_ICMP_TYPE, (short) t.icmpType);
        out.writeShort(at + T_ICMP_CODE, (short) t.icmpCode);
        int bits = (t.hasSrc ? HAS_SRC : 0) | (t.hasDst ? HAS_DST : 0)
            | (t.hasCounters ? HAS_COUNTERS : 0) | (t.hasZone ? HAS_ZONE : 0);
        out.writeByte(at + T_BITS, (byte) bits);
        out.writeByte(at + T_ADDR_FAMILY, (byte) t.addrFamily);
        out.writeShort(at + T_PADDING, (short) 0);
    }

    private static void writeText(TextValue v, Bytes<?> out) {
        int len = v.length();
        out.writeStopBit(len);
        out.write(v.bytes(), 0, len);
    }

    /**
     * Reads the record at {@code in}'s read position into {@code r} (every field is overwritten) and moves
     * past it; returns the line's end offset stored with it.
     *
     * @throws IllegalStateException if the excerpt is of another format version or too short
     */
    public long decode(Bytes<?> in, ConntrackRecord r) {
        long base = in.readPosition();
        if (in.readRemaining() < FIXED_LENGTH) {
            throw tooShort(in.readRemaining());
        }
        int version = in.readUnsignedByte(base + VERSION_OFFSET);
        if (version != VERSION) {
            throw wrongVersion(version);
        }
        r.kind = RecordKind.ofOrdinal(in.readUnsignedByte(base + KIND_OFFSET));
        r.family = in.readUnsignedByte(base + FAMILY_OFFSET);
        int state = in.readUnsignedByte(base + STATE_OFFSET);
        r.flags = in.readUnsignedShort(base + FLAGS_OFFSET);
        r.protocol = in.readUnsignedShort(base + PROTOCOL_OFFSET);
        long p = in.readLong(base + PRESENT_OFFSET);
        r.present = p;
        r.timestampMicros = in.readLong(base + TIMESTAMP_OFFSET);
        r.timeout = in.readLong(base + TIMEOUT_OFFSET);
        r.mark = in.readLong(base + MARK_OFFSET);
        r.secmark = in.readLong(base + SECMARK_OFFSET);
        r.deltaTime = in.readLong(base + DELTA_TIME_OFFSET);
        r.startSec = in.readLong(base + START_OFFSET);
        r.stopSec = in.readLong(base + STOP_OFFSET);
        r.id = in.readLong(base + ID_OFFSET);
        r.portid = in.readLong(base + PORTID_OFFSET);
        r.offset = in.readLong(base + LINE_OFFSET_OFFSET);
        r.line = in.readLong(base + LINE_NUMBER_OFFSET);
        long endOffset = in.readLong(base + END_OFFSET_OFFSET);
        r.zone = in.readInt(base + ZONE_OFFSET);
        r.use = in.readInt(base + USE_OFFSET);
        r.unknownFields = in.readInt(base + UNKNOWN_FIELDS_OFFSET);
        r.source = in.readInt(base + SOURCE_OFFSET);
        decodeTuple(in, base + ORIG_OFFSET, r.orig);
        decodeTuple(in, base + REPLY_OFFSET, r.reply);
        in.readSkip(FIXED_LENGTH);

        readText(in, r.secctx, (p & Field.SECCTX) != 0);
        readText(in, r.helper, (p & Field.HELPER) != 0);
        readText(in, r.labels, (p & Field.LABELS) != 0);
        readText(in, r.progname, (p & Field.PROGNAME) != 0);
        if (state == STATE_BY_NAME) {
            int len = readIntoScratch(in);
            r.state = ConnState.code(scratch, 0, len);
        } else {
            r.state = state;
        }
        return endOffset;
    }

    private static void decodeTuple(Bytes<?> in, long at, Tuple t) {
        t.srcHi = in.readLong(at + T_SRC_HI);
        t.srcLo = in.readLong(at + T_SRC_LO);
        t.dstHi = in.readLong(at + T_DST_HI);
        t.dstLo = in.readLong(at + T_DST_LO);
        t.packets = in.readLong(at + T_PACKETS);
        t.bytes = in.readLong(at + T_BYTES);
        t.greSrcKey = in.readLong(at + T_GRE_SRC_KEY);
        t.greDstKey = in.readLong(at + T_GRE_DST_KEY);
        t.sport = in.readInt(at + T_SPORT);
        t.dport = in.readInt(at + T_DPORT);
        t.icmpId = in.readInt(at + T_ICMP_ID);
        t.zone = in.readInt(at + T_ZONE);
        t.icmpType = in.readShort(at + T_ICMP_TYPE);
        t.icmpCode = in.readShort(at + T_ICMP_CODE);
        int bits = in.readUnsignedByte(at + T_BITS);
        t.hasSrc = (bits & HAS_SRC) != 0;
        t.hasDst = (bits & HAS_DST) != 0;
        t.hasCounters = (bits & HAS_COUNTERS) != 0;
        t.hasZone = (bits & HAS_ZONE) != 0;
        t.addrFamily = in.readUnsignedByte(at + T_ADDR_FAMILY);
    }

    private void readText(Bytes<?> in, TextValue v, boolean present) {
        if (!present) {
            v.clear();
            return;
        }
        int len = readIntoScratch(in);
        v.set(scratch, 0, len);
    }

    private int readIntoScratch(Bytes<?> in) {
        long len = in.readStopBit();
        if (len < 0 || len > in.readRemaining()) {
            throw tooShort(in.readRemaining());
        }
        int n = (int) len;
        if (n > scratch.length) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        in.read(scratch, 0, n);
        return n;
    }

    /** The format version of the record starting at {@code at}. */
    public static int version(BytesStore<?, ?> store, long at) {
        return store.readUnsignedByte(at + VERSION_OFFSET);
    }

    /** The source id of the record starting at {@code at}, read without decoding the rest. */
    public static int source(BytesStore<?, ?> store, long at) {
        return store.readInt(at + SOURCE_OFFSET);
    }

    /** The input offset of the first byte of the record's line. */
    public static long lineOffset(BytesStore<?, ?> store, long at) {
        return store.readLong(at + LINE_OFFSET_OFFSET);
    }

    /** The 1-based line number of the record's line. */
    public static long lineNumber(BytesStore<?, ?> store, long at) {
        return store.readLong(at + LINE_NUMBER_OFFSET);
    }

    /** The input offset just after the record's line. */
    public static long endOffset(BytesStore<?, ?> store, long at) {
        return store.readLong(at + END_OFFSET_OFFSET);
    }

    private static IllegalStateException wrongVersion(int version) {
        return new IllegalStateException("journal record format version " + version + ", this build reads version "
            + VERSION);
    }

    private static IllegalStateException tooShort(long remaining) {
        return new IllegalStateException("truncated journal record: " + remaining + " bytes left, at least "
            + FIXED_LENGTH + " needed");
    }
}
