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
    /** The event tags as words, for {@link #eventTag} ({@code [DESTROY]}: its first eight bytes). */
    private static final long TAG_NEW_WORD = Swar.loadUpTo(TAG_NEW, 0, TAG_NEW.length);
    private static final long TAG_UPDATE_WORD = Swar.load(TAG_UPDATE, 0);
    private static final long TAG_DESTROY_HEAD = Swar.load(TAG_DESTROY, 0);
    /** The first word and the rest of the two common flags, for {@link #commonFlag}. */
    private static final long UNREPLIED_HEAD = Swar.load(F_UNREPLIED, 0);
    private static final byte[] UNREPLIED_TAIL = java.util.Arrays.copyOfRange(F_UNREPLIED, Swar.WORD, F_UNREPLIED.length);
    private static final long ASSURED_HEAD = Swar.load(F_ASSURED, 0);
    private static final byte[] START = Ascii.bytes("[start=");
    private static final byte[] STOP = Ascii.bytes("[stop=");

    /** Largest {@code -o timestamp} seconds whose microseconds still fit in a long. */
    private static final long MAX_TIMESTAMP_SECONDS = Long.MAX_VALUE / 1_000_000L - 1;

    /** Digits {@link #digits} reads at most: two words, well inside a long. */
    private static final int WORD_DIGITS = 2 * Swar.WORD;
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    /** {@link #follows} slot of the first key of a line. */
    private static final int LINE_START = TextKeys.COUNT;
    /** {@link #follows} slots per tuple count (0, 1, 2): every key id and the line start. */
    private static final int FOLLOW_SLOTS = TextKeys.COUNT + 1;

    private final InetParser inet = new InetParser();
    /**
     * For each key id (and the line start) of each tuple count, the key that followed it on the last line
     * that had it: the predicted next key. Learned, so it fits whichever {@code -o} options made the input.
     */
    private final byte[] follows = new byte[FOLLOW_SLOTS * 3];

    private int errKeyOff;
    private int errKeyEnd;
    private byte[] errBuf;

    /** Parses {@code b[start, end)} (no line terminator) into {@code r}; returns a {@link ParseStatus} code. */
    public int parse(byte[] b, int start, int end, ConntrackRecord r) {
        r.clear();
        errBuf = null;
        int p = skipSpace(b, start, end);
        int expected = ExpectedLines.status(b, p, end);
        if (expected >= 0) {
            return expected;
        }
        if (b[p] == '[' && p + 1 < end && Ascii.isDigit(b[p + 1])) {
            p = parseTimestamp(b, p, end, r);
            if (p < 0) {
                return ParseStatus.ERR_BAD_TIMESTAMP;
            }
            p = skipSpace(b, p, end);
        }
        if (p < end && b[p] == '[') {
            int q = eventTag(b, p, end, r);
            if (q < 0) {
                return ParseStatus.ERR_BAD_EVENT_TAG;
            }
            p = skipSpace(b, q, end);
        } else if (r.has(Field.TIMESTAMP)) {
            return ParseStatus.ERR_BAD_EVENT_TAG;
        }
        int q = tokenEnd(b, p, end);

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

        // optional timeout, optional state
        if (p < end && Ascii.isDigit(b[p])) {
            long t = number(b, p, end);
            if (t < 0) {
                return ParseStatus.ERR_BAD_NUMBER;
            }
            r.timeout = t;
            r.present |= Field.TIMEOUT;
            p = skipSpace(b, valueEnd, end);
        }
        if (p < end && b[p] >= 'A' && b[p] <= 'Z') {
            q = tokenEnd(b, p, end);
            if (!RecordChecks.isStateWord(b, p, q)) {
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
        return RecordChecks.tuples(r, l3);
    }

    /**
     * The fields after the state, in one pass. The kernel prints its fields in a fixed order, so the
     * blank and {@code key=} after a value are first checked, with one word compare, against the key that
     * followed the same key of the same tuple on the last line ({@link #follows}); only a miss skips the
     * blanks, scans for the {@code '='} and looks the key up. Values are parsed in place up to the next blank.
     */
    private int parseFields(byte[] b, int p, int end, ConntrackRecord r) {
        Tuple t = null;
        int tuples = 0;
        boolean lastWasCode = false;
        int prev = LINE_START;
        int lastWord = b.length - Swar.WORD;
        if (b[p - 1] == ' ') {
            p--; // the blank before the first key, so that the first key can be predicted too
        }
        while (true) {
            int slot = prev + FOLLOW_SLOTS * tuples;
            int guess = follows[slot];
            int key;
            int ks;
            int eq;
            if (p <= lastWord && p + TextKeys.length(guess) + 2 <= end
                && (Swar.load(b, p) & TextKeys.blankKeyEqualsMask(guess)) == TextKeys.blankKeyEquals(guess)) {
                key = guess;
                ks = p + 1;
                eq = ks + TextKeys.length(guess);
            } else {
                p = skipSpace(b, p, end);
                if (p == end) {
                    break;
                }
                if (b[p] == '[') {
                    int q = commonFlag(b, p, end, r);
                    p = q >= 0 ? q : parseBracket(b, p, tokenEnd(b, p, end), end, r);
                    if (p < 0) {
                        return ParseStatus.ERR_UNEXPECTED_TOKEN;
                    }
                    lastWasCode = false;
                    continue;
                }
                eq = Swar.keyEnd(b, p, end);
                if (eq == end || b[eq] != '=' || eq == p) {
                    errKeyOff = p;
                    errKeyEnd = tokenEnd(b, p, end);
                    errBuf = b;
                    return ParseStatus.ERR_UNEXPECTED_TOKEN;
                }
                ks = p;
                key = TextKeys.of(b, p, eq);
                if (TextKeys.predictable(key)) {
                    follows[slot] = (byte) key;
                }
            }
            prev = key;
            p = ks;
            int vs = eq + 1;
            int next;
            boolean isCode = false;
            switch (key) {
                case TextKeys.SRC:
                case TextKeys.DST: {
                    if (key == TextKeys.SRC) {
                        tuples++;
                        if (tuples > 2) {
                            return ParseStatus.ERR_TOO_MANY_TUPLES;
                        }
                        t = tuples == 1 ? r.orig : r.reply;
                        if (tuples == 2) {
                            r.present |= Field.REPLY;
                        }
                    } else if (t == null) {
                        return fail(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, b, p, eq);
                    }
                    boolean ok = inet.parseToken(b, vs, end);
                    next = inet.tokenEnd;
                    if (!ok) {
                        return fail(ParseStatus.ERR_BAD_ADDRESS, b, p, eq);
                    }
                    if (!inet.storeInto(t, key == TextKeys.SRC)) {
                        return ParseStatus.ERR_FAMILY_MISMATCH;
                    }
                    noteIpv6Text(r);
                    break;
                }
                case TextKeys.SPORT:
                case TextKeys.DPORT: {
                    if (t == null) {
                        return fail(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, b, p, eq);
                    }
                    long v = number(b, vs, end);
                    if (v < 0 || v > 65535) {
                        return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                    }
                    if (key == TextKeys.SPORT) {
                        t.sport = (int) v;
                    } else {
                        t.dport = (int) v;
                    }
                    next = valueEnd;
                    break;
                }
                case TextKeys.PACKETS:
                case TextKeys.BYTES: {
                    if (t == null) {
                        return fail(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, b, p, eq);
                    }
                    long v = counter(b, vs, end);
                    if (!counterValid) {
                        return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                    }
                    if (key == TextKeys.PACKETS) {
                        t.packets = v;
                    } else {
                        t.bytes = v;
                    }
                    t.hasCounters = true;
                    next = valueEnd;
                    break;
                }
                case TextKeys.ID: {
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
                    break;
                }
                case TextKeys.TYPE:
                case TextKeys.CODE: {
                    if (t == null) {
                        return fail(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, b, p, eq);
                    }
                    long v = number(b, vs, end);
                    if (v < 0 || v > 255) {
                        return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                    }
                    if (key == TextKeys.TYPE) {
                        t.icmpType = (int) v;
                    } else {
                        t.icmpCode = (int) v;
                        isCode = true;
                    }
                    next = valueEnd;
                    break;
                }
                case TextKeys.SRCKEY:
                case TextKeys.DSTKEY: {
                    next = tokenEnd(b, vs, end);
                    if (t == null) {
                        return fail(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, b, p, eq);
                    }
                    long v = Ascii.parseHex(b, vs, next);
                    if (v < 0) {
                        return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                    }
                    if (key == TextKeys.SRCKEY) {
                        t.greSrcKey = v;
                    } else {
                        t.greDstKey = v;
                    }
                    break;
                }
                case TextKeys.ZONE_ORIG:
                case TextKeys.ZONE_REPLY: {
                    long v = number(b, vs, end);
                    if (v < 0 || v > 65535) {
                        return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                    }
                    Tuple z = key == TextKeys.ZONE_ORIG ? r.orig : r.reply;
                    z.zone = (int) v;
                    z.hasZone = true;
                    next = valueEnd;
                    break;
                }
                case TextKeys.MARK:
                case TextKeys.SECMARK:
                case TextKeys.DELTA_TIME: {
                    long v = number(b, vs, end);
                    if (v < 0) {
                        return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                    }
                    if (key == TextKeys.MARK) {
                        r.mark = v;
                        r.present |= Field.MARK;
                    } else if (key == TextKeys.SECMARK) {
                        r.secmark = v;
                        r.present |= Field.SECMARK;
                    } else {
                        r.deltaTime = v;
                        r.present |= Field.DELTA_TIME;
                    }
                    next = valueEnd;
                    break;
                }
                case TextKeys.ZONE: {
                    long v = number(b, vs, end);
                    if (v < 0 || v > 65535) {
                        return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                    }
                    r.zone = (int) v;
                    r.present |= Field.ZONE;
                    next = valueEnd;
                    break;
                }
                case TextKeys.USE: {
                    long v = number(b, vs, end);
                    if (v < 0 || v > Integer.MAX_VALUE) {
                        return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                    }
                    r.use = (int) v;
                    r.present |= Field.USE;
                    next = valueEnd;
                    break;
                }
                case TextKeys.SECCTX:
                case TextKeys.HELPER:
                case TextKeys.LABELS:
                case TextKeys.PROGNAME: {
                    next = tokenEnd(b, vs, end);
                    text(key, r).set(b, vs, next - vs);
                    r.present |= key == TextKeys.SECCTX ? Field.SECCTX : key == TextKeys.HELPER ? Field.HELPER
                        : key == TextKeys.LABELS ? Field.LABELS : Field.PROGNAME;
                    break;
                }
                case TextKeys.PORTID: {
                    next = tokenEnd(b, vs, end);
                    long v = Ascii.parseUnsigned(b, vs, next);
                    if (v < 0) {
                        return fail(ParseStatus.ERR_BAD_NUMBER, b, p, eq);
                    }
                    r.portid = v;
                    r.present |= Field.PORTID;
                    break;
                }
                case TextKeys.TIMEOUT:
                case TextKeys.STREAM_TIMEOUT:
                    next = tokenEnd(b, vs, end);
                    break;
                default:
                    r.unknownFields++;
                    next = tokenEnd(b, vs, end);
                    break;
            }
            lastWasCode = isCode;
            p = next;
        }
        return ParseStatus.RECORD;
    }

    private static io.ctscope.ingest.record.TextValue text(int key, ConntrackRecord r) {
        return key == TextKeys.SECCTX ? r.secctx : key == TextKeys.HELPER ? r.helper
            : key == TextKeys.LABELS ? r.labels : r.progname;
    }

    /** End of the value read by the last {@link #number} call. */
    private int valueEnd;
    /** Whether the last {@link #counter} call read a valid number (every 64-bit pattern is a valid counter). */
    private boolean counterValid;
    private static final long MAX_U64_TENTH = Long.divideUnsigned(-1L, 10);

    /**
     * Unsigned decimal from {@code vs} up to the next blank (or the end), eight digits a word; sets
     * {@link #valueEnd}. {@link Ascii#INVALID} when empty, not all digits, or too large.
     */
    private long number(byte[] b, int vs, int end) {
        long v = digits(b, vs, end);
        int i = digitsEnd;
        if (i < end && b[i] != ' ' && b[i] != '\t') {
            int q = tokenEnd(b, i, end);
            valueEnd = q;
            return Ascii.parseUnsigned(b, vs, q);
        }
        valueEnd = i;
        return i == vs ? Ascii.INVALID : v;
    }

    /** End of the digits read by the last {@link #digits} call. */
    private int digitsEnd;

    /**
     * The value of the run of up to {@value #WORD_DIGITS} decimal digits at {@code i}, a word at a time;
     * sets {@link #digitsEnd} (where the run stopped: the first non-digit, or after that many digits).
     */
    private long digits(byte[] b, int i, int end) {
        long v = 0;
        int start = i;
        while (i - start < WORD_DIGITS) {
            long w = Swar.loadUpTo(b, i, end);
            int n = Swar.first(Swar.nonDigits(w));
            if (n == 0) {
                break;
            }
            v = v * POW10[n] + Swar.digitsValue(w, n);
            i += n;
            if (n < Swar.WORD) {
                break;
            }
        }
        digitsEnd = i;
        return v;
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

    private int fail(int status, byte[] b, int keyOff, int keyEnd) {
        errBuf = b;
        errKeyOff = keyOff;
        errKeyEnd = keyEnd;
        return status;
    }

    /**
     * {@code [UNREPLIED]} or {@code [ASSURED]}, the flags nearly every line has, each told by one word
     * compare: sets the flag and returns the index after it, or -1 for any other token.
     */
    private static int commonFlag(byte[] b, int p, int end, ConntrackRecord r) {
        if (p > b.length - Swar.WORD) {
            return -1;
        }
        long w = Swar.load(b, p);
        if (w == UNREPLIED_HEAD && Ascii.startsWith(b, p + Swar.WORD, end, UNREPLIED_TAIL)
            && isTokenEnd(b, p + F_UNREPLIED.length, end)) {
            r.flags |= Flags.UNREPLIED;
            return p + F_UNREPLIED.length;
        }
        if (w == ASSURED_HEAD && p + Swar.WORD < end && b[p + Swar.WORD] == ']' && isTokenEnd(b, p + F_ASSURED.length, end)) {
            r.flags |= Flags.ASSURED;
            return p + F_ASSURED.length;
        }
        return -1;
    }

    private static boolean isTokenEnd(byte[] b, int i, int end) {
        return i == end || b[i] == ' ' || b[i] == '\t';
    }

    /**
     * The event tag at {@code b[p] == '['}, each of the three told by a word compare: sets the kind and
     * returns the index after it, or -1 when the token is no event tag.
     */
    private static int eventTag(byte[] b, int p, int end, ConntrackRecord r) {
        long w = Swar.loadUpTo(b, p, end);
        if (Swar.lowBytes(w, TAG_NEW.length) == TAG_NEW_WORD && isTokenEnd(b, p + TAG_NEW.length, end)) {
            r.kind = RecordKind.NEW;
            return p + TAG_NEW.length;
        }
        if (w == TAG_UPDATE_WORD && isTokenEnd(b, p + TAG_UPDATE.length, end)) {
            r.kind = RecordKind.UPDATE;
            return p + TAG_UPDATE.length;
        }
        if (w == TAG_DESTROY_HEAD && p + Swar.WORD < end && b[p + Swar.WORD] == ']' && isTokenEnd(b, p + TAG_DESTROY.length, end)) {
            r.kind = RecordKind.DESTROY;
            return p + TAG_DESTROY.length;
        }
        return -1;
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

    /** {@code [sec.usec]} then optional TAB; returns the index after ']' or -1. */
    private int parseTimestamp(byte[] b, int p, int end, ConntrackRecord r) {
        // as conntrack prints it: digits, '.', 1 to 9 digits, ']'
        long sec = digits(b, p + 1, end);
        int dot = digitsEnd;
        if (dot > p + 1 && dot < end && b[dot] == '.' && sec <= MAX_TIMESTAMP_SECONDS) {
            long frac = digits(b, dot + 1, end);
            int close = digitsEnd;
            int fracDigits = close - dot - 1;
            if (fracDigits >= 1 && fracDigits <= 9 && close < end && b[close] == ']') {
                r.timestampMicros = sec * 1_000_000L + toMicros(frac, fracDigits);
                r.present |= Field.TIMESTAMP;
                return close + 1;
            }
        }
        return parseTimestampByParts(b, p, end, r);
    }

    /** A fraction of a second given in {@code digits} decimal digits, in whole microseconds. */
    private static long toMicros(long frac, int digits) {
        long usec = frac;
        for (int i = digits; i < 6; i++) {
            usec *= 10;
        }
        for (int i = digits; i > 6; i--) {
            usec /= 10;
        }
        return usec;
    }

    /** {@link #parseTimestamp} for any other spelling (blanks inside the brackets, no fraction). */
    private static int parseTimestampByParts(byte[] b, int p, int end, ConntrackRecord r) {
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
            usec = toMicros(usec, digits);
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

    private static int skipSpace(byte[] b, int p, int end) {
        return Swar.skipBlanks(b, p, end);
    }

    private static int tokenEnd(byte[] b, int p, int end) {
        return Swar.tokenEnd(b, p, end);
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
