package io.ctscope.ingest.decode;

import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;

/** The reason given for a rejected line (cold path: allocates the message). */
public final class LineVerdict {
    private LineVerdict() {
    }

    public static String reason(int status, ConntrackTextParser text, byte[] b, int off, int end) {
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                return ParseStatus.reason(ParseStatus.ERR_BINARY);
            }
        }
        return text != null ? text.describeError(status) : ParseStatus.reason(status);
    }
}
