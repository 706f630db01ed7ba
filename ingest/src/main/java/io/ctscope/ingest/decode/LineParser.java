package io.ctscope.ingest.decode;

import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.parse.XmlFlowParser;
import io.ctscope.ingest.record.ConntrackRecord;

/**
 * Parses one line of any input format: a line whose first non-blank byte is '<' goes to the XML
 * parser, every other to the text parser. {@link #reason} explains the last rejected line. One instance
 * per thread; used by the simple decoder and by every pipeline parse handler.
 */
public final class LineParser {
    private final ConntrackTextParser text = new ConntrackTextParser();
    private final XmlFlowParser xml = new XmlFlowParser();
    private boolean lastWasXml;

    /** Parses {@code b[off, end)} (no line terminator) into {@code r}; returns a {@link ParseStatus} code. */
    public int parse(byte[] b, int off, int end, ConntrackRecord r) {
        int p = off;
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        lastWasXml = p < end && b[p] == '<';
        int status = lastWasXml ? xml.parse(b, off, end, r) : text.parse(b, off, end, r);
        return ParseStatus.isError(status) && !lastWasXml ? ForeignLines.refine(status, b, off, end) : status;
    }

    /** The reason for the rejected line just parsed (cold path: allocates); null for a status that is no error. */
    public String reason(int status, byte[] b, int off, int end) {
        if (!ParseStatus.isError(status)) {
            return null;
        }
        if (status >= ParseStatus.ERR_LOOKS_LIKE_STATS) {
            return ParseStatus.reason(status);
        }
        return LineVerdict.reason(status, lastWasXml ? null : text, b, off, end);
    }
}
