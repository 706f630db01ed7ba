package io.ctscope.ingest.decode;

import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.io.LineFramer;
import io.ctscope.ingest.io.LineHandler;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;

import java.io.IOException;
import java.io.InputStream;

/**
 * Turns the lines of one input into records on the calling thread: each line goes through the
 * {@link LineParser}, and the outcome to {@link InputAccounting}, which counts it, reports
 * rejects and forwards records. The pipeline does the same across threads; this is the simple path
 * (tests, small inputs, tools). Reusable across inputs; one instance per thread.
 */
public final class InputDecoder implements LineHandler {
    private final LineParser parser = new LineParser();
    private final ConntrackRecord record = new ConntrackRecord();
    private final LineFramer framer = new LineFramer();
    private final SummarySplice splice = new SummarySplice();
    private final RecordSink sink;
    private final BadLineListener badLines;

    private InputAccounting books;
    private int sourceId;

    public InputDecoder(RecordSink sink, BadLineListener badLines) {
        this.sink = sink;
        this.badLines = badLines;
    }

    /** Reads a whole input. Returns false when the bad-line listener asked to stop. */
    public boolean decode(InputSource source, int sourceId, InputStats stats, FormatEvidence evidence) throws IOException {
        try (InputStream in = source.open()) {
            return decode(in, source.name(), sourceId, stats, evidence);
        }
    }

    public boolean decode(InputStream in, String name, int sourceId, InputStats stats, FormatEvidence evidence) throws IOException {
        this.books = new InputAccounting(name, stats, evidence, badLines, sink);
        this.sourceId = sourceId;
        splice.reset();
        return framer.frame(in, this, 1, 0) && !books.stopped();
    }

    @Override
    public boolean onLine(byte[] b, int off, int end, long lineNumber, long byteOffset, boolean terminated) {
        long endOffset = byteOffset + (end - off) + (terminated ? 1 : 0);
        if (splice.holding()) {
            int status = splice.rejoin(b, off, end);
            if (status == ParseStatus.RECORD) {
                splice.record().source = sourceId;
                books.onRecord(splice.record(), endOffset);
            } else {
                books.onOtherLine(sourceId, lineNumber, status, splice.reason(), endOffset);
            }
            return !books.stopped();
        }
        ConntrackRecord r = record;
        int status = parser.parse(b, off, end, r);
        if (status == ParseStatus.RECORD) {
            r.source = sourceId;
            r.offset = byteOffset;
            r.line = lineNumber;
            books.onRecord(r, endOffset);
        } else if (ParseStatus.isSummary(status)) {
            books.onSummaryLine(sourceId, lineNumber, status, ParseStatus.shownCount(b, off, end), endOffset);
        } else {
            long shown = ParseStatus.isError(status) ? splice.cut(b, off, end, lineNumber, byteOffset) : -1;
            if (shown >= 0) {
                books.onSummaryLine(sourceId, lineNumber, ParseStatus.SKIP_SUMMARY, shown, endOffset);
                return !books.stopped();
            }
            String reason = parser.reason(status, b, off, end);
            if (reason != null && !terminated) {
                reason = "last line has no newline (truncated?): " + reason;
            }
            books.onOtherLine(sourceId, lineNumber, status, reason, endOffset);
        }
        return !books.stopped();
    }

    @Override
    public boolean onOverlongLine(long lineNumber, long byteOffset, long length) {
        books.onOverlongLine(sourceId, lineNumber, length, byteOffset);
        return !books.stopped();
    }
}
