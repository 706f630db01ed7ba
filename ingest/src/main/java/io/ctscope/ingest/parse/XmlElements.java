package io.ctscope.ingest.parse;

/**
 * The one table of the elements of a conntrack XML {@code <flow>} that {@link XmlFlowParser} reads
 * (libnetfilter_conntrack's {@code snprintf_xml.c}, and a few it may print later): for each, the element
 * it sits in, its name, what its content is, and the largest value a number may have. An element this
 * table does not list under its parent is skipped and counted as unknown.
 */
final class XmlElements {
    // the parents: the flow, and the elements that hold others
    static final int IN_FLOW = 0;
    static final int IN_TUPLE_META = 1;
    static final int IN_INDEPENDENT_META = 2;
    static final int IN_LAYER3 = 3;
    static final int IN_LAYER4 = 4;
    static final int IN_COUNTERS = 5;
    static final int IN_TIMESTAMP = 6;
    static final int IN_LABELS = 7;
    static final int IN_WHEN = 8;
    private static final int PARENTS = 9;

    // what an element holds
    /** Other elements: the parser reads it with its own method. */
    static final int CONTAINER = 0;
    /** An unsigned decimal up to the row's maximum. */
    static final int NUMBER = 1;
    /** {@code 0x}-prefixed hexadecimal up to 32 bits. */
    static final int HEX32 = 2;
    /** Free text, kept as it is. */
    static final int TEXT = 3;
    /** No content that matters: its presence sets a status flag. */
    static final int FLAG = 4;
    /** A state name. */
    static final int STATE = 5;
    /** An IPv4 or IPv6 address. */
    static final int ADDRESS = 6;
    /** A part of the {@code <when>} date (an unsigned decimal up to the row's maximum, else a bad timestamp). */
    static final int DATE_PART = 7;
    /** One label of {@code <labels>}. */
    static final int LABEL = 8;

    static final int UNKNOWN = 0;
    // the elements, one id per row below
    static final int META = 1;
    static final int WHEN = 2;
    static final int FLOW_HELPER = 3;
    static final int LAYER3 = 4;
    static final int LAYER4 = 5;
    static final int TUPLE_ZONE = 6;
    static final int COUNTERS = 7;
    static final int SRC = 8;
    static final int DST = 9;
    static final int SPORT = 10;
    static final int DPORT = 11;
    static final int ICMP_TYPE = 12;
    static final int ICMP_CODE = 13;
    static final int ICMP_ID = 14;
    static final int GRE_SRCKEY = 15;
    static final int GRE_DSTKEY = 16;
    static final int PACKETS = 17;
    static final int BYTES = 18;
    static final int ASSURED = 19;
    static final int UNREPLIED = 20;
    static final int OFFLOAD = 21;
    static final int HW_OFFLOAD = 22;
    static final int TIMESTAMP = 23;
    static final int LABELS = 24;
    static final int SECCTX = 25;
    static final int HELPER = 26;
    static final int STATE_NAME = 27;
    static final int TIMEOUT = 28;
    static final int MARK = 29;
    static final int ZONE = 30;
    static final int USE = 31;
    static final int ID = 32;
    static final int SECMARK = 33;
    static final int DELTATIME = 34;
    static final int START = 35;
    static final int STOP = 36;
    static final int ONE_LABEL = 37;
    static final int HOUR = 38;
    static final int MIN = 39;
    static final int SEC = 40;
    static final int WDAY = 41;
    static final int DAY = 42;
    static final int MONTH = 43;
    static final int YEAR = 44;
    private static final int COUNT = 45;

    private static final long U16 = 65535;
    private static final long U8 = 255;
    private static final long U32 = 0xffffffffL;
    private static final long ANY = Long.MAX_VALUE;
    /** A date part has at most five digits; its range is checked once the date is complete. */
    private static final long DATE_DIGITS = 99999;

    private static final int[] PARENT = new int[COUNT];
    private static final byte[][] NAME = new byte[COUNT][];
    private static final int[] CONTENT = new int[COUNT];
    private static final long[] MAX = new long[COUNT];
    /** For a parent, the element's name that closes it. */
    private static final byte[][] CLOSING_NAME = new byte[PARENTS][];

