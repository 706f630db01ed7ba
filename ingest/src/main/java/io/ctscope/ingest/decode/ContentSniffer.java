package io.ctscope.ingest.decode;

import io.ctscope.ingest.io.LineFramer;
import io.ctscope.ingest.io.LineHandler;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;

import java.io.IOException;
import java.io.InputStream;

/**
 * Tells what an input holds from its first lines, for a reader that routes inputs by content
 * ({@code ctscope doctor}): conntrack output (records or a conntrack-tools summary: {@code null}), or the
 * {@link ContentKind} most of them look like. Reads at most {@link #LINES} non-blank lines.
 */
public final class ContentSniffer implements LineHandler {
    public static final int LINES = 200;

    private final LineParser parser = new LineParser();
    private final ConntrackRecord record = new ConntrackRecord();
    private final FormatEvidence evidence;
    private int seen;

    private ContentSniffer(String name) {
        this.evidence = new FormatEvidence(name);
    }

    /** Reads the start of {@code in} (the caller closes it); null means conntrack output. */
    public static ContentKind sniff(InputStream in, String name) throws IOException {
        ContentSniffer s = new ContentSniffer(name);
        new LineFramer(1 << 17).frame(in, s, 1, 0);
        return s.evidence.lookalike();
    }

    @Override
    public boolean onLine(byte[] b, int off, int end, long lineNumber, long byteOffset, boolean terminated) {
        int status = parser.parse(b, off, end, record);
        if (status == ParseStatus.RECORD) {
            evidence.onRecord(record);
        } else if (ParseStatus.isSummary(status)) {
            evidence.onSummary(status == ParseStatus.SKIP_SUMMARY_EVENTS);
        } else if (ParseStatus.isError(status)) {
            evidence.onRejected(status);
        } else {
            return true;
        }
        return ++seen < LINES;
    }

    @Override
    public boolean onOverlongLine(long lineNumber, long byteOffset, long length) {
        evidence.onRejected(ParseStatus.ERR_LINE_TOO_LONG);
        return ++seen < LINES;
    }
}
