package io.ctscope.ingest.pipeline;

import io.ctscope.ingest.record.ConntrackRecord;

import java.util.List;

/** Tells several handlers, in turn on one thread, everything one handler would be told. */
public final class TeeHandler implements RecordHandler {
    private final RecordHandler[] handlers;

    public TeeHandler(List<RecordHandler> handlers) {
        this.handlers = handlers.toArray(new RecordHandler[0]);
    }

    @Override
    public void onBlock(long sequence) {
        for (RecordHandler h : handlers) {
            h.onBlock(sequence);
        }
    }

    @Override
    public void onRecord(ConntrackRecord r, long endOffset) {
        for (RecordHandler h : handlers) {
            h.onRecord(r, endOffset);
        }
    }

    @Override
    public void onOtherLine(int source, long line, int status, String reason, long endOffset) {
        for (RecordHandler h : handlers) {
            h.onOtherLine(source, line, status, reason, endOffset);
        }
    }

    @Override
    public void onSummaryLine(int source, long line, int status, long shown, long endOffset) {
        for (RecordHandler h : handlers) {
            h.onSummaryLine(source, line, status, shown, endOffset);
        }
    }

    @Override
    public void onOverlongLine(int source, long line, long length, long endOffset) {
        for (RecordHandler h : handlers) {
            h.onOverlongLine(source, line, length, endOffset);
        }
    }

    @Override
    public void onEndOfInput(int source, long lines, long endOffset) {
        for (RecordHandler h : handlers) {
            h.onEndOfInput(source, lines, endOffset);
        }
    }

    @Override
    public void onEndOfBatch() {
        for (RecordHandler h : handlers) {
            h.onEndOfBatch();
        }
    }
}
