package io.ctscope.ingest.parse;

/**
 * What a parser made of one line. {@link #RECORD} filled the record; the {@code SKIP_*} codes are lines
 * that are expected in real captures but are not records (blank lines, the conntrack-tools summary
 * printed on exit, XML framing); {@link #LOSS_WARNING} is the {@code ENOBUFS} warning; codes from
 * {@link #FIRST_ERROR} on are rejected lines, each with a reason.
 */
public final class ParseStatus {
    public static final int RECORD = 0;
    public static final int SKIP_BLANK = 1;
    public static final int SKIP_SUMMARY = 2;
    public static final int SKIP_MARKUP = 3;
    public static final int LOSS_WARNING = 4;

    public static final int FIRST_ERROR = 16;
    public static final int ERR_NOT_CONNTRACK = 16;
    public static final int ERR_BAD_TIMESTAMP = 17;
    public static final int ERR_BAD_EVENT_TAG = 18;
    public static final int ERR_BAD_L3 = 19;
    public static final int ERR_BAD_PROTOCOL = 20;
    public static final int ERR_BAD_ADDRESS = 21;
    public static final int ERR_BAD_NUMBER = 22;
    public static final int ERR_UNEXPECTED_TOKEN = 23;
    public static final int ERR_TOO_MANY_TUPLES = 24;
    public static final int ERR_NO_ORIGINAL = 25;
    public static final int ERR_NO_REPLY = 26;
    public static final int ERR_NO_PORTS = 27;
    public static final int ERR_FAMILY_MISMATCH = 28;
    public static final int ERR_LINE_TOO_LONG = 29;
    public static final int ERR_BINARY = 30;
    public static final int ERR_BAD_XML = 31;
    public static final int ERR_BAD_STATE = 32;
    public static final int ERR_FIELD_OUTSIDE_TUPLE = 33;

    private static final String[] REASONS = new String[34];

    static {
        REASONS[ERR_NOT_CONNTRACK] = "not a conntrack record";
        REASONS[ERR_BAD_TIMESTAMP] = "malformed [seconds.microseconds] timestamp";
        REASONS[ERR_BAD_EVENT_TAG] = "unknown event tag (expected [NEW], [UPDATE] or [DESTROY])";
        REASONS[ERR_BAD_L3] = "malformed layer-3 columns (expected ipv4 2 or ipv6 10)";
        REASONS[ERR_BAD_PROTOCOL] = "malformed layer-4 protocol name and number";
        REASONS[ERR_BAD_ADDRESS] = "malformed address";
        REASONS[ERR_BAD_NUMBER] = "malformed number";
        REASONS[ERR_UNEXPECTED_TOKEN] = "unexpected token";
        REASONS[ERR_TOO_MANY_TUPLES] = "more than two tuples";
        REASONS[ERR_NO_ORIGINAL] = "missing original tuple (src= dst=)";
        REASONS[ERR_NO_REPLY] = "truncated: no reply tuple";
        REASONS[ERR_NO_PORTS] = "missing ports (sport= dport=)";
        REASONS[ERR_FAMILY_MISMATCH] = "address family does not match";
        REASONS[ERR_LINE_TOO_LONG] = "line longer than the 64 KiB limit";
        REASONS[ERR_BINARY] = "binary data";
        REASONS[ERR_BAD_XML] = "malformed XML flow element";
        REASONS[ERR_BAD_STATE] = "malformed state";
        REASONS[ERR_FIELD_OUTSIDE_TUPLE] = "tuple field before src=";
    }

    private ParseStatus() {
    }

    public static boolean isError(int status) {
        return status >= FIRST_ERROR;
    }

    public static String reason(int status) {
        return status >= 0 && status < REASONS.length && REASONS[status] != null ? REASONS[status] : "rejected";
    }
}
