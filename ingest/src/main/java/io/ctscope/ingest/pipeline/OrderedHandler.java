package io.ctscope.ingest.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ctscope.ingest.decode.SummarySplice;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;

/**
 * Walks every parsed slot in ring order and hands each line's outcome to a {@link RecordHandler},
 * numbering lines and setting each record's source, offset and line. Several of these run side by side
 * after the parse handlers (e.g. the journal and the analyzers), each seeing the same ordered stream.
 * In strict mode the first rejected line ends the stream for this handler. A record that conntrack's
 * stderr summary cut in two is rejoined ({@link SummarySplice}).
 */
final class OrderedHandler implements EventHandler<Chunk> {
    private final RecordHandler handler;
    private final boolean strict;
    private int source = -1;
    private long nextLine;
    private boolean stopped;
    private final SummarySplice splice = new SummarySplice();

    OrderedHandler(RecordHandler handler, boolean strict) {
        this.handler = handler;
        this.strict = strict;
    }

    @Override
    public void onEvent(Chunk c, long sequence, boolean endOfBatch) {
        handler.onBlock(sequence);
        if (c.source != source) {
            source = c.source;
            nextLine = c.startLine;
            stopped = false;
            splice.reset();
        }
        if (!stopped) {
            dispatch(c);
        }
        if (endOfBatch) {
            handler.onEndOfBatch();
        }
    }

    private void dispatch(Chunk c) {
        switch (c.kind) {
            case Chunk.DATA:
                for (int i = 0; i < c.lineCount && !stopped; i++) {
                    long line = nextLine++;
                    long end = c.baseOffset + c.lineNext[i];
                    int status = c.status[i];
                    if (splice.holding()) {
                        rejoin(c, i, line, end);
                    } else if (status == ParseStatus.RECORD) {
                        ConntrackRecord r = c.records[i];
                        r.source = c.source;
                        r.offset = c.baseOffset + c.lineStart[i];
                        r.line = line;
                        handler.onRecord(r, end);
                    } else if (ParseStatus.isSummary(status)) {
                        handler.onSummaryLine(c.source, line, status, ParseStatus.shownCount(c.data, c.lineStart[i], lineEnd(c, i)), end);
                    } else if (ParseStatus.isError(status) && isCut(c, i, line)) {
                        continue;
                    } else if (status == ParseStatus.ERR_LINE_TOO_LONG) {
                        int next = c.lineNext[i];
                        int length = next - c.lineStart[i] - (c.data[next - 1] == '\n' ? 1 : 0);
                        handler.onOverlongLine(c.source, line, length, end);
                        if (strict) {
                            stopped = true;
                        }
                    } else {
                        String reason = c.errors[i];
                        if (reason != null && c.unterminatedTail && i == c.lineCount - 1) {
                            reason = "last line has no newline (truncated?): " + reason;
                        }
                        handler.onOtherLine(c.source, line, status, reason, end);
                        if (strict && reason != null) {
                            stopped = true;
                        }
                    }
                }
                break;
            case Chunk.OVERLONG:
                handler.onOverlongLine(c.source, nextLine++, c.overlongLength, c.baseOffset);
                if (strict) {
                    stopped = true;
                }
                break;
            default:
                splice.reset();
                handler.onEndOfInput(c.source, nextLine - 1, c.baseOffset);
                break;
        }
    }

    /** A rejected line that ends with conntrack's summary after part of a record: the summary is told, the part held. */
    private boolean isCut(Chunk c, int i, long line) {
        long shown = splice.cut(c.data, c.lineStart[i], lineEnd(c, i), line, c.baseOffset + c.lineStart[i]);
        if (shown < 0) {
            return false;
        }
        handler.onSummaryLine(c.source, line, ParseStatus.SKIP_SUMMARY, shown, c.baseOffset + c.lineNext[i]);
        return true;
    }

    /** Line {@code i} is the rest of the held record: the two are parsed as one. */
    private void rejoin(Chunk c, int i, long line, long end) {
        int status = splice.rejoin(c.data, c.lineStart[i], lineEnd(c, i));
        if (status == ParseStatus.RECORD) {
            ConntrackRecord r = splice.record();
            r.source = c.source;
            handler.onRecord(r, end);
            return;
        }
        handler.onOtherLine(c.source, line, status, splice.reason(), end);
        if (strict && splice.reason() != null) {
            stopped = true;
        }
    }

    private static int lineEnd(Chunk c, int i) {
        int e = c.lineNext[i];
        if (e > c.lineStart[i] && c.data[e - 1] == '\n') {
            e--;
        }
        if (e > c.lineStart[i] && c.data[e - 1] == '\r') {
            e--;
        }
        return e;
    }
}
