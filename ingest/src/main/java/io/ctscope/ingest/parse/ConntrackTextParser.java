package io.ctscope.ingest.parse;

import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.RecordKind;
import io.ctscope.ingest.record.Tuple;

/**
 * Parses one line of conntrack text, in place, into a {@link ConntrackRecord}: {@code conntrack -E}
 * events (with any of {@code -o timestamp,extended,id,ktimestamp,labels} and the {@code [USERSPACE]}
 * suffix), {@code /proc/net/nf_conntrack}, {@code /proc/net/ip_conntrack} and {@code conntrack -L}
 * (with or without {@code -o extended,id}) lines. They share one grammar:
 *
 * <pre>
 * [ts]\t? [TAG]? (ipv4 2|ipv6 10)? l4name l4num timeout? STATE? tuple [UNREPLIED]? tuple [FLAGS]* key=value* [start=..]? [stop=..]?
 * </pre>
 *
 * Tokens are split on runs of spaces and tabs of any width. Unknown {@code key=value} fields are
 * skipped and counted. No allocation on valid input; a rejected line leaves a status code and the
 * offending key for {@link #describeError}.
 */
public final class ConntrackTextParser {
    private static final byte[] ENOBUFS = Ascii.bytes("WARNING: We have hit ENOBUFS!");
    private static final byte[] TAG_NEW = Ascii.bytes("[NEW]");
    private static final byte[] TAG_UPDATE = Ascii.bytes("[UPDATE]");
    private static final byte[] TAG_DESTROY = Ascii.bytes("[DESTROY]");
    private static final byte[] IPV4 = Ascii.bytes("ipv4");
    private static final byte[] IPV6 = Ascii.bytes("ipv6");
    private static final byte[] UNKNOWN = Ascii.bytes("unknown");
    private static final byte[] F_UNREPLIED = Ascii.bytes("[UNREPLIED]");
    private static final byte[] F_ASSURED = Ascii.bytes("[ASSURED]");
    private static final byte[] F_OFFLOAD = Ascii.bytes("[OFFLOAD]");
    private static final byte[] F_HW_OFFLOAD = Ascii.bytes("[HW_OFFLOAD]");
    private static final byte[] F_USERSPACE = Ascii.bytes("[USERSPACE]");
    private static final byte[] START = Ascii.bytes("[start=");
    private static final byte[] STOP = Ascii.bytes("[stop=");

    private static final byte[] K_PORT = Ascii.bytes("port");
    private static final byte[] K_TYPE = Ascii.bytes("type");
    private static final byte[] K_CODE = Ascii.bytes("code");
    private static final byte[] K_SRCKEY = Ascii.bytes("srckey");
    private static final byte[] K_DSTKEY = Ascii.bytes("dstkey");
    private static final byte[] K_PACKETS = Ascii.bytes("packets");
    private static final byte[] K_BYTES = Ascii.bytes("bytes");
    private static final byte[] K_ZONE_ORIG = Ascii.bytes("zone-orig");
    private static final byte[] K_ZONE_REPLY = Ascii.bytes("zone-reply");
    private static final byte[] K_MARK = Ascii.bytes("mark");
    private static final byte[] K_SECMARK = Ascii.bytes("secmark");
    private static final byte[] K_SECCTX = Ascii.bytes("secctx");
    private static final byte[] K_ZONE = Ascii.bytes("zone");
    private static final byte[] K_DELTA_TIME = Ascii.bytes("delta-time");
    private static final byte[] K_USE = Ascii.bytes("use");
    private static final byte[] K_HELPER = Ascii.bytes("helper");
    private static final byte[] K_LABELS = Ascii.bytes("labels");
    private static final byte[] K_PORTID = Ascii.bytes("portid");
    private static final byte[] K_PROGNAME = Ascii.bytes("progname");
    private static final byte[] K_TIMEOUT = Ascii.bytes("timeout");
    private static final byte[] K_STREAM_TIMEOUT = Ascii.bytes("stream_timeout");

    /** Largest {@code -o timestamp} seconds whose microseconds still fit in a long. */
    private static final long MAX_TIMESTAMP_SECONDS = Long.MAX_VALUE / 1_000_000L - 1;

    private final InetParser inet = new InetParser();

    private int errKeyOff;
    private int errKeyEnd;
    private byte[] errBuf;

