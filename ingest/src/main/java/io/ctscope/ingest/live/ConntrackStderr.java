package io.ctscope.ingest.live;

/**
 * What a line on {@code conntrack}'s stderr means. conntrack-tools 1.4.x prints, on a netlink overflow,
 * three lines: {@code WARNING: We have hit ENOBUFS! We are losing events.}, {@code This message means
 * that the current netlink socket buffer size is too small.} and {@code Please, check --buffer-size in
 * conntrack(8) manpage.}: one loss. It ends with {@code conntrack v1.4.7 (conntrack-tools): N flow
 * events have been shown.}; {@code -b} prints {@code NOTICE: Netlink socket buffer size has been set to N
 * bytes.} (on 1.4.7 about another socket than the event socket).
 */
public enum ConntrackStderr {
    /** The first line of an ENOBUFS warning: events were lost. */
    LOSS,
    /** The second and third lines of that warning. */
    LOSS_EXPLANATION,
    /** The closing {@code N flow events have been shown.} line. */
    SUMMARY,
    /** {@code NOTICE: Netlink socket buffer size has been set to N bytes.} */
    BUFFER_NOTICE,
    /** Not root / no CAP_NET_ADMIN: restarting will not help. */
    NOT_PERMITTED,
    /** Anything else: logged. */
    OTHER;

    public static ConntrackStderr classify(String line) {
        if (line.contains("We have hit ENOBUFS")) {
            return LOSS;
        }
        if (line.startsWith("This message means that the current netlink socket buffer size is too small")
            || line.startsWith("Please, check --buffer-size")) {
            return LOSS_EXPLANATION;
        }
        if (line.contains("(conntrack-tools)") && line.endsWith("have been shown.")) {
            return SUMMARY;
        }
        if (line.startsWith("NOTICE: Netlink socket buffer size has been set to")) {
            return BUFFER_NOTICE;
        }
        if (line.contains("must be root") || line.contains("Operation not permitted")) {
            return NOT_PERMITTED;
        }
        return OTHER;
    }

    /** The line with control characters shown as {@code \xNN}, so nothing from conntrack drives the terminal. */
    public static String escape(String line) {
        StringBuilder sb = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                if (sb == null) {
                    sb = new StringBuilder(line.length() + 8).append(line, 0, i);
                }
                sb.append(String.format("\\x%02x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? line : sb.toString();
    }
}