    static {
        row(META, IN_FLOW, "meta", CONTAINER, 0);
        row(WHEN, IN_FLOW, "when", CONTAINER, 0);
        row(FLOW_HELPER, IN_FLOW, "helper", TEXT, 0);

        row(LAYER3, IN_TUPLE_META, "layer3", CONTAINER, 0);
        row(LAYER4, IN_TUPLE_META, "layer4", CONTAINER, 0);
        row(TUPLE_ZONE, IN_TUPLE_META, "zone", NUMBER, U16);
        row(COUNTERS, IN_TUPLE_META, "counters", CONTAINER, 0);

        row(SRC, IN_LAYER3, "src", ADDRESS, 0);
        row(DST, IN_LAYER3, "dst", ADDRESS, 0);

        row(SPORT, IN_LAYER4, "sport", NUMBER, U16);
        row(DPORT, IN_LAYER4, "dport", NUMBER, U16);
        row(ICMP_TYPE, IN_LAYER4, "type", NUMBER, U8);
        row(ICMP_CODE, IN_LAYER4, "code", NUMBER, U8);
        row(ICMP_ID, IN_LAYER4, "id", NUMBER, U16);
        row(GRE_SRCKEY, IN_LAYER4, "srckey", HEX32, 0);
        row(GRE_DSTKEY, IN_LAYER4, "dstkey", HEX32, 0);

        row(PACKETS, IN_COUNTERS, "packets", NUMBER, ANY);
        row(BYTES, IN_COUNTERS, "bytes", NUMBER, ANY);

        row(ASSURED, IN_INDEPENDENT_META, "assured", FLAG, 0);
        row(UNREPLIED, IN_INDEPENDENT_META, "unreplied", FLAG, 0);
        row(OFFLOAD, IN_INDEPENDENT_META, "offload", FLAG, 0);
        row(HW_OFFLOAD, IN_INDEPENDENT_META, "hw-offload", FLAG, 0);
        row(TIMESTAMP, IN_INDEPENDENT_META, "timestamp", CONTAINER, 0);
        row(LABELS, IN_INDEPENDENT_META, "labels", CONTAINER, 0);
        row(SECCTX, IN_INDEPENDENT_META, "secctx", TEXT, 0);
        row(HELPER, IN_INDEPENDENT_META, "helper", TEXT, 0);
        row(STATE_NAME, IN_INDEPENDENT_META, "state", STATE, 0);
        row(TIMEOUT, IN_INDEPENDENT_META, "timeout", NUMBER, U32);
        row(MARK, IN_INDEPENDENT_META, "mark", NUMBER, U32);
        row(ZONE, IN_INDEPENDENT_META, "zone", NUMBER, U16);
        row(USE, IN_INDEPENDENT_META, "use", NUMBER, U32);
        row(ID, IN_INDEPENDENT_META, "id", NUMBER, U32);
        row(SECMARK, IN_INDEPENDENT_META, "secmark", NUMBER, U32);
        row(DELTATIME, IN_INDEPENDENT_META, "deltatime", NUMBER, ANY);

        row(START, IN_TIMESTAMP, "start", NUMBER, ANY);
        row(STOP, IN_TIMESTAMP, "stop", NUMBER, ANY);

        row(ONE_LABEL, IN_LABELS, "label", LABEL, 0);

        row(HOUR, IN_WHEN, "hour", DATE_PART, DATE_DIGITS);
        row(MIN, IN_WHEN, "min", DATE_PART, DATE_DIGITS);
        row(SEC, IN_WHEN, "sec", DATE_PART, DATE_DIGITS);
        row(WDAY, IN_WHEN, "wday", DATE_PART, DATE_DIGITS);
        row(DAY, IN_WHEN, "day", DATE_PART, DATE_DIGITS);
        row(MONTH, IN_WHEN, "month", DATE_PART, DATE_DIGITS);
        row(YEAR, IN_WHEN, "year", DATE_PART, DATE_DIGITS);

        CLOSING_NAME[IN_FLOW] = Ascii.bytes("flow");
        CLOSING_NAME[IN_TUPLE_META] = NAME[META];
        CLOSING_NAME[IN_INDEPENDENT_META] = NAME[META];
        CLOSING_NAME[IN_LAYER3] = NAME[LAYER3];
        CLOSING_NAME[IN_LAYER4] = NAME[LAYER4];
        CLOSING_NAME[IN_COUNTERS] = NAME[COUNTERS];
        CLOSING_NAME[IN_TIMESTAMP] = NAME[TIMESTAMP];
        CLOSING_NAME[IN_LABELS] = NAME[LABELS];
        CLOSING_NAME[IN_WHEN] = NAME[WHEN];
    }

    private XmlElements() {
    }

    private static void row(int id, int parent, String name, int content, long max) {
        PARENT[id] = parent;
        NAME[id] = Ascii.bytes(name);
        CONTENT[id] = content;
        MAX[id] = max;
    }

    /** The element named {@code b[off, end)} inside {@code parent}, {@link #UNKNOWN} when the table has none. */
    static int find(int parent, byte[] b, int off, int end) {
        for (int id = 1; id < COUNT; id++) {
            if (PARENT[id] == parent && Ascii.equals(b, off, end, NAME[id])) {
                return id;
            }
        }
        return UNKNOWN;
    }

    static int content(int id) {
        return CONTENT[id];
    }

    static long max(int id) {
        return MAX[id];
    }

    /** The name of the element whose close tag ends {@code parent}. */
    static byte[] closingName(int parent) {
        return CLOSING_NAME[parent];
    }
}
