package io.ctscope.ingest.parse;

import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.RecordKind;
import io.ctscope.ingest.record.TextValue;
import io.ctscope.ingest.record.Tuple;

/**
 * Parses one line of {@code conntrack -E -o xml} / {@code conntrack -L -o xml} output, in place, into a
 * {@link ConntrackRecord}. conntrack-tools prints one {@code <flow>} element per line, framed by an
 * {@code <?xml ...?>} prolog and a {@code <conntrack>} root on lines of their own. The element names are
 * those of libnetfilter_conntrack's {@code src/conntrack/snprintf_xml.c}:
 *
 * <pre>
 * &lt;flow type="new|update|destroy"?&gt;
 *   &lt;meta direction="original|reply"&gt;
 *     &lt;layer3 protonum="2|10" protoname=".."&gt;&lt;src/&gt;&lt;dst/&gt;&lt;/layer3&gt;
 *     &lt;layer4 protonum="N" protoname=".."&gt;&lt;sport/&gt;&lt;dport/&gt; | &lt;srckey/&gt;&lt;dstkey/&gt;&lt;/layer4&gt;
 *     &lt;zone/&gt;? &lt;counters&gt;&lt;packets/&gt;&lt;bytes/&gt;&lt;/counters&gt;?
 *   &lt;/meta&gt;
 *   &lt;meta direction="independent"&gt;
 *     &lt;state/&gt; &lt;timeout/&gt; &lt;mark/&gt; &lt;labels&gt;&lt;label/&gt;*&lt;/labels&gt; &lt;secmark/&gt; &lt;secctx/&gt; &lt;zone/&gt;
 *     &lt;use/&gt; &lt;id/&gt; &lt;assured/&gt; &lt;unreplied/&gt; &lt;timestamp&gt;&lt;start/&gt;&lt;stop/&gt;&lt;/timestamp&gt; &lt;deltatime/&gt;
 *   &lt;/meta&gt;
 *   &lt;when&gt;&lt;hour/&gt;&lt;min/&gt;&lt;sec/&gt;&lt;wday/&gt;&lt;day/&gt;&lt;month/&gt;&lt;year/&gt;&lt;/when&gt;?  &lt;helper/&gt;?
 * &lt;/flow&gt;
 * </pre>
 *
 * Every element is optional and may come in any order; elements this parser does not know are skipped
 * (with their children) and counted in {@link ConntrackRecord#unknownFields}. Also accepted although
 * libnetfilter_conntrack does not print them (yet): icmp {@code <type> <code> <id>} in layer4,
 * {@code <offload/>}, {@code <hw-offload/>}, {@code <helper>} inside the independent meta.
 * {@code <timestamp>} start/stop are nanoseconds; {@code <when>} is the listener's local wall time, read
 * as UTC like {@link CtimeParser}. No entities, comments or CDATA: conntrack prints none.
 *
 * <p>Internal methods return the index after what they consumed, or a negated {@link ParseStatus} error
 * code. No allocation on valid input (the labels scratch buffer only grows on an unusually long list).
 */
public final class XmlFlowParser {
    private static final byte[] PI_END = Ascii.bytes("?>");

    private static final byte[] E_CONNTRACK = Ascii.bytes("conntrack");
    private static final byte[] E_FLOW = Ascii.bytes("flow");

    private static final byte[] A_TYPE = Ascii.bytes("type");
    private static final byte[] A_DIRECTION = Ascii.bytes("direction");
    private static final byte[] A_PROTONUM = Ascii.bytes("protonum");
    private static final byte[] V_NEW = Ascii.bytes("new");
    private static final byte[] V_UPDATE = Ascii.bytes("update");
    private static final byte[] V_DESTROY = Ascii.bytes("destroy");
    private static final byte[] V_ORIGINAL = Ascii.bytes("original");
    private static final byte[] V_REPLY = Ascii.bytes("reply");
    private static final byte[] V_INDEPENDENT = Ascii.bytes("independent");

