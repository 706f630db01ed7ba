package io.ctscope.ingest.live;

/**
 * One reader's walk over a feed's {@link FeedSegment}s, in feed order: told each line's feed end offset
 * and feed line number ({@link #at}), it moves to the segment holding that line and translates the feed's
 * offsets and line numbers into the source's. The reader must tell it every line, in order (the first line
 * it sees in a segment is that segment's {@link FeedSegment#firstLine}). No allocation, no lock: one
 * volatile read per line.
 */
public final class SegmentCursor {
    private FeedSegment current;
    private long feedLineBase = -1;

    SegmentCursor(FeedSegment start) {
        this.current = start;
    }

    /** Moves to the segment of the line that ends just before feed offset {@code end}; returns its source id. */
    public int at(long end, long feedLine) {
        FeedSegment n;
        while ((n = current.next) != null && end > n.feedStart) {
            current = n;
            feedLineBase = -1;
        }
        if (feedLineBase < 0) {
            feedLineBase = feedLine;
        }
        return current.sourceId;
    }

    /** The current segment's source id (after the last {@link #at}). */
    public int source() {
        return current.sourceId;
    }

    /** A feed offset of the current segment as an offset of its source. */
    public long offset(long feedOffset) {
        return current.sourceOffset + (feedOffset - current.feedStart);
    }

    /** A feed line number of the current segment as a line number of its source. */
    public long line(long feedLine) {
        return current.firstLine + (feedLine - feedLineBase);
    }
}
