package io.ctscope.ingest.journal;

import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.RecordKind;
import io.ctscope.ingest.record.TextValue;
import io.ctscope.ingest.record.Tuple;

import java.util.zip.CRC32C;

/**
 * The journal's compact, checksummed form of a {@link ConntrackRecord} (format version 2): varints for every
 * number ({@link ByteSink}), optional fields only when their {@link Field} bit is set, IPv4 addresses in 4
 * bytes, the reply tuple's addresses and ports left out where they mirror the original tuple, ktimestamp
 * start/stop as deltas from the record's own time, the line's end as a delta from its start. Byte order is
 * fixed (little endian), so a journal reads the same on any machine. Built in one reused array and copied
 * into the queue once: no allocation per record.
 *
 * <pre>
 * 0  version u8 (2)
 * 1  crc32c u32 of bytes 5..end
 * 5  head u8 (kind 2 bits, family 2 bits: inet, inet6, none, other) [family zz when other]
 *    present v (XOR the usual fields) | flags v | protocol v | state u8 (code, or 0xff: name in the tail)
 *    source v | offset v | line v | endOffset-offset zz | unknownFields v
 *    present fields, in Field order: timestamp zz, timeout zz, mark v, secmark v, zone zz, delta-time zz,
 *      start zz (- timestamp s), stop zz (- start, or - timestamp s), use zz, id v, portid zz
 *    orig tuple, reply tuple
 *    text tail: secctx, helper, labels, progname (each when present: length v, bytes), state name
 *
 * tuple: bits u8  HAS_SRC HAS_DST HAS_COUNTERS HAS_ZONE HAS_PORTS HAS_EXTRA, address form (2 bits)
 *        reply only: mirror u8  SRC_IS_ORIG_DST DST_IS_ORIG_SRC SPORT_IS_ORIG_DPORT DPORT_IS_ORIG_SPORT
 *        [addrFamily v when form is OTHER] src, dst (4 bytes as IPv4, else 16: hi, lo; absent or mirrored: none)
 *        sport zz, dport zz (HAS_PORTS, unless mirrored) | icmp type, code, id, gre keys zz (HAS_EXTRA)
 *        packets v, bytes v (HAS_COUNTERS) | zone zz (HAS_ZONE)
 * </pre>
 * (v: unsigned varint, zz: zigzag varint.)
 */
final class RecordLayoutV2 {
    static final int VERSION = 2;
    static final int CRC_OFFSET = 1;
    static final int BODY_OFFSET = CRC_OFFSET + 4;

    private static final int HAS_SRC = 1;
    private static final int HAS_DST = 1 << 1;
    private static final int HAS_COUNTERS = 1 << 2;
    private static final int HAS_ZONE = 1 << 3;
    private static final int HAS_PORTS = 1 << 4;
    private static final int HAS_EXTRA = 1 << 5;
    private static final int FORM_SHIFT = 6;
    private static final int FORM_NONE = 0;
    private static final int FORM_V4 = 1;
    private static final int FORM_V6 = 2;
    private static final int FORM_OTHER = 3;

    private static final int SRC_IS_ORIG_DST = 1;
    private static final int DST_IS_ORIG_SRC = 1 << 1;
    private static final int SPORT_IS_ORIG_DPORT = 1 << 2;
    private static final int DPORT_IS_ORIG_SPORT = 1 << 3;

    private static final long MICROS = 1_000_000L;
    private static final int KINDS = RecordKind.values().length;
    private static final int KIND_BITS = 2;
    private static final int KIND_MASK = (1 << KIND_BITS) - 1;
    private static final int FAMILY_INET = 0;
    private static final int FAMILY_INET6 = 1;
    private static final int FAMILY_NONE = 2;
    private static final int FAMILY_OTHER = 3;
    /**
     * Presence bits stored XOR this set, so the usual record of {@code conntrack -E -o timestamp,extended,id}
     * costs one byte of them, not three.
     */
    private static final long USUAL_FIELDS = Field.TIMESTAMP | Field.L3_COLUMNS | Field.TIMEOUT | Field.STATE
        | Field.ID | Field.REPLY;

    static {
        if (KINDS > 1 << KIND_BITS) {
            throw new ExceptionInInitializerError("RecordKind outgrew the " + KIND_BITS + " bits of format " + VERSION);
        }
    }

    private final ByteSink out = new ByteSink();
    private final ByteCursor in = new ByteCursor();
    private final CRC32C crc = new CRC32C();