    private static final int OPEN = 1;
    private static final int CLOSE = 2;
    private static final int EMPTY = 3;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_U32 = 0xffffffffL;

    private final InetParser inet = new InetParser();

    /** The last tag read by {@link #readTag}. */
    private int tagKind;
    private int nameOff;
    private int nameEnd;
    private int attrOff;
    private int attrEnd;
    /** Text of the last leaf read by {@link #readLeaf}, or of the last attribute found by {@link #findAttr}. */
    private int valOff;
    private int valEnd;

    /** Layer-3 family from the layer3 protonum attribute (4 or 6), 0 before the first layer3. */
    private int l3;
    private boolean sawLayer4;
    private boolean sawOriginal;

    private byte[] labelScratch = new byte[64];
    private int labelLength;
    /** The parts of the {@code <when>} being read, -1 until read: hour, minute, second, day, month, year. */
    private final long[] date = new long[6];
    private static final int D_HOUR = 0;
    private static final int D_MIN = 1;
    private static final int D_SEC = 2;
    private static final int D_DAY = 3;
    private static final int D_MONTH = 4;
    private static final int D_YEAR = 5;

    private byte[] errBuf;
    private int errNameOff;
    private int errNameEnd;

    /** Parses {@code b[start, end)} (no line terminator) into {@code r}; returns a {@link ParseStatus} code. */
    public int parse(byte[] b, int start, int end, ConntrackRecord r) {
        r.clear();
        errBuf = null;
        l3 = 0;
        sawLayer4 = false;
        sawOriginal = false;
        if (b == null || start < 0 || end > b.length || start > end) {
            return ParseStatus.ERR_NOT_CONNTRACK;
        }
        int p = skipSpace(b, start, end);
        while (end > p && isSpace(b[end - 1])) {
            end--;
        }
        int expected = ExpectedLines.status(b, p, end);
        if (expected >= 0) {
            return expected;
        }
        if (b[p] != '<') {
            return ParseStatus.ERR_NOT_CONNTRACK;
        }
        errBuf = b;
        errNameOff = errNameEnd = start; // no element read yet: none of an earlier line
        boolean sawFlow = false;
        while (p < end) {
            if (b[p] != '<') {
                return ParseStatus.ERR_BAD_XML;
            }
            if (p + 1 < end && b[p + 1] == '?') {
                int close = Ascii.indexOf(b, p + 2, end, PI_END);
                if (close < 0) {
                    return ParseStatus.ERR_BAD_XML;
                }
                p = skipSpace(b, close + PI_END.length, end);
                continue;
            }
            int q = readTag(b, p, end);
            if (q < 0) {
                return -q;
            }
            if (isName(b, E_CONNTRACK) && tagKind != EMPTY) {
                p = skipSpace(b, q, end);
                continue;
            }
            if (!isName(b, E_FLOW) || tagKind == CLOSE || sawFlow) {
                return ParseStatus.ERR_BAD_XML;
            }
            sawFlow = true;
            q = parseFlow(b, q, end, r);
            if (q < 0) {
                return -q;
            }
            p = skipSpace(b, q, end);
        }
        if (!sawFlow) {
            return ParseStatus.SKIP_MARKUP;
        }
        return validate(r);
    }

    /** After the {@code <flow ...>} tag: the type attribute, then the children up to {@code </flow>}. */
    private int parseFlow(byte[] b, int p, int end, ConntrackRecord r) {
        int type = findAttr(b, A_TYPE);
        if (type < -1) {
            return type;
        }
        if (type >= 0) {
            if (Ascii.equals(b, valOff, valEnd, V_NEW)) {
                r.kind = RecordKind.NEW;
            } else if (Ascii.equals(b, valOff, valEnd, V_UPDATE)) {
                r.kind = RecordKind.UPDATE;
            } else if (Ascii.equals(b, valOff, valEnd, V_DESTROY)) {
                r.kind = RecordKind.DESTROY;
            } else {
                return -ParseStatus.ERR_BAD_EVENT_TAG;
            }
        }
        return children(b, p, end, r, XmlElements.IN_FLOW, null);
    }

