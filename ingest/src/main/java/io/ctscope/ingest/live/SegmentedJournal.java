package io.ctscope.ingest.live;

import io.ctscope.ingest.pipeline.RecordHandler;
import io.ctscope.ingest.record.ConntrackRecord;

/**
 * Puts a live feed's lines into the journal under the sources they came from ({@link FeedSegment}): a
 * followed file's lines go in with the file's source id, byte offsets and line numbers, so its
 * checkpoints and resume points are those of the file, as for {@code ctscope ingest}. Lines of the feed
 * itself (source 0) pass through as they are. The record is shared with the other handlers of the
 * pipeline, so a translated one is a copy (one preallocated record, no allocation per line).
 */
public final class SegmentedJournal implements RecordHandler {
    private final RecordHandler journal;
    private final SegmentCursor cursor;
    private final ConntrackRecord translated = new ConntrackRecord();

    public SegmentedJournal(RecordHandler journal, SegmentCursor cursor) {
        this.journal = journal;
        this.cursor = cursor;
    }

    @Override
    public void onRecord(ConntrackRecord r, long end) {
        if (cursor.at(end, r.line) == FeedSegment.FEED) {
            journal.onRecord(r, end);
            return;
        }
        translated.copyFrom(r);
        translated.source = cursor.source();
        translated.offset = cursor.offset(r.offset);
        translated.line = cursor.line(r.line);
        journal.onRecord(translated, cursor.offset(end));
    }

    @Override
    public void onOtherLine(int source, long line, int status, String reason, long end) {
        if (cursor.at(end, line) == FeedSegment.FEED) {
            journal.onOtherLine(source, line, status, reason, end);
        } else {
            journal.onOtherLine(cursor.source(), cursor.line(line), status, reason, cursor.offset(end));
        }
    }

    @Override
    public void onSummaryLine(int source, long line, int status, long shown, long end) {
        if (cursor.at(end, line) == FeedSegment.FEED) {
            journal.onSummaryLine(source, line, status, shown, end);
        } else {
            journal.onSummaryLine(cursor.source(), cursor.line(line), status, shown, cursor.offset(end));
        }
    }

    @Override
    public void onOverlongLine(int source, long line, long length, long end) {
        if (cursor.at(end, line) == FeedSegment.FEED) {
            journal.onOverlongLine(source, line, length, end);
        } else {
            journal.onOverlongLine(cursor.source(), cursor.line(line), length, cursor.offset(end));
        }
    }

    @Override
    public void onEndOfInput(int source, long lines, long end) {
        if (cursor.source() == FeedSegment.FEED) {
            journal.onEndOfInput(source, lines, end);
        } else {
            journal.onEndOfInput(cursor.source(), cursor.line(lines), cursor.offset(end));
        }
    }

    @Override
    public void onEndOfBatch() {
        journal.onEndOfBatch();
    }
}
