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
    /** The summary of an event listener ({@code ... flow events have been shown.}), as opposed to a dump's. */
    public static final int SKIP_SUMMARY_EVENTS = 5;

    private static final byte[] SUMMARY_PREFIX = Ascii.bytes("conntrack v");
    private static final byte[] SUMMARY_SUFFIX = Ascii.bytes("have been shown.");
    private static final byte[] EVENTS_WORD = Ascii.bytes("flow events");

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
    /** Not a record: a line of conntrack -S or /proc/net/stat/nf_conntrack. */
    public static final int ERR_LOOKS_LIKE_STATS = 34;
    /** Not a record: a sysctl setting. */
    public static final int ERR_LOOKS_LIKE_SYSCTL = 35;
    /** Not a record: a kernel or system log line. */
    public static final int ERR_LOOKS_LIKE_KERNEL_LOG = 36;

    private static final String[] REASONS = new String[37];

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
        REASONS[ERR_LOOKS_LIKE_STATS] = "not a conntrack record: conntrack statistics (ctscope doctor reads them)";
        REASONS[ERR_LOOKS_LIKE_SYSCTL] = "not a conntrack record: a sysctl setting (ctscope doctor reads it)";
        REASONS[ERR_LOOKS_LIKE_KERNEL_LOG] = "not a conntrack record: a kernel or system log line (ctscope doctor reads kernel logs)";
    }

    private ParseStatus() {
    }

    /**
     * Classifies a line starting at {@code p} with {@code conntrack v}: the conntrack-tools summary
     * (events or entries), or not conntrack at all. Returns -1 when the line does not start that way.
     */
    public static int summary(byte[] b, int p, int end) {
        if (!Ascii.startsWith(b, p, end, SUMMARY_PREFIX)) {
            return -1;
        }
        if (Ascii.indexOf(b, p, end, SUMMARY_SUFFIX) < 0) {
            return ERR_NOT_CONNTRACK;
        }
        return Ascii.indexOf(b, p, end, EVENTS_WORD) >= 0 ? SKIP_SUMMARY_EVENTS : SKIP_SUMMARY;
    }

    /**
     * Where conntrack-tools' summary starts inside a line that ends with it, or -1. {@code conntrack -L
     * 2>&1 | ...} lets the unbuffered stderr summary land between two block writes of stdout, so past the
     * first 4 KiB it can cut a record in two: {@code ...sport=44464conntrack v1.4.7 (conntrack-tools): 387
     * flow entries have been shown.} then the record's rest on the next line.
     */
    public static int summaryStart(byte[] b, int off, int end) {
        int e = end;
        while (e > off && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        if (e - off < SUMMARY_SUFFIX.length || !Ascii.equals(b, e - SUMMARY_SUFFIX.length, e, SUMMARY_SUFFIX)) {
            return -1;
        }
        int at = Ascii.indexOf(b, off, e, SUMMARY_PREFIX);
        return at >= 0 && summary(b, at, e) >= 0 && summary(b, at, e) != ERR_NOT_CONNTRACK ? at : -1;
    }

    /** N of a summary line {@code conntrack vX (conntrack-tools): N flow ... have been shown.} starting at {@code p}; -1 when absent. */
    public static long shownCount(byte[] b, int p, int end) {
        int colon = Ascii.indexOf(b, p, end, (byte) ':');
        if (colon < 0) {
            return -1;
        }
        int q = colon + 1;
        while (q < end && b[q] == ' ') {
            q++;
        }
        int digits = q;
        while (digits < end && Ascii.isDigit(b[digits])) {
            digits++;
        }
        return digits > q && digits - q < 19 ? Ascii.parseUnsigned(b, q, digits) : -1;
    }

    public static boolean isSummary(int status) {
        return status == SKIP_SUMMARY || status == SKIP_SUMMARY_EVENTS;
    }

    public static boolean isError(int status) {
        return status >= FIRST_ERROR;
    }

    public static String reason(int status) {
        return status >= 0 && status < REASONS.length && REASONS[status] != null ? REASONS[status] : "rejected";
    }
}