    /**
     * After the open tag of an element that holds others ({@code parent}, an {@code XmlElements.IN_*}):
     * each child the table lists under it is read into {@code r} (its tuple {@code t}), any other is
     * skipped and counted, up to the element's close tag. Returns the index after it.
     */
    private int children(byte[] b, int p, int end, ConntrackRecord r, int parent, Tuple t) {
        if (tagKind == EMPTY) {
            return p;
        }
        byte[] closing = XmlElements.closingName(parent);
        while (true) {
            int q = nextChild(b, p, end, closing);
            if (q < 0 || tagKind == CLOSE) {
                return q;
            }
            int element = XmlElements.find(parent, b, nameOff, nameEnd);
            if (element == XmlElements.UNKNOWN) {
                r.unknownFields++;
                q = skipElement(b, q, end);
            } else if (XmlElements.content(element) == XmlElements.CONTAINER) {
                q = container(b, q, end, r, element, t);
            } else {
                q = readLeaf(b, q, end);
                if (q >= 0) {
                    int status = leaf(b, r, element, t);
                    if (status < 0) {
                        return status;
                    }
                }
            }
            if (q < 0) {
                return q;
            }
            p = q;
        }
    }

    /** An element that holds others, after its open tag: its attributes, then its children. */
    private int container(byte[] b, int p, int end, ConntrackRecord r, int element, Tuple t) {
        switch (element) {
            case XmlElements.META:
                return parseMeta(b, p, end, r);
            case XmlElements.LAYER3:
                return parseLayer3(b, p, end, r, t);
            case XmlElements.LAYER4:
                return parseLayer4(b, p, end, r, t);
            case XmlElements.COUNTERS:
                return children(b, p, end, r, XmlElements.IN_COUNTERS, t);
            case XmlElements.TIMESTAMP:
                return children(b, p, end, r, XmlElements.IN_TIMESTAMP, t);
            case XmlElements.LABELS: {
                r.present |= Field.LABELS;
                labelLength = 0;
                int q = children(b, p, end, r, XmlElements.IN_LABELS, t);
                r.labels.set(labelScratch, 0, labelLength);
                return q;
            }
            default:
                return parseWhen(b, p, end, r);
        }
    }

    private int parseMeta(byte[] b, int p, int end, ConntrackRecord r) {
        int dir = findAttr(b, A_DIRECTION);
        if (dir < -1) {
            return dir;
        }
        if (dir >= 0 && Ascii.equals(b, valOff, valEnd, V_ORIGINAL)) {
            if (sawOriginal) {
                return -ParseStatus.ERR_TOO_MANY_TUPLES;
            }
            sawOriginal = true;
            return children(b, p, end, r, XmlElements.IN_TUPLE_META, r.orig);
        }
        if (dir >= 0 && Ascii.equals(b, valOff, valEnd, V_REPLY)) {
            if (r.has(Field.REPLY)) {
                return -ParseStatus.ERR_TOO_MANY_TUPLES;
            }
            r.present |= Field.REPLY;
            return children(b, p, end, r, XmlElements.IN_TUPLE_META, r.reply);
        }
        if (dir >= 0 && Ascii.equals(b, valOff, valEnd, V_INDEPENDENT)) {
            return children(b, p, end, r, XmlElements.IN_INDEPENDENT_META, null);
        }
        r.unknownFields++;
        return skipElement(b, p, end);
    }

