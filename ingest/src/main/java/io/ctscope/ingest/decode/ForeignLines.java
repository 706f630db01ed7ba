package io.ctscope.ingest.decode;

import io.ctscope.ingest.kernlog.KernelLogParser;
import io.ctscope.ingest.parse.Ascii;
import io.ctscope.ingest.parse.Excerpt;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.stats.StatsParser;

/**
 * Tells what a line that is no conntrack record looks like instead: conntrack statistics, a sysctl
 * setting, a kernel or system log line, binary data. Only rejected lines come here (cold path), and a
 * line keeps its own rejection unless it is clearly one of those, so a garbled conntrack record is
 * still reported as such.
 */
final class ForeignLines {
    private static final byte[] SRC = Ascii.bytes("src=");
    private static final byte[] KERNEL = Ascii.bytes(" kernel: ");
    private static final byte[] PROC_SYS = Ascii.bytes("/proc/sys/");

    private ForeignLines() {
    }

    /** The refined status of a rejected line: one of the {@code ERR_LOOKS_LIKE_*}, {@code ERR_BINARY}, or {@code status}. */
    static int refine(int status, byte[] b, int off, int end) {
        if (Excerpt.isBinary(b, off, end)) {
            return ParseStatus.ERR_BINARY;
        }
        if (StatsParser.looksLikeStats(b, off, end)) {
            return ParseStatus.ERR_LOOKS_LIKE_STATS;
        }
        if (isSysctl(b, off, end)) {
            return ParseStatus.ERR_LOOKS_LIKE_SYSCTL;
        }
        if (KernelLogParser.mentionsConntrackMessage(b, off, end) || isSyslogStamped(b, off, end)
            || (isUptimeStamped(b, off, end) && Ascii.indexOf(b, off, end, SRC) < 0)) {
            return ParseStatus.ERR_LOOKS_LIKE_KERNEL_LOG;
        }
        return status;
    }

    static ContentKind kindOf(int status) {
        switch (status) {
            case ParseStatus.ERR_LOOKS_LIKE_STATS:
                return ContentKind.STATS;
            case ParseStatus.ERR_LOOKS_LIKE_SYSCTL:
                return ContentKind.SYSCTL;
            case ParseStatus.ERR_LOOKS_LIKE_KERNEL_LOG:
                return ContentKind.KERNEL_LOG;
            case ParseStatus.ERR_BINARY:
                return ContentKind.BINARY;
            case ParseStatus.ERR_NOT_CONNTRACK:
            case ParseStatus.ERR_LINE_TOO_LONG:
                return ContentKind.TEXT;
            default:
                return ContentKind.GARBLED;
        }
    }


    /** {@code [-]a.dotted.name = value} or {@code /proc/sys/...:value}. */
    private static boolean isSysctl(byte[] b, int off, int end) {
        int p = skip(b, off, end);
        if (p < end && b[p] == '-') {
            p = skip(b, p + 1, end);
        }
        if (Ascii.startsWith(b, p, end, PROC_SYS)) {
            return Ascii.indexOf(b, p, end, (byte) ':') > 0;
        }
        int start = p;
        boolean dot = false;
        while (p < end && (b[p] >= 'a' && b[p] <= 'z' || Ascii.isDigit(b[p]) || b[p] == '_' || b[p] == '.' || b[p] == '-')) {
            dot |= b[p] == '.';
            p++;
        }
        if (!dot || p == start || !(b[start] >= 'a' && b[start] <= 'z')) {
            return false;
        }
        p = skip(b, p, end);
        return p < end && b[p] == '=';
    }

    /**
     * A dmesg {@code [ 12.345]} stamp at the start: also the start of a {@code conntrack -E -o timestamp}
     * line, so a line with a tuple ({@code src=}) is left to the conntrack parser's verdict.
     */
    private static boolean isUptimeStamped(byte[] b, int off, int end) {
        int p = skip(b, off, end);
        if (p < end && b[p] == '[') {
            int q = skip(b, p + 1, end);
            int digits = q;
            while (q < end && Ascii.isDigit(b[q])) {
                q++;
            }
            return q > digits && q < end && b[q] == '.';
        }
        return false;
    }

    /** An RFC 3339 or BSD syslog stamp at the start, or a {@code host kernel:} tag. */
    private static boolean isSyslogStamped(byte[] b, int off, int end) {
        int p = skip(b, off, end);
        if (end - p >= 19 && Ascii.isDigit(b[p]) && b[p + 4] == '-' && b[p + 7] == '-' && (b[p + 10] == 'T' || b[p + 10] == ' ')
            && b[p + 13] == ':' && b[p + 16] == ':') {
            return true;
        }
        if (end - p >= 15 && b[p] >= 'A' && b[p] <= 'Z' && b[p + 3] == ' ' && b[p + 9] == ':' && b[p + 12] == ':') {
            return true;
        }
        return Ascii.indexOf(b, off, end, KERNEL) >= 0;
    }

    private static int skip(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }
}