    /** Parses {@code b[start, end)} (no line terminator) into {@code r}; returns a {@link ParseStatus} code. */
    public int parse(byte[] b, int start, int end, ConntrackRecord r) {
        r.clear();
        errBuf = null;
        int p = skipSpace(b, start, end);
        if (p == end) {
            return ParseStatus.SKIP_BLANK;
        }
        byte first = b[p];
        if (first == 'c') {
            int summary = ParseStatus.summary(b, p, end);
            if (summary >= 0) {
                return summary;
            }
        }
        if (first == 'W' && Ascii.startsWith(b, p, end, ENOBUFS)) {
            return ParseStatus.LOSS_WARNING;
        }
        if (first == '[' && p + 1 < end && Ascii.isDigit(b[p + 1])) {
            p = parseTimestamp(b, p, end, r);
            if (p < 0) {
                return ParseStatus.ERR_BAD_TIMESTAMP;
            }
            p = skipSpace(b, p, end);
        }
        int q = tokenEnd(b, p, end);
        if (p < end && b[p] == '[') {
            if (Ascii.equals(b, p, q, TAG_NEW)) {
                r.kind = RecordKind.NEW;
            } else if (Ascii.equals(b, p, q, TAG_UPDATE)) {
                r.kind = RecordKind.UPDATE;
            } else if (Ascii.equals(b, p, q, TAG_DESTROY)) {
                r.kind = RecordKind.DESTROY;
            } else {
                return ParseStatus.ERR_BAD_EVENT_TAG;
            }
            p = skipSpace(b, q, end);
            q = tokenEnd(b, p, end);
        } else if (r.has(Field.TIMESTAMP)) {
            return ParseStatus.ERR_BAD_EVENT_TAG;
        }

        int l3 = 0;
        if (Ascii.equals(b, p, q, IPV4) || Ascii.equals(b, p, q, IPV6)) {
            l3 = b[p + 3] == '4' ? 4 : 6;
            p = skipSpace(b, q, end);
            long n = number(b, p, end);
            q = valueEnd;
            if ((l3 == 4 && n != Addresses.AF_INET) || (l3 == 6 && n != Addresses.AF_INET6)) {
                return ParseStatus.ERR_BAD_L3;
            }
            r.present |= Field.L3_COLUMNS;
            p = skipSpace(b, q, end);
            q = tokenEnd(b, p, end);
        }

        // l4 name and number
        int nameOff = p;
        int nameEnd = q;
        if (nameOff == nameEnd || !isLowerWord(b, nameOff, nameEnd)) {
            return ParseStatus.ERR_NOT_CONNTRACK;
        }
        p = skipSpace(b, q, end);
        long proto = number(b, p, end);
        q = valueEnd;
        if (proto < 0 || proto > Protocols.MAX) {
            return Protocols.isKnownName(b, nameOff, nameEnd - nameOff) ? ParseStatus.ERR_BAD_PROTOCOL : ParseStatus.ERR_NOT_CONNTRACK;
        }
        if (!Protocols.nameMatches((int) proto, b, nameOff, nameEnd - nameOff) && !Ascii.equals(b, nameOff, nameEnd, UNKNOWN)) {
            return ParseStatus.ERR_BAD_PROTOCOL;
        }
        r.protocol = (int) proto;
        p = skipSpace(b, q, end);
        q = tokenEnd(b, p, end);

        // optional timeout, optional state
        if (q > p && Ascii.isDigit(b[p])) {
            long t = number(b, p, end);
            if (t < 0 || valueEnd != q) {
                return ParseStatus.ERR_BAD_NUMBER;
            }
            r.timeout = t;
            r.present |= Field.TIMEOUT;
            p = skipSpace(b, q, end);
            q = tokenEnd(b, p, end);
        }
        if (q > p && b[p] >= 'A' && b[p] <= 'Z') {
            if (!isStateWord(b, p, q)) {
                return ParseStatus.ERR_BAD_STATE;
            }
            int code = ConnState.code(b, p, q - p);
            if (code < 0) {
                return ParseStatus.ERR_BAD_STATE;
            }
            r.state = code;
            r.present |= Field.STATE;
            p = skipSpace(b, q, end);
        }

        int status = parseFields(b, p, end, r);
        if (status != ParseStatus.RECORD) {
            return status;
        }
        return validate(r, l3);
    }

