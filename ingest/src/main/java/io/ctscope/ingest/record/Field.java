package io.ctscope.ingest.record;

/**
 * Presence bits of the optional fields of a {@link ConntrackRecord}. A field whose bit is clear is
 * absent from the input, which is different from a value of 0.
 */
public final class Field {
    public static final long TIMESTAMP = 1L;
    public static final long L3_COLUMNS = 1L << 1;
    public static final long TIMEOUT = 1L << 2;
    public static final long STATE = 1L << 3;
    public static final long MARK = 1L << 4;
    public static final long SECMARK = 1L << 5;
    public static final long ZONE = 1L << 6;
    public static final long SECCTX = 1L << 7;
    public static final long DELTA_TIME = 1L << 8;
    public static final long START = 1L << 9;
    public static final long STOP = 1L << 10;
    public static final long HELPER = 1L << 11;
    public static final long USE = 1L << 12;
    public static final long ID = 1L << 13;
    public static final long LABELS = 1L << 14;
    public static final long PORTID = 1L << 15;
    public static final long PROGNAME = 1L << 16;
    public static final long REPLY = 1L << 17;
    /** Format evidence, not data: an IPv6 address was printed compressed ({@code ::}), as the conntrack tool does. */
    public static final long TEXT_IPV6_COMPRESSED = 1L << 18;
    /** Format evidence, not data: an IPv6 group was printed zero-padded ({@code 0000}), as /proc does. */
    public static final long TEXT_IPV6_PADDED = 1L << 19;
    /** Format evidence, not data: the record was read from {@code -o xml} output. */
    public static final long FROM_XML = 1L << 20;

    private Field() {
    }
}