    /** Encodes {@code r} into the sink's array; returns its length (the bytes are {@link #encoded()}). */
    int encode(ConntrackRecord r, long endOffset) {
        ByteSink o = out;
        o.reset(0);
        o.u8(VERSION);
        o.int32(0);
        int family = r.family == Addresses.AF_INET ? FAMILY_INET : r.family == Addresses.AF_INET6 ? FAMILY_INET6
            : r.family == 0 ? FAMILY_NONE : FAMILY_OTHER;
        o.u8(r.kind.ordinal() | family << KIND_BITS);
        if (family == FAMILY_OTHER) {
            o.zigzag(r.family);
        }
        long p = r.present;
        o.varLong(p ^ USUAL_FIELDS);
        o.varLong(r.flags);
        o.varLong(r.protocol);
        boolean stateByName = r.state < 0 || r.state >= RecordLayoutV1.FIXED_STATE_CODES;
        o.u8(stateByName ? RecordLayoutV1.STATE_BY_NAME : r.state);
        o.varLong(r.source);
        o.varLong(r.offset);
        o.varLong(r.line);
        o.zigzag(endOffset - r.offset);
        o.varLong(r.unknownFields);
        long tsSec = (p & Field.TIMESTAMP) != 0 ? Math.floorDiv(r.timestampMicros, MICROS) : 0;
        if ((p & Field.TIMESTAMP) != 0) {
            o.zigzag(r.timestampMicros);
        }
        if ((p & Field.TIMEOUT) != 0) {
            o.zigzag(r.timeout);
        }
        if ((p & Field.MARK) != 0) {
            o.varLong(r.mark);
        }
        if ((p & Field.SECMARK) != 0) {
            o.varLong(r.secmark);
        }
        if ((p & Field.ZONE) != 0) {
            o.zigzag(r.zone);
        }
        if ((p & Field.DELTA_TIME) != 0) {
            o.zigzag(r.deltaTime);
        }
        if ((p & Field.START) != 0) {
            o.zigzag(r.startSec - tsSec);
        }
        if ((p & Field.STOP) != 0) {
            o.zigzag(r.stopSec - ((p & Field.START) != 0 ? r.startSec : tsSec));
        }
        if ((p & Field.USE) != 0) {
            o.zigzag(r.use);
        }
        if ((p & Field.ID) != 0) {
            o.varLong(r.id);
        }
        if ((p & Field.PORTID) != 0) {
            o.zigzag(r.portid);
        }
        encodeTuple(r.orig, null, o);
        encodeTuple(r.reply, r.orig, o);
        if ((p & Field.SECCTX) != 0) {
            text(r.secctx, o);
        }
        if ((p & Field.HELPER) != 0) {
            text(r.helper, o);
        }
        if ((p & Field.LABELS) != 0) {
            text(r.labels, o);
        }
        if ((p & Field.PROGNAME) != 0) {
            text(r.progname, o);
        }
        if (stateByName) {
            String name = ConnState.name(r.state);
            o.varLong(name.length());
            for (int i = 0; i < name.length(); i++) {
                o.u8(name.charAt(i)); // ConnState names are ASCII
            }
        }
        crc.reset();
        crc.update(o.buf, BODY_OFFSET, o.pos - BODY_OFFSET);
        o.int32At(CRC_OFFSET, (int) crc.getValue());
        return o.pos;
    }

    byte[] encoded() {
        return out.buf;
    }

    private static int form(Tuple t) {
        if (!t.hasSrc && !t.hasDst) {
            return t.addrFamily == 0 ? FORM_NONE : FORM_OTHER;
        }
        if (t.addrFamily == 4 && t.srcHi == 0 && t.dstHi == 0 && (t.srcLo >>> 32) == 0 && (t.dstLo >>> 32) == 0) {
            return FORM_V4;
        }
        return t.addrFamily == 6 ? FORM_V6 : FORM_OTHER;
    }