    /**
     * The fields after the state, in one pass: each {@code key=value} is read by scanning the key up to
     * '=', choosing by length and bytes, and parsing the value up to the next blank in place.
     */
    private int parseFields(byte[] b, int p, int end, ConntrackRecord r) {
        Tuple t = null;
        int tuples = 0;
        boolean lastWasCode = false;
        while (p < end) {
            if (b[p] == '[') {
                int q = tokenEnd(b, p, end);
                int next = parseBracket(b, p, q, end, r);
                if (next < 0) {
                    return ParseStatus.ERR_UNEXPECTED_TOKEN;
                }
                p = skipSpace(b, next, end);
                lastWasCode = false;
                continue;
            }
            int eq = p;
            while (eq < end) {
                byte c = b[eq];
                if (c == '=' || c == ' ' || c == '\t') {
                    break;
                }
                eq++;
            }
            if (eq == end || b[eq] != '=' || eq == p) {
                errKeyOff = p;
                errKeyEnd = tokenEnd(b, p, end);
                errBuf = b;
                return ParseStatus.ERR_UNEXPECTED_TOKEN;
            }
            int vs = eq + 1;
            int keyLen = eq - p;
            int next;
            boolean isCode = false;
            switch (keyLen) {
                case 3:
                    if (b[p] == 's' && b[p + 1] == 'r' && b[p + 2] == 'c') {
                        tuples++;
                        if (tuples > 2) {
                            return ParseStatus.ERR_TOO_MANY_TUPLES;
                        }
                        t = tuples == 1 ? r.orig : r.reply;
                        if (tuples == 2) {
                            r.present |= Field.REPLY;
                        }
                        boolean ok = inet.parseToken(b, vs, end);
                        next = inet.tokenEnd;
                        if (!ok) {
                            return fail(ParseStatus.ERR_BAD_ADDRESS, b, p, eq);
                        }
                        t.srcHi = inet.hi;
                        t.srcLo = inet.lo;
                        t.hasSrc = true;
                        if (!sameFamily(t)) {
                            return ParseStatus.ERR_FAMILY_MISMATCH;
                        }
                        noteIpv6Text(r);
                    } else if (b[p] == 'd' && b[p + 1] == 's' && b[p + 2] == 't') {
                        if (t == null) {
                            return fail(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, b, p, eq);
                        }
                        boolean ok = inet.parseToken(b, vs, end);
                        next = inet.tokenEnd;
                        if (!ok) {
                            return fail(ParseStatus.ERR_BAD_ADDRESS, b, p, eq);
                        }
                        t.dstHi = inet.hi;
                        t.dstLo = inet.lo;
                        t.hasDst = true;
                        if (!sameFamily(t)) {
                            return ParseStatus.ERR_FAMILY_MISMATCH;
                        }
                        noteIpv6Text(r);
                    } else if (Ascii.equals(b, p, eq, K_USE)) {
                        long v = number(b, vs, end);
                        if (v < 0 || v > Integer.MAX_VALUE) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        r.use = (int) v;
                        r.present |= Field.USE;
                        next = valueEnd;
                    } else {
                        r.unknownFields++;
                        next = tokenEnd(b, vs, end);
                    }
                    break;
                case 5:
                    if ((b[p] == 's' || b[p] == 'd') && Ascii.equals(b, p + 1, eq, K_PORT)) {
                        if (t == null) {
                            return fail(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, b, p, eq);
                        }
                        long v = number(b, vs, end);
                        if (v < 0 || v > 65535) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        if (b[p] == 's') {
                            t.sport = (int) v;
                        } else {
                            t.dport = (int) v;
                        }
                        next = valueEnd;
                    } else if (Ascii.equals(b, p, eq, K_BYTES)) {
                        if (t == null) {
                            return fail(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, b, p, eq);
                        }
                        long v = counter(b, vs, end);
                        if (!counterValid) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        t.bytes = v;
                        t.hasCounters = true;
                        next = valueEnd;
                    } else {
                        r.unknownFields++;
                        next = tokenEnd(b, vs, end);
                    }
                    break;
                case 2:
                    if (b[p] == 'i' && b[p + 1] == 'd') {
                        long v = number(b, vs, end);
                        if (v < 0 || v > 0xffffffffL) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        if (lastWasCode && t != null && t.icmpId < 0) {
                            if (v > 65535) {
                                return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                            }
                            t.icmpId = (int) v;
                        } else {
                            r.id = v;
                            r.present |= Field.ID;
                        }
                        next = valueEnd;
                    } else {
                        r.unknownFields++;
                        next = tokenEnd(b, vs, end);
                    }
                    break;
                case 4:
                    if (Ascii.equals(b, p, eq, K_TYPE) || Ascii.equals(b, p, eq, K_CODE)) {
                        if (t == null) {
                            return fail(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, b, p, eq);
                        }
                        long v = number(b, vs, end);
                        if (v < 0 || v > 255) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        if (b[p] == 't') {
                            t.icmpType = (int) v;
                        } else {
                            t.icmpCode = (int) v;
                            isCode = true;
                        }
                        next = valueEnd;
                    } else if (Ascii.equals(b, p, eq, K_MARK)) {
                        long v = number(b, vs, end);
                        if (v < 0) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        r.mark = v;
                        r.present |= Field.MARK;
                        next = valueEnd;
                    } else if (Ascii.equals(b, p, eq, K_ZONE)) {
                        long v = number(b, vs, end);
                        if (v < 0 || v > 65535) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        r.zone = (int) v;
                        r.present |= Field.ZONE;
                        next = valueEnd;
                    } else {
                        r.unknownFields++;
                        next = tokenEnd(b, vs, end);
                    }
                    break;
                case 7:
                    if (Ascii.equals(b, p, eq, K_PACKETS)) {
                        if (t == null) {
                            return fail(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, b, p, eq);
                        }
                        long v = counter(b, vs, end);
                        if (!counterValid) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        t.packets = v;
                        t.hasCounters = true;
                        next = valueEnd;
                    } else if (Ascii.equals(b, p, eq, K_SECMARK)) {
                        long v = number(b, vs, end);
                        if (v < 0) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        r.secmark = v;
                        r.present |= Field.SECMARK;
                        next = valueEnd;
                    } else {
                        if (!Ascii.equals(b, p, eq, K_TIMEOUT)) {
                            r.unknownFields++;
                        }
                        next = tokenEnd(b, vs, end);
                    }
                    break;
                case 6:
                    next = tokenEnd(b, vs, end);
                    if (Ascii.equals(b, p, eq, K_SRCKEY) || Ascii.equals(b, p, eq, K_DSTKEY)) {
                        if (t == null) {
                            return fail(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, b, p, eq);
                        }
                        long v = Ascii.parseHex(b, vs, next);
                        if (v < 0) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        if (b[p] == 's') {
                            t.greSrcKey = v;
                        } else {
                            t.greDstKey = v;
                        }
                    } else if (Ascii.equals(b, p, eq, K_SECCTX)) {
                        r.secctx.set(b, vs, next - vs);
                        r.present |= Field.SECCTX;
                    } else if (Ascii.equals(b, p, eq, K_HELPER)) {
                        r.helper.set(b, vs, next - vs);
                        r.present |= Field.HELPER;
                    } else if (Ascii.equals(b, p, eq, K_LABELS)) {
                        r.labels.set(b, vs, next - vs);
                        r.present |= Field.LABELS;
                    } else if (Ascii.equals(b, p, eq, K_PORTID)) {
                        long v = Ascii.parseUnsigned(b, vs, next);
                        if (v < 0) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        r.portid = v;
                        r.present |= Field.PORTID;
                    } else {
                        r.unknownFields++;
                    }
                    break;
                case 8:
                    next = tokenEnd(b, vs, end);
                    if (Ascii.equals(b, p, eq, K_PROGNAME)) {
                        r.progname.set(b, vs, next - vs);
                        r.present |= Field.PROGNAME;
                    } else {
                        r.unknownFields++;
                    }
                    break;
                case 9:
                case 10:
                    if (Ascii.equals(b, p, eq, K_DELTA_TIME)) {
                        long v = number(b, vs, end);
                        if (v < 0) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        r.deltaTime = v;
                        r.present |= Field.DELTA_TIME;
                        next = valueEnd;
                    } else if (Ascii.equals(b, p, eq, K_ZONE_ORIG) || Ascii.equals(b, p, eq, K_ZONE_REPLY)) {
                        long v = number(b, vs, end);
                        if (v < 0 || v > 65535) {
                            return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                        }
                        Tuple z = keyLen == 9 ? r.orig : r.reply;
                        z.zone = (int) v;
                        z.hasZone = true;
                        next = valueEnd;
                    } else {
                        r.unknownFields++;
                        next = tokenEnd(b, vs, end);
                    }
                    break;
                default:
                    if (!Ascii.equals(b, p, eq, K_STREAM_TIMEOUT)) {
                        r.unknownFields++;
                    }
                    next = tokenEnd(b, vs, end);
                    break;
            }
            lastWasCode = isCode;
            p = skipSpace(b, next, end);
        }
        return ParseStatus.RECORD;
    }