    private int parseLayer3(byte[] b, int p, int end, ConntrackRecord r, Tuple t) {
        if (findAttr(b, A_PROTONUM) < 0) {
            return -ParseStatus.ERR_BAD_L3;
        }
        long num = Ascii.parseUnsigned(b, valOff, valEnd);
        int family = num == Addresses.AF_INET ? 4 : num == Addresses.AF_INET6 ? 6 : 0;
        if (family == 0) {
            return -ParseStatus.ERR_BAD_L3;
        }
        if (l3 != 0 && l3 != family) {
            return -ParseStatus.ERR_FAMILY_MISMATCH;
        }
        l3 = family;
        return children(b, p, end, r, XmlElements.IN_LAYER3, t);
    }

    private int parseLayer4(byte[] b, int p, int end, ConntrackRecord r, Tuple t) {
        if (findAttr(b, A_PROTONUM) < 0) {
            return -ParseStatus.ERR_BAD_PROTOCOL;
        }
        long num = Ascii.parseUnsigned(b, valOff, valEnd);
        if (num < 0 || num > 255 || (sawLayer4 && num != r.protocol)) {
            return -ParseStatus.ERR_BAD_PROTOCOL;
        }
        r.protocol = (int) num;
        sawLayer4 = true;
        return children(b, p, end, r, XmlElements.IN_LAYER4, t);
    }

    /** The {@code <when>} block: the listener's local wall-clock time, kept as UTC like ctime text. */
    private int parseWhen(byte[] b, int p, int end, ConntrackRecord r) {
        if (tagKind == EMPTY) {
            return -ParseStatus.ERR_BAD_TIMESTAMP;
        }
        java.util.Arrays.fill(date, -1);
        int q = children(b, p, end, r, XmlElements.IN_WHEN, null);
        if (q < 0) {
            return q;
        }
        long hour = date[D_HOUR];
        long min = date[D_MIN];
        long sec = date[D_SEC];
        long day = date[D_DAY];
        long month = date[D_MONTH];
        long year = date[D_YEAR];
        if (hour > 23 || min > 59 || sec > 60 || day < 1 || day > 31 || month < 1 || month > 12
            || year < 1970 || year > 9999 || hour < 0 || min < 0 || sec < 0) {
            return -ParseStatus.ERR_BAD_TIMESTAMP;
        }
        long epoch = CtimeParser.daysFromCivil(year, month, day) * 86400L + hour * 3600 + min * 60 + sec;
        r.timestampMicros = epoch * 1_000_000L;
        r.present |= Field.TIMESTAMP;
        return q;
    }

    /**
     * The text of a leaf element just read ({@link #valOff}/{@link #valEnd}) into its place, as the table
     * says it is written; returns 0, or a negated error status.
     */
    private int leaf(byte[] b, ConntrackRecord r, int element, Tuple t) {
        switch (XmlElements.content(element)) {
            case XmlElements.NUMBER: {
                long v = number(b, XmlElements.max(element));
                if (v < 0) {
                    return (int) v;
                }
                storeNumber(r, element, t, v);
                return 0;
            }
            case XmlElements.HEX32: {
                long v = hex(b);
                if (v < 0) {
                    return (int) v;
                }
                if (element == XmlElements.GRE_SRCKEY) {
                    t.greSrcKey = v;
                } else {
                    t.greDstKey = v;
                }
                return 0;
            }
            case XmlElements.TEXT: {
                TextValue into = element == XmlElements.SECCTX ? r.secctx : r.helper;
                into.set(b, valOff, valEnd - valOff);
                r.present |= element == XmlElements.SECCTX ? Field.SECCTX : Field.HELPER;
                return 0;
            }
            case XmlElements.FLAG:
                r.flags |= element == XmlElements.ASSURED ? Flags.ASSURED : element == XmlElements.UNREPLIED ? Flags.UNREPLIED
                    : element == XmlElements.OFFLOAD ? Flags.OFFLOAD : Flags.HW_OFFLOAD;
                return 0;
            case XmlElements.STATE:
                return state(b, r);
            case XmlElements.ADDRESS:
                return address(b, element, t);
            case XmlElements.DATE_PART: {
                long v = Ascii.parseUnsigned(b, valOff, valEnd);
                if (v < 0 || v > XmlElements.max(element)) {
                    return -ParseStatus.ERR_BAD_TIMESTAMP;
                }
                int part = datePart(element);
                if (part >= 0) {
                    date[part] = v;
                }
                return 0;
            }
            default:
                appendLabel(b);
                return 0;
        }
    }