    private static void encodeTuple(Tuple t, Tuple orig, ByteSink o) {
        int form = form(t);
        boolean ports = t.sport != -1 || t.dport != -1;
        boolean extra = t.icmpType != -1 || t.icmpCode != -1 || t.icmpId != -1 || t.greSrcKey != -1 || t.greDstKey != -1;
        int bits = (t.hasSrc ? HAS_SRC : 0) | (t.hasDst ? HAS_DST : 0) | (t.hasCounters ? HAS_COUNTERS : 0)
            | (t.hasZone ? HAS_ZONE : 0) | (ports ? HAS_PORTS : 0) | (extra ? HAS_EXTRA : 0) | form << FORM_SHIFT;
        o.u8(bits);
        int mirror = 0;
        if (orig != null) {
            if (t.hasSrc && orig.hasDst && t.srcHi == orig.dstHi && t.srcLo == orig.dstLo) {
                mirror |= SRC_IS_ORIG_DST;
            }
            if (t.hasDst && orig.hasSrc && t.dstHi == orig.srcHi && t.dstLo == orig.srcLo) {
                mirror |= DST_IS_ORIG_SRC;
            }
            if (ports && t.sport == orig.dport) {
                mirror |= SPORT_IS_ORIG_DPORT;
            }
            if (ports && t.dport == orig.sport) {
                mirror |= DPORT_IS_ORIG_SPORT;
            }
            o.u8(mirror);
        }
        if (form == FORM_OTHER) {
            o.zigzag(t.addrFamily);
        }
        if (t.hasSrc && (mirror & SRC_IS_ORIG_DST) == 0) {
            address(t.srcHi, t.srcLo, form, o);
        }
        if (t.hasDst && (mirror & DST_IS_ORIG_SRC) == 0) {
            address(t.dstHi, t.dstLo, form, o);
        }
        if (ports) {
            if ((mirror & SPORT_IS_ORIG_DPORT) == 0) {
                o.zigzag(t.sport);
            }
            if ((mirror & DPORT_IS_ORIG_SPORT) == 0) {
                o.zigzag(t.dport);
            }
        }
        if (extra) {
            o.zigzag(t.icmpType);
            o.zigzag(t.icmpCode);
            o.zigzag(t.icmpId);
            o.zigzag(t.greSrcKey);
            o.zigzag(t.greDstKey);
        }
        if (t.hasCounters) {
            o.varLong(t.packets);
            o.varLong(t.bytes);
        }
        if (t.hasZone) {
            o.zigzag(t.zone);
        }
    }

    private static void address(long hi, long lo, int form, ByteSink o) {
        if (form == FORM_V4) {
            o.int32((int) lo);
        } else {
            o.int64(hi);
            o.int64(lo);
        }
    }

    private static void text(TextValue v, ByteSink o) {
        o.varLong(v.length());
        o.bytes(v.bytes(), 0, v.length());
    }

    /** The array to copy a record of {@code length} bytes into before {@link #decode}. */
    byte[] decodeBuffer(int length) {
        return in.fillable(length);
    }

    /**
     * Decodes the record in the decode buffer into {@code r} (every field overwritten); returns its end offset.
     *
     * @throws JournalDamageException when the checksum does not match or the bytes do not decode
     */
    long decode(ConntrackRecord r) {
        ByteCursor c = in;
        if (c.end < BODY_OFFSET) {
            throw new JournalDamageException("record of " + c.end + " bytes, shorter than its header");
        }
        crc.reset();
        crc.update(c.buf, BODY_OFFSET, c.end - BODY_OFFSET);
        if ((int) crc.getValue() != c.int32At(CRC_OFFSET)) {
            throw new JournalDamageException("checksum mismatch");
        }
        c.pos = BODY_OFFSET;
        r.clear();
        int head = c.u8();
        int kind = head & KIND_MASK;
        if (kind >= KINDS || head >>> (KIND_BITS + 2) != 0) {
            throw new JournalDamageException("unknown record kind " + head);
        }
        r.kind = RecordKind.ofOrdinal(kind);
        int family = head >>> KIND_BITS;
        r.family = family == FAMILY_INET ? Addresses.AF_INET : family == FAMILY_INET6 ? Addresses.AF_INET6
            : family == FAMILY_NONE ? 0 : (int) c.zigzag();
        long p = c.varLong() ^ USUAL_FIELDS;
        r.present = p;
        r.flags = (int) c.varLong();
        r.protocol = (int) c.varLong();
        int state = c.u8();
        r.source = (int) c.varLong();
        r.offset = c.varLong();
        r.line = c.varLong();
        long endOffset = r.offset + c.zigzag();
        r.unknownFields = (int) c.varLong();
        long tsSec = 0;
        if ((p & Field.TIMESTAMP) != 0) {
            r.timestampMicros = c.zigzag();
            tsSec = Math.floorDiv(r.timestampMicros, MICROS);
        }
        if ((p & Field.TIMEOUT) != 0) {
            r.timeout = c.zigzag();
        }
        if ((p & Field.MARK) != 0) {
            r.mark = c.varLong();
        }
        if ((p & Field.SECMARK) != 0) {
            r.secmark = c.varLong();
        }
        if ((p & Field.ZONE) != 0) {
            r.zone = (int) c.zigzag();
        }
        if ((p & Field.DELTA_TIME) != 0) {
            r.deltaTime = c.zigzag();
        }
        if ((p & Field.START) != 0) {
            r.startSec = tsSec + c.zigzag();
        }
        if ((p & Field.STOP) != 0) {
            r.stopSec = ((p & Field.START) != 0 ? r.startSec : tsSec) + c.zigzag();
        }
        if ((p & Field.USE) != 0) {
            r.use = (int) c.zigzag();
        }
        if ((p & Field.ID) != 0) {
            r.id = c.varLong();
        }
        if ((p & Field.PORTID) != 0) {
            r.portid = c.zigzag();
        }
        decodeTuple(c, r.orig, null);
        decodeTuple(c, r.reply, r.orig);
        if ((p & Field.SECCTX) != 0) {
            text(c, r.secctx);
        }
        if ((p & Field.HELPER) != 0) {
            text(c, r.helper);
        }
        if ((p & Field.LABELS) != 0) {
            text(c, r.labels);
        }
        if ((p & Field.PROGNAME) != 0) {
            text(c, r.progname);
        }
        if (state == RecordLayoutV1.STATE_BY_NAME) {
            int len = length(c);
            r.state = ConnState.code(c.buf, c.pos, len);
            c.pos += len;
        } else {
            r.state = state;
        }
        if (c.pos != c.end) {
            throw new JournalDamageException((c.end - c.pos) + " bytes left over after the record");
        }
        return endOffset;
    }

