package io.ctscope.ingest.parse;

/**
 * The lines every conntrack output may hold that are no record, whatever its format: blank lines,
 * conntrack-tools' closing summary ({@code N flow entries have been shown.}) and the {@code ENOBUFS}
 * warning {@code conntrack -E} prints when the kernel dropped events.
 */
final class ExpectedLines {
    private static final byte[] ENOBUFS = Ascii.bytes("WARNING: We have hit ENOBUFS!");

    private ExpectedLines() {
    }

    /**
     * The status of the line whose first non-blank byte is at {@code p} ({@code p == end}: none) when it
     * is one of them, else -1.
     */
    static int status(byte[] b, int p, int end) {
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
        return -1;
    }
}