    /** End of the value read by the last {@link #number} call. */
    private int valueEnd;
    /** Whether the last {@link #counter} call read a valid number (every 64-bit pattern is a valid counter). */
    private boolean counterValid;
    private static final long MAX_U64_TENTH = Long.divideUnsigned(-1L, 10);

    /**
     * Unsigned decimal from {@code vs} up to the next blank (or the end), in one pass; sets
     * {@link #valueEnd}. {@link Ascii#INVALID} when empty, not all digits, or too large.
     */
    private long number(byte[] b, int vs, int end) {
        long v = 0;
        int i = vs;
        int limit = Math.min(end, vs + 18);
        while (i < limit) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
            i++;
        }
        if (i < end && b[i] != ' ' && b[i] != '\t') {
            int q = tokenEnd(b, i, end);
            valueEnd = q;
            return Ascii.parseUnsigned(b, vs, q);
        }
        valueEnd = i;
        return i == vs ? Ascii.INVALID : v;
    }

    /**
     * Unsigned 64-bit decimal (conntrack's counters are u64: up to 18446744073709551615, which as a Java long
     * is -1) from {@code vs} to the end of its token; sets {@link #valueEnd} and {@link #counterValid}.
     */
    private long counter(byte[] b, int vs, int end) {
        int q = tokenEnd(b, vs, end);
        valueEnd = q;
        counterValid = false;
        if (q == vs || q - vs > 20) {
            return 0;
        }
        long v = 0;
        for (int i = vs; i < q; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return 0;
            }
            // v * 10 + d must stay below 2^64: v at most (2^64 - 1) / 10, and then d at most 5
            if (Long.compareUnsigned(v, MAX_U64_TENTH) > 0 || (v == MAX_U64_TENTH && d > 5)) {
                return 0;
            }
            v = v * 10 + d;
        }
        counterValid = true;
        return v;
    }

    /** Records the family of the address just parsed in the tuple; false when it differs from the tuple's other address. */
    private boolean sameFamily(Tuple t) {
        if (t.addrFamily != 0 && t.addrFamily != inet.family) {
            return false;
        }
        t.addrFamily = inet.family;
        return true;
    }

    private int fail(int status, byte[] b, int keyOff, int keyEnd) {
        errBuf = b;
        errKeyOff = keyOff;
        errKeyEnd = keyEnd;
        return status;
    }

    /** Handles a token starting with '['; returns the index after it, or -1 when it is not understood. */
    private int parseBracket(byte[] b, int p, int q, int end, ConntrackRecord r) {
        if (Ascii.equals(b, p, q, F_UNREPLIED)) {
            r.flags |= Flags.UNREPLIED;
            return q;
        }
        if (Ascii.equals(b, p, q, F_ASSURED)) {
            r.flags |= Flags.ASSURED;
            return q;
        }
        if (Ascii.equals(b, p, q, F_OFFLOAD)) {
            r.flags |= Flags.OFFLOAD;
            return q;
        }
        if (Ascii.equals(b, p, q, F_HW_OFFLOAD)) {
            r.flags |= Flags.HW_OFFLOAD;
            return q;
        }
        if (Ascii.equals(b, p, q, F_USERSPACE)) {
            r.flags |= Flags.USERSPACE;
            return q;
        }
        int close = Ascii.indexOf(b, p, end, (byte) ']');
        if (close < 0) {
            errBuf = b;
            errKeyOff = p;
            errKeyEnd = q;
            return -1;
        }
        if (Ascii.startsWith(b, p, close, START)) {
            long v = CtimeParser.parse(b, p + START.length, close);
            if (v >= 0) {
                r.startSec = v;
                r.present |= Field.START;
            } else {
                r.unknownFields++;
            }
        } else if (Ascii.startsWith(b, p, close, STOP)) {
            long v = CtimeParser.parse(b, p + STOP.length, close);
            if (v >= 0) {
                r.stopSec = v;
                r.present |= Field.STOP;
            } else {
                r.unknownFields++;
            }
        } else {
            r.unknownFields++;
        }
        return close + 1;
    }

    private void noteIpv6Text(ConntrackRecord r) {
        if (inet.family == 6) {
            if (inet.compressed) {
                r.present |= Field.TEXT_IPV6_COMPRESSED;
            }
            if (inet.padded) {
                r.present |= Field.TEXT_IPV6_PADDED;
            }
        }
    }

    private int validate(ConntrackRecord r, int l3) {
        Tuple o = r.orig;
        if (!o.hasSrc || !o.hasDst) {
            return ParseStatus.ERR_NO_ORIGINAL;
        }
        if (!r.has(Field.REPLY) || !r.reply.hasSrc || !r.reply.hasDst) {
            return ParseStatus.ERR_NO_REPLY;
        }
        if (o.addrFamily != r.reply.addrFamily || (l3 != 0 && l3 != o.addrFamily)) {
            return ParseStatus.ERR_FAMILY_MISMATCH;
        }
        if (Protocols.hasPorts(r.protocol) && (!o.hasPorts() || !r.reply.hasPorts())) {
            return ParseStatus.ERR_NO_PORTS;
        }
        r.family = o.addrFamily == 6 ? Addresses.AF_INET6 : Addresses.AF_INET;
        return ParseStatus.RECORD;
    }

    /** {@code [sec.usec]} then optional TAB; returns the index after ']' or -1. */
    private static int parseTimestamp(byte[] b, int p, int end, ConntrackRecord r) {
        int close = Ascii.indexOf(b, p, Math.min(end, p + 40), (byte) ']');
        if (close < 0) {
            return -1;
        }
        int dot = Ascii.indexOf(b, p + 1, close, (byte) '.');
        int secEnd = dot < 0 ? close : dot;
        long sec = Ascii.parseUnsigned(b, p + 1, trimRight(b, p + 1, secEnd));
        if (sec < 0 || sec > MAX_TIMESTAMP_SECONDS) {
            return -1;
        }
        long usec = 0;
        if (dot >= 0) {
            int fracEnd = trimRight(b, dot + 1, close);
            int digits = fracEnd - dot - 1;
            if (digits < 1 || digits > 9) {
                return -1;
            }
            usec = Ascii.parseUnsigned(b, dot + 1, fracEnd);
            if (usec < 0) {
                return -1;
            }
            for (int i = digits; i < 6; i++) {
                usec *= 10;
            }
            for (int i = digits; i > 6; i--) {
                usec /= 10;
            }
        }
        r.timestampMicros = sec * 1_000_000L + usec;
        r.present |= Field.TIMESTAMP;
        return close + 1;
    }

    private static int trimRight(byte[] b, int off, int end) {
        while (end > off && b[end - 1] == ' ') {
            end--;
        }
        return end;
    }

    private static boolean isLowerWord(byte[] b, int off, int end) {
        if (!(b[off] >= 'a' && b[off] <= 'z')) {
            return false;
        }
        for (int i = off + 1; i < end; i++) {
            byte c = b[i];
            if (!((c >= 'a' && c <= 'z') || Ascii.isDigit(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isStateWord(byte[] b, int off, int end) {
        if (end - off > 32) {
            return false;
        }
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (!((c >= 'A' && c <= 'Z') || c == '_' || Ascii.isDigit(c))) {
                return false;
            }
        }
        return true;
    }

    static int skipSpace(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    static int tokenEnd(byte[] b, int p, int end) {
        while (p < end && b[p] != ' ' && b[p] != '\t') {
            p++;
        }
        return p;
    }

    /** A human reason for the last rejected line (cold path: allocates). */
    public String describeError(int status) {
        String reason = ParseStatus.reason(status);
        if (errBuf != null && errKeyEnd > errKeyOff
            && (status == ParseStatus.ERR_BAD_NUMBER || status == ParseStatus.ERR_BAD_ADDRESS
            || status == ParseStatus.ERR_UNEXPECTED_TOKEN || status == ParseStatus.ERR_FIELD_OUTSIDE_TUPLE)) {
            int len = Math.min(errKeyEnd - errKeyOff, 40);
            String key = new String(errBuf, errKeyOff, len, java.nio.charset.StandardCharsets.ISO_8859_1);
            return status == ParseStatus.ERR_UNEXPECTED_TOKEN ? reason + " '" + printable(key) + "'"
                : reason + " in " + printable(key) + "=";
        }
        return reason;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