    /** Where {@link #date} keeps a part of {@code <when>}; -1 for the weekday, which the date implies. */
    private static int datePart(int element) {
        switch (element) {
            case XmlElements.HOUR:
                return D_HOUR;
            case XmlElements.MIN:
                return D_MIN;
            case XmlElements.SEC:
                return D_SEC;
            case XmlElements.DAY:
                return D_DAY;
            case XmlElements.MONTH:
                return D_MONTH;
            case XmlElements.YEAR:
                return D_YEAR;
            default:
                return -1;
        }
    }

    private void storeNumber(ConntrackRecord r, int element, Tuple t, long v) {
        switch (element) {
            case XmlElements.TUPLE_ZONE:
                t.zone = (int) v;
                t.hasZone = true;
                break;
            case XmlElements.SPORT:
                t.sport = (int) v;
                break;
            case XmlElements.DPORT:
                t.dport = (int) v;
                break;
            case XmlElements.ICMP_TYPE:
                t.icmpType = (int) v;
                break;
            case XmlElements.ICMP_CODE:
                t.icmpCode = (int) v;
                break;
            case XmlElements.ICMP_ID:
                t.icmpId = (int) v;
                break;
            case XmlElements.PACKETS:
                t.packets = v;
                t.hasCounters = true;
                break;
            case XmlElements.BYTES:
                t.bytes = v;
                t.hasCounters = true;
                break;
            case XmlElements.TIMEOUT:
                r.timeout = v;
                r.present |= Field.TIMEOUT;
                break;
            case XmlElements.MARK:
                r.mark = v;
                r.present |= Field.MARK;
                break;
            case XmlElements.ZONE:
                r.zone = (int) v;
                r.present |= Field.ZONE;
                break;
            case XmlElements.USE:
                r.use = (int) Math.min(v, Integer.MAX_VALUE);
                r.present |= Field.USE;
                break;
            case XmlElements.ID:
                r.id = v;
                r.present |= Field.ID;
                break;
            case XmlElements.SECMARK:
                r.secmark = v;
                r.present |= Field.SECMARK;
                break;
            case XmlElements.DELTATIME:
                r.deltaTime = v;
                r.present |= Field.DELTA_TIME;
                break;
            case XmlElements.START:
                r.startSec = v / NANOS_PER_SECOND;
                r.present |= Field.START;
                break;
            default:
                r.stopSec = v / NANOS_PER_SECOND;
                r.present |= Field.STOP;
                break;
        }
    }

    private int state(byte[] b, ConntrackRecord r) {
        int len = valEnd - valOff;
        if (len == 0 || !RecordChecks.isStateWord(b, valOff, valEnd)) {
            return -ParseStatus.ERR_BAD_STATE;
        }
        int code = ConnState.code(b, valOff, len);
        if (code < 0) {
            return -ParseStatus.ERR_BAD_STATE;
        }
        r.state = code;
        r.present |= Field.STATE;
        return 0;
    }

    private int address(byte[] b, int element, Tuple t) {
        if (!inet.parse(b, valOff, valEnd)) {
            return -ParseStatus.ERR_BAD_ADDRESS;
        }
        return inet.storeInto(t, element == XmlElements.SRC) ? 0 : -ParseStatus.ERR_FAMILY_MISMATCH;
    }

    /** {@code <labels><label>a</label><label>b</label></labels>} is kept as {@code a,b}, like the text format. */
    private void appendLabel(byte[] b) {
        int n = valEnd - valOff;
        int need = labelLength + n + 1;
        if (need > labelScratch.length) {
            byte[] grown = new byte[Math.max(need, labelScratch.length * 2)];
            System.arraycopy(labelScratch, 0, grown, 0, labelLength);
            labelScratch = grown;
        }
        if (labelLength > 0) {
            labelScratch[labelLength++] = ',';
        }
        System.arraycopy(b, valOff, labelScratch, labelLength, n);
        labelLength += n;
    }

