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
    private static final byte[] E_META = Ascii.bytes("meta");
    private static final byte[] E_LAYER3 = Ascii.bytes("layer3");
    private static final byte[] E_LAYER4 = Ascii.bytes("layer4");
    private static final byte[] E_SRC = Ascii.bytes("src");
    private static final byte[] E_DST = Ascii.bytes("dst");
    private static final byte[] E_SPORT = Ascii.bytes("sport");
    private static final byte[] E_DPORT = Ascii.bytes("dport");
    private static final byte[] E_TYPE = Ascii.bytes("type");
    private static final byte[] E_CODE = Ascii.bytes("code");
    private static final byte[] E_ID = Ascii.bytes("id");
    private static final byte[] E_SRCKEY = Ascii.bytes("srckey");
    private static final byte[] E_DSTKEY = Ascii.bytes("dstkey");
    private static final byte[] E_ZONE = Ascii.bytes("zone");
    private static final byte[] E_COUNTERS = Ascii.bytes("counters");
    private static final byte[] E_PACKETS = Ascii.bytes("packets");
    private static final byte[] E_BYTES = Ascii.bytes("bytes");
    private static final byte[] E_STATE = Ascii.bytes("state");
    private static final byte[] E_TIMEOUT = Ascii.bytes("timeout");
    private static final byte[] E_MARK = Ascii.bytes("mark");
    private static final byte[] E_SECMARK = Ascii.bytes("secmark");
    private static final byte[] E_SECCTX = Ascii.bytes("secctx");
    private static final byte[] E_USE = Ascii.bytes("use");
    private static final byte[] E_ASSURED = Ascii.bytes("assured");
    private static final byte[] E_UNREPLIED = Ascii.bytes("unreplied");
    private static final byte[] E_OFFLOAD = Ascii.bytes("offload");
    private static final byte[] E_HW_OFFLOAD = Ascii.bytes("hw-offload");
    private static final byte[] E_TIMESTAMP = Ascii.bytes("timestamp");
    private static final byte[] E_START = Ascii.bytes("start");
    private static final byte[] E_STOP = Ascii.bytes("stop");
    private static final byte[] E_DELTATIME = Ascii.bytes("deltatime");
    private static final byte[] E_HELPER = Ascii.bytes("helper");
    private static final byte[] E_LABELS = Ascii.bytes("labels");
    private static final byte[] E_LABEL = Ascii.bytes("label");
    private static final byte[] E_WHEN = Ascii.bytes("when");
    private static final byte[] E_HOUR = Ascii.bytes("hour");
    private static final byte[] E_MIN = Ascii.bytes("min");
    private static final byte[] E_SEC = Ascii.bytes("sec");
    private static final byte[] E_WDAY = Ascii.bytes("wday");
    private static final byte[] E_DAY = Ascii.bytes("day");
    private static final byte[] E_MONTH = Ascii.bytes("month");
    private static final byte[] E_YEAR = Ascii.bytes("year");

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

    /** Layer-4 children ({@link #layer4Field}). */
    private static final int L4_SPORT = 1;
    private static final int L4_DPORT = 2;
    private static final int L4_ICMP_TYPE = 3;
    private static final int L4_ICMP_CODE = 4;
    private static final int L4_ICMP_ID = 5;
    private static final int L4_GRE_SRCKEY = 6;
    private static final int L4_GRE_DSTKEY = 7;
    /** Numeric children of the independent meta ({@link #numericField}). */
    private static final int N_TIMEOUT = 1;
    private static final int N_MARK = 2;
    private static final int N_ZONE = 3;
    private static final int N_USE = 4;
    private static final int N_ID = 5;
    private static final int N_SECMARK = 6;
    private static final int N_DELTATIME = 7;
    /** Children of {@code <when>} ({@link #whenUnit}). */
    private static final int W_HOUR = 1;
    private static final int W_MIN = 2;
    private static final int W_SEC = 3;
    private static final int W_DAY = 4;
    private static final int W_MONTH = 5;
    private static final int W_YEAR = 6;
    private static final int W_WDAY = 7;

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
        int kind = tagKind;
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
        if (kind == EMPTY) {
            return p;
        }
        while (true) {
            int q = nextChild(b, p, end, E_FLOW);
            if (q < 0 || tagKind == CLOSE) {
                return q;
            }
            if (isName(b, E_META)) {
                q = parseMeta(b, q, end, r);
            } else if (isName(b, E_WHEN)) {
                q = parseWhen(b, q, end, r);
            } else if (isName(b, E_HELPER)) {
                q = readText(b, q, end, r.helper, r, Field.HELPER);
            } else {
                r.unknownFields++;
                q = skipElement(b, q, end);
            }
            if (q < 0) {
                return q;
            }
            p = q;
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
            return parseTupleMeta(b, p, end, r, r.orig);
        }
        if (dir >= 0 && Ascii.equals(b, valOff, valEnd, V_REPLY)) {
            if (r.has(Field.REPLY)) {
                return -ParseStatus.ERR_TOO_MANY_TUPLES;
            }
            r.present |= Field.REPLY;
            return parseTupleMeta(b, p, end, r, r.reply);
        }
        if (dir >= 0 && Ascii.equals(b, valOff, valEnd, V_INDEPENDENT)) {
            return parseIndependentMeta(b, p, end, r);
        }
        r.unknownFields++;
        return skipElement(b, p, end);
    }

    private int parseTupleMeta(byte[] b, int p, int end, ConntrackRecord r, Tuple t) {
        if (tagKind == EMPTY) {
            return p;
        }
        while (true) {
            int q = nextChild(b, p, end, E_META);
            if (q < 0 || tagKind == CLOSE) {
                return q;
            }
            if (isName(b, E_LAYER3)) {
                q = parseLayer3(b, q, end, r, t);
            } else if (isName(b, E_LAYER4)) {
                q = parseLayer4(b, q, end, r, t);
            } else if (isName(b, E_ZONE)) {
                q = readLeaf(b, q, end);
                if (q < 0) {
                    return q;
                }
                long v = number(b, 65535);
                if (v < 0) {
                    return (int) v;
                }
                t.zone = (int) v;
                t.hasZone = true;
            } else if (isName(b, E_COUNTERS)) {
                q = parseCounters(b, q, end, r, t);
            } else {
                r.unknownFields++;
                q = skipElement(b, q, end);
            }
            if (q < 0) {
                return q;
            }
            p = q;
        }
    }

    private int parseLayer3(byte[] b, int p, int end, ConntrackRecord r, Tuple t) {
        int kind = tagKind;
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
        if (kind == EMPTY) {
            return p;
        }
        while (true) {
            int q = nextChild(b, p, end, E_LAYER3);
            if (q < 0 || tagKind == CLOSE) {
                return q;
            }
            boolean src = isName(b, E_SRC);
            if (src || isName(b, E_DST)) {
                q = readLeaf(b, q, end);
                if (q < 0) {
                    return q;
                }
                if (!inet.parse(b, valOff, valEnd)) {
                    return -ParseStatus.ERR_BAD_ADDRESS;
                }
                if (t.addrFamily != 0 && t.addrFamily != inet.family) {
                    return -ParseStatus.ERR_FAMILY_MISMATCH;
                }
                t.addrFamily = inet.family;
                if (src) {
                    t.srcHi = inet.hi;
                    t.srcLo = inet.lo;
                    t.hasSrc = true;
                } else {
                    t.dstHi = inet.hi;
                    t.dstLo = inet.lo;
                    t.hasDst = true;
                }
            } else {
                r.unknownFields++;
                q = skipElement(b, q, end);
            }
            if (q < 0) {
                return q;
            }
            p = q;
        }
    }

    private int parseLayer4(byte[] b, int p, int end, ConntrackRecord r, Tuple t) {
        int kind = tagKind;
        if (findAttr(b, A_PROTONUM) < 0) {
            return -ParseStatus.ERR_BAD_PROTOCOL;
        }
        long num = Ascii.parseUnsigned(b, valOff, valEnd);
        if (num < 0 || num > 255 || (sawLayer4 && num != r.protocol)) {
            return -ParseStatus.ERR_BAD_PROTOCOL;
        }
        r.protocol = (int) num;
        sawLayer4 = true;
        if (kind == EMPTY) {
            return p;
        }
        while (true) {
            int q = nextChild(b, p, end, E_LAYER4);
            if (q < 0 || tagKind == CLOSE) {
                return q;
            }
            int field = layer4Field(b);
            if (field == 0) {
                r.unknownFields++;
                q = skipElement(b, q, end);
                if (q < 0) {
                    return q;
                }
                p = q;
                continue;
            }
            q = readLeaf(b, q, end);
            if (q < 0) {
                return q;
            }
            long v = field == L4_GRE_SRCKEY || field == L4_GRE_DSTKEY ? hex(b)
                : number(b, field == L4_ICMP_TYPE || field == L4_ICMP_CODE ? 255 : 65535);
            if (v < 0) {
                return (int) v;
            }
            switch (field) {
                case L4_SPORT:
                    t.sport = (int) v;
                    break;
                case L4_DPORT:
                    t.dport = (int) v;
                    break;
                case L4_ICMP_TYPE:
                    t.icmpType = (int) v;
                    break;
                case L4_ICMP_CODE:
                    t.icmpCode = (int) v;
                    break;
                case L4_ICMP_ID:
                    t.icmpId = (int) v;
                    break;
                case L4_GRE_SRCKEY:
                    t.greSrcKey = v;
                    break;
                default:
                    t.greDstKey = v;
                    break;
            }
            p = q;
        }
    }

    /** The {@code L4_*} code of the last tag's name, 0 when unknown. */
    private int layer4Field(byte[] b) {
        if (isName(b, E_SPORT)) {
            return L4_SPORT;
        }
        if (isName(b, E_DPORT)) {
            return L4_DPORT;
        }
        if (isName(b, E_TYPE)) {
            return L4_ICMP_TYPE;
        }
        if (isName(b, E_CODE)) {
            return L4_ICMP_CODE;
        }
        if (isName(b, E_ID)) {
            return L4_ICMP_ID;
        }
        if (isName(b, E_SRCKEY)) {
            return L4_GRE_SRCKEY;
        }
        return isName(b, E_DSTKEY) ? L4_GRE_DSTKEY : 0;
    }

    private int parseCounters(byte[] b, int p, int end, ConntrackRecord r, Tuple t) {
        if (tagKind == EMPTY) {
            return p;
        }
        while (true) {
            int q = nextChild(b, p, end, E_COUNTERS);
            if (q < 0 || tagKind == CLOSE) {
                return q;
            }
            boolean packets = isName(b, E_PACKETS);
            if (packets || isName(b, E_BYTES)) {
                q = readLeaf(b, q, end);
                if (q < 0) {
                    return q;
                }
                long v = number(b, Long.MAX_VALUE);
                if (v < 0) {
                    return (int) v;
                }
                if (packets) {
                    t.packets = v;
                } else {
                    t.bytes = v;
                }
                t.hasCounters = true;
            } else {
                r.unknownFields++;
                q = skipElement(b, q, end);
            }
            if (q < 0) {
                return q;
            }
            p = q;
        }
    }

    private int parseIndependentMeta(byte[] b, int p, int end, ConntrackRecord r) {
        if (tagKind == EMPTY) {
            return p;
        }
        while (true) {
            int q = nextChild(b, p, end, E_META);
            if (q < 0 || tagKind == CLOSE) {
                return q;
            }
            q = parseIndependentField(b, q, end, r);
            if (q < 0) {
                return q;
            }
            p = q;
        }
    }

    private int parseIndependentField(byte[] b, int q, int end, ConntrackRecord r) {
        int flag = flagOf(b);
        if (flag != 0) {
            q = readLeaf(b, q, end);
            if (q >= 0) {
                r.flags |= flag;
            }
            return q;
        }
        if (isName(b, E_TIMESTAMP)) {
            return parseTimestamp(b, q, end, r);
        }
        if (isName(b, E_LABELS)) {
            return parseLabels(b, q, end, r);
        }
        if (isName(b, E_SECCTX)) {
            return readText(b, q, end, r.secctx, r, Field.SECCTX);
        }
        if (isName(b, E_HELPER)) {
            return readText(b, q, end, r.helper, r, Field.HELPER);
        }
        if (isName(b, E_STATE)) {
            q = readLeaf(b, q, end);
            if (q < 0) {
                return q;
            }
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
            return q;
        }
        int field = numericField(b);
        if (field == 0) {
            r.unknownFields++;
            return skipElement(b, q, end);
        }
        q = readLeaf(b, q, end);
        if (q < 0) {
            return q;
        }
        long v = number(b, field == N_ZONE ? 65535 : field == N_DELTATIME ? Long.MAX_VALUE : MAX_U32);
        if (v < 0) {
            return (int) v;
        }
        switch (field) {
            case N_TIMEOUT:
                r.timeout = v;
                r.present |= Field.TIMEOUT;
                break;
            case N_MARK:
                r.mark = v;
                r.present |= Field.MARK;
                break;
            case N_ZONE:
                r.zone = (int) v;
                r.present |= Field.ZONE;
                break;
            case N_USE:
                r.use = (int) Math.min(v, Integer.MAX_VALUE);
                r.present |= Field.USE;
                break;
            case N_ID:
                r.id = v;
                r.present |= Field.ID;
                break;
            case N_SECMARK:
                r.secmark = v;
                r.present |= Field.SECMARK;
                break;
            default:
                r.deltaTime = v;
                r.present |= Field.DELTA_TIME;
                break;
        }
        return q;
    }

    /** The {@code N_*} code of the last tag's name, 0 when it is not a numeric field. */
    private int numericField(byte[] b) {
        if (isName(b, E_TIMEOUT)) {
            return N_TIMEOUT;
        }
        if (isName(b, E_MARK)) {
            return N_MARK;
        }
        if (isName(b, E_ZONE)) {
            return N_ZONE;
        }
        if (isName(b, E_USE)) {
            return N_USE;
        }
        if (isName(b, E_ID)) {
            return N_ID;
        }
        if (isName(b, E_SECMARK)) {
            return N_SECMARK;
        }
        return isName(b, E_DELTATIME) ? N_DELTATIME : 0;
    }

    private int flagOf(byte[] b) {
        if (isName(b, E_ASSURED)) {
            return Flags.ASSURED;
        }
        if (isName(b, E_UNREPLIED)) {
            return Flags.UNREPLIED;
        }
        if (isName(b, E_OFFLOAD)) {
            return Flags.OFFLOAD;
        }
        return isName(b, E_HW_OFFLOAD) ? Flags.HW_OFFLOAD : 0;
    }

    /** {@code <timestamp><start>ns</start><stop>ns</stop></timestamp>}, kept as whole seconds. */
    private int parseTimestamp(byte[] b, int p, int end, ConntrackRecord r) {
        if (tagKind == EMPTY) {
            return p;
        }
        while (true) {
            int q = nextChild(b, p, end, E_TIMESTAMP);
            if (q < 0 || tagKind == CLOSE) {
                return q;
            }
            boolean start = isName(b, E_START);
            if (start || isName(b, E_STOP)) {
                q = readLeaf(b, q, end);
                if (q < 0) {
                    return q;
                }
                long ns = number(b, Long.MAX_VALUE);
                if (ns < 0) {
                    return (int) ns;
                }
                if (start) {
                    r.startSec = ns / NANOS_PER_SECOND;
                    r.present |= Field.START;
                } else {
                    r.stopSec = ns / NANOS_PER_SECOND;
                    r.present |= Field.STOP;
                }
            } else {
                r.unknownFields++;
                q = skipElement(b, q, end);
            }
            if (q < 0) {
                return q;
            }
            p = q;
        }
    }

    /** {@code <labels><label>a</label><label>b</label></labels>}, kept as {@code a,b} like the text format. */
    private int parseLabels(byte[] b, int p, int end, ConntrackRecord r) {
        r.present |= Field.LABELS;
        if (tagKind == EMPTY) {
            return p;
        }
        int len = 0;
        while (true) {
            int q = nextChild(b, p, end, E_LABELS);
            if (q < 0) {
                return q;
            }
            if (tagKind == CLOSE) {
                r.labels.set(labelScratch, 0, len);
                return q;
            }
            if (isName(b, E_LABEL)) {
                q = readLeaf(b, q, end);
                if (q < 0) {
                    return q;
                }
                int n = valEnd - valOff;
                int need = len + n + 1;
                if (need > labelScratch.length) {
                    byte[] grown = new byte[Math.max(need, labelScratch.length * 2)];
                    System.arraycopy(labelScratch, 0, grown, 0, len);
                    labelScratch = grown;
                }
                if (len > 0) {
                    labelScratch[len++] = ',';
                }
                System.arraycopy(b, valOff, labelScratch, len, n);
                len += n;
            } else {
                r.unknownFields++;
                q = skipElement(b, q, end);
            }
            if (q < 0) {
                return q;
            }
            p = q;
        }
    }

    /** The {@code <when>} block: the listener's local wall-clock time, kept as UTC like ctime text. */
    private int parseWhen(byte[] b, int p, int end, ConntrackRecord r) {
        if (tagKind == EMPTY) {
            return -ParseStatus.ERR_BAD_TIMESTAMP;
        }
        long hour = -1;
        long min = -1;
        long sec = -1;
        long day = -1;
        long month = -1;
        long year = -1;
        while (true) {
            int q = nextChild(b, p, end, E_WHEN);
            if (q < 0) {
                return q;
            }
            if (tagKind == CLOSE) {
                if (hour > 23 || min > 59 || sec > 60 || day < 1 || day > 31 || month < 1 || month > 12
                    || year < 1970 || year > 9999 || hour < 0 || min < 0 || sec < 0) {
                    return -ParseStatus.ERR_BAD_TIMESTAMP;
                }
                long epoch = CtimeParser.daysFromCivil(year, month, day) * 86400L + hour * 3600 + min * 60 + sec;
                r.timestampMicros = epoch * 1_000_000L;
                r.present |= Field.TIMESTAMP;
                return q;
            }
            int unit = whenUnit(b);
            if (unit == 0) {
                r.unknownFields++;
                q = skipElement(b, q, end);
                if (q < 0) {
                    return q;
                }
                p = q;
                continue;
            }
            q = readLeaf(b, q, end);
            if (q < 0) {
                return q;
            }
            long v = Ascii.parseUnsigned(b, valOff, valEnd);
            if (v < 0 || v > 99999) {
                return -ParseStatus.ERR_BAD_TIMESTAMP;
            }
            switch (unit) {
                case W_HOUR:
                    hour = v;
                    break;
                case W_MIN:
                    min = v;
                    break;
                case W_SEC:
                    sec = v;
                    break;
                case W_DAY:
                    day = v;
                    break;
                case W_MONTH:
                    month = v;
                    break;
                case W_YEAR:
                    year = v;
                    break;
                default:
                    // wday: implied by the date
                    break;
            }
            p = q;
        }
    }

    /** The {@code W_*} code of the last tag's name, 0 when unknown. */
    private int whenUnit(byte[] b) {
        if (isName(b, E_HOUR)) {
            return W_HOUR;
        }
        if (isName(b, E_MIN)) {
            return W_MIN;
        }
        if (isName(b, E_SEC)) {
            return W_SEC;
        }
        if (isName(b, E_DAY)) {
            return W_DAY;
        }
        if (isName(b, E_MONTH)) {
            return W_MONTH;
        }
        if (isName(b, E_YEAR)) {
            return W_YEAR;
        }
        return isName(b, E_WDAY) ? W_WDAY : 0;
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

    private int readText(byte[] b, int p, int end, TextValue into, ConntrackRecord r, long field) {
        int q = readLeaf(b, p, end);
        if (q >= 0) {
            into.set(b, valOff, valEnd - valOff);
            r.present |= field;
        }
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
