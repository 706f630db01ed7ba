package io.ctscope.ingest.live;

/**
 * Where a run of a {@link LiveFeed}'s bytes came from: from feed offset {@link #feedStart} on (until the
 * next segment), the bytes are those of journal source {@link #sourceId} from its byte
 * {@link #sourceOffset}, and the first line is that source's line {@link #firstLine}. Source 0 is the feed
 * itself (standard input, a spawned {@code conntrack}): its records keep the feed's offsets and lines.
 * A followed file's generations are sources of their own, so the journal's resume points are file
 * offsets and a restart continues each file where it was journaled. Segments are linked oldest first and
 * appended by the feed's producers under its lock; each reader walks them with a {@link SegmentCursor}.
 */
public final class FeedSegment {
    public static final int FEED = 0;

    final long feedStart;
    final int sourceId;
    final long sourceOffset;
    final long firstLine;
    volatile FeedSegment next;

    FeedSegment(long feedStart, int sourceId, long sourceOffset, long firstLine) {
        this.feedStart = feedStart;
        this.sourceId = sourceId;
        this.sourceOffset = sourceOffset;
        this.firstLine = firstLine;
    }
}