    /** The shared checks ({@code l3} is set once any address was read: addresses live in a layer3), then a layer4 seen. */
    private int validate(ConntrackRecord r) {
        int status = RecordChecks.tuples(r, l3);
        if (status != ParseStatus.RECORD) {
            return status;
        }
        if (!sawLayer4) {
            return ParseStatus.ERR_BAD_PROTOCOL;
        }
        r.present |= Field.L3_COLUMNS | Field.FROM_XML;
        return ParseStatus.RECORD;
    }

    // ---- the scanner ----

    /**
     * Reads the tag at {@code b[p] == '<'} into {@link #tagKind}, the name and the attribute range;
     * returns the index after {@code >}, or {@code -ERR_BAD_XML}.
     */
    private int readTag(byte[] b, int p, int end) {
        int q = p + 1;
        int kind = OPEN;
        if (q < end && b[q] == '/') {
            kind = CLOSE;
            q++;
        }
        int n = q;
        while (q < end && isNameChar(b[q])) {
            q++;
        }
        if (q == n) {
            return -ParseStatus.ERR_BAD_XML;
        }
        int gt = Ascii.indexOf(b, q, end, (byte) '>');
        if (gt < 0) {
            return -ParseStatus.ERR_BAD_XML;
        }
        int ae = gt;
        if (ae > q && b[ae - 1] == '/') {
            if (kind == CLOSE) {
                return -ParseStatus.ERR_BAD_XML;
            }
            kind = EMPTY;
            ae--;
        }
        if (ae > q && !isSpace(b[q])) {
            return -ParseStatus.ERR_BAD_XML;
        }
        if (kind == CLOSE && skipSpace(b, q, ae) != ae) {
            return -ParseStatus.ERR_BAD_XML;
        }
        tagKind = kind;
        nameOff = n;
        nameEnd = q;
        attrOff = q;
        attrEnd = ae;
        errNameOff = n;
        errNameEnd = q;
        return gt + 1;
    }

    /**
     * Finds attribute {@code name} in the last tag's attribute range, leaving its value in
     * {@link #valOff}/{@link #valEnd}: returns 0 when found, -1 when absent, {@code -ERR_BAD_XML} when the
     * attributes are malformed.
     */
    private int findAttr(byte[] b, byte[] name) {
        int p = attrOff;
        int end = attrEnd;
        while (true) {
            p = skipSpace(b, p, end);
            if (p == end) {
                return -1;
            }
            int n = p;
            while (p < end && isNameChar(b[p])) {
                p++;
            }
            int ne = p;
            p = skipSpace(b, p, end);
            if (ne == n || p >= end || b[p] != '=') {
                return -ParseStatus.ERR_BAD_XML;
            }
            p = skipSpace(b, p + 1, end);
            if (p >= end || (b[p] != '"' && b[p] != '\'')) {
                return -ParseStatus.ERR_BAD_XML;
            }
            int close = Ascii.indexOf(b, p + 1, end, b[p]);
            if (close < 0) {
                return -ParseStatus.ERR_BAD_XML;
            }
            if (Ascii.equals(b, n, ne, name)) {
                valOff = p + 1;
                valEnd = close;
                return 0;
            }
            p = close + 1;
            if (p < end && !isSpace(b[p])) {
                return -ParseStatus.ERR_BAD_XML;
            }
        }
    }