    private static void decodeTuple(ByteCursor c, Tuple t, Tuple orig) {
        int bits = c.u8();
        int mirror = orig != null ? c.u8() : 0;
        int form = bits >>> FORM_SHIFT;
        t.hasSrc = (bits & HAS_SRC) != 0;
        t.hasDst = (bits & HAS_DST) != 0;
        t.hasCounters = (bits & HAS_COUNTERS) != 0;
        t.hasZone = (bits & HAS_ZONE) != 0;
        t.addrFamily = form == FORM_V4 ? 4 : form == FORM_V6 ? 6 : form == FORM_OTHER ? (int) c.zigzag() : 0;
        if (t.hasSrc) {
            if ((mirror & SRC_IS_ORIG_DST) != 0) {
                t.srcHi = orig.dstHi;
                t.srcLo = orig.dstLo;
            } else if (form == FORM_V4) {
                t.srcLo = c.int32() & 0xffffffffL;
            } else {
                t.srcHi = c.int64();
                t.srcLo = c.int64();
            }
        }
        if (t.hasDst) {
            if ((mirror & DST_IS_ORIG_SRC) != 0) {
                t.dstHi = orig.srcHi;
                t.dstLo = orig.srcLo;
            } else if (form == FORM_V4) {
                t.dstLo = c.int32() & 0xffffffffL;
            } else {
                t.dstHi = c.int64();
                t.dstLo = c.int64();
            }
        }
        if ((bits & HAS_PORTS) != 0) {
            t.sport = (mirror & SPORT_IS_ORIG_DPORT) != 0 ? orig.dport : (int) c.zigzag();
            t.dport = (mirror & DPORT_IS_ORIG_SPORT) != 0 ? orig.sport : (int) c.zigzag();
        }
        if ((bits & HAS_EXTRA) != 0) {
            t.icmpType = (int) c.zigzag();
            t.icmpCode = (int) c.zigzag();
            t.icmpId = (int) c.zigzag();
            t.greSrcKey = c.zigzag();
            t.greDstKey = c.zigzag();
        }
        if (t.hasCounters) {
            t.packets = c.varLong();
            t.bytes = c.varLong();
        }
        if (t.hasZone) {
            t.zone = (int) c.zigzag();
        }
    }

    private static int length(ByteCursor c) {
        long len = c.varLong();
        if (len < 0 || len > c.end - c.pos) {
            throw new JournalDamageException("text of " + len + " bytes past the end of the record");
        }
        return (int) len;
    }

    private static void text(ByteCursor c, TextValue v) {
        int len = length(c);
        v.set(c.buf, c.pos, len);
        c.pos += len;
    }
}