    /**
     * After the open tag of a text-only element: leaves its trimmed text in {@link #valOff}/{@link #valEnd}
     * and returns the index after the matching close tag ({@code <x/>} is empty text).
     */
    private int readLeaf(byte[] b, int p, int end) {
        if (tagKind == EMPTY) {
            valOff = valEnd = p;
            return p;
        }
        int n = nameOff;
        int ne = nameEnd;
        int lt = Ascii.indexOf(b, p, end, (byte) '<');
        if (lt < 0) {
            return -ParseStatus.ERR_BAD_XML;
        }
        int q = readTag(b, lt, end);
        if (q < 0) {
            return q;
        }
        if (tagKind != CLOSE || !sameName(b, n, ne)) {
            return -ParseStatus.ERR_BAD_XML;
        }
        int vs = skipSpace(b, p, lt);
        int ve = lt;
        while (ve > vs && isSpace(b[ve - 1])) {
            ve--;
        }
        valOff = vs;
        valEnd = ve;
        return q;
    }

    /** After the open tag of an element this parser does not model: skips to after its matching close tag. */
    private int skipElement(byte[] b, int p, int end) {
        if (tagKind == EMPTY) {
            return p;
        }
        int n = nameOff;
        int ne = nameEnd;
        int depth = 1;
        while (true) {
            int lt = Ascii.indexOf(b, p, end, (byte) '<');
            if (lt < 0) {
                return -ParseStatus.ERR_BAD_XML;
            }
            p = readTag(b, lt, end);
            if (p < 0) {
                return p;
            }
            if (tagKind == OPEN) {
                depth++;
            } else if (tagKind == CLOSE && --depth == 0) {
                return sameName(b, n, ne) ? p : -ParseStatus.ERR_BAD_XML;
            }
        }
    }

    /**
     * Reads the next tag inside {@code container}: a child's open tag, or the container's own close tag
     * ({@link #tagKind} {@code == CLOSE}). Text between elements, or any other close tag, is an error.
     */
    private int nextChild(byte[] b, int p, int end, byte[] container) {
        p = skipSpace(b, p, end);
        if (p >= end || b[p] != '<') {
            return -ParseStatus.ERR_BAD_XML;
        }
        int q = readTag(b, p, end);
        return q >= 0 && tagKind == CLOSE && !isName(b, container) ? -ParseStatus.ERR_BAD_XML : q;
    }

    /** The last leaf's text as an unsigned number up to {@code max}, or {@code -ERR_BAD_NUMBER}. */
    private long number(byte[] b, long max) {
        long v = Ascii.parseUnsigned(b, valOff, valEnd);
        return v < 0 || v > max ? -ParseStatus.ERR_BAD_NUMBER : v;
    }

    /** The last leaf's text as {@code 0x}-prefixed hex up to 32 bits, or {@code -ERR_BAD_NUMBER}. */
    private long hex(byte[] b) {
        long v = Ascii.parseHex(b, valOff, valEnd);
        return v < 0 || v > MAX_U32 ? -ParseStatus.ERR_BAD_NUMBER : v;
    }

    private boolean isName(byte[] b, byte[] name) {
        return Ascii.equals(b, nameOff, nameEnd, name);
    }

    private boolean sameName(byte[] b, int off, int end) {
        int len = end - off;
        if (nameEnd - nameOff != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[nameOff + i] != b[off + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || Ascii.isDigit(c)
            || c == '-' || c == '_' || c == '.' || c == ':';
    }

    private static boolean isSpace(byte c) {
        return c == '\n' || Ascii.isSpace(c);
    }

    private static int skipSpace(byte[] b, int p, int end) {
        while (p < end && isSpace(b[p])) {
            p++;
        }
        return p;
    }

    /** A human reason for the last rejected line, naming the element being read (cold path: allocates). */
    public String describeError(int status) {
        String reason = ParseStatus.reason(status);
        if (errBuf == null || errNameEnd <= errNameOff || !ParseStatus.isError(status)) {
            return reason;
        }
        int len = Math.min(errNameEnd - errNameOff, 40);
        return reason + " at <" + new String(errBuf, errNameOff, len, java.nio.charset.StandardCharsets.ISO_8859_1) + ">";
    }
}
