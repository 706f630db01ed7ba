package io.ctscope.ingest.pipeline;

import io.ctscope.ingest.record.ConntrackRecord;

/**
 * Told, in input order, what became of every line: a record, a rejected line, or a line that is not a
 * record but expected (blank, the conntrack-tools summary, XML framing, the ENOBUFS warning). Each
 * call carries {@code endOffset}, the input offset just past the line, which is where a reader resumes.
 */
public interface RecordHandler {
    /**
     * The lines that follow, up to the next call, are those of the ring slot with this sequence
     * number; every handler, in every stage, is told the same numbers for the same lines, so a handler
     * of a later stage can find what one of an earlier stage left for that block.
     */
    default void onBlock(long sequence) {
    }

    /** {@code r.source}, {@code r.offset} and {@code r.line} are set. The record is reused after the call. */
    void onRecord(ConntrackRecord r, long endOffset);

    /** A rejected line; {@code reason} is null for a line that was expected but is not a record. */
    default void onOtherLine(int source, long line, int status, String reason, long endOffset) {
    }

    /**
     * conntrack-tools' closing summary ({@code N flow entries/events have been shown.}); {@code shown} is
     * its N, -1 when it has none. By default an expected line that is not a record.
     */
    default void onSummaryLine(int source, long line, int status, long shown, long endOffset) {
        onOtherLine(source, line, status, null, endOffset);
    }

    /** A line longer than the limit, skipped whole. */
    default void onOverlongLine(int source, long line, long length, long endOffset) {
    }

    /** The end of one input; {@code lines} is the number of the last line read. */
    default void onEndOfInput(int source, long lines, long endOffset) {
    }

    /** The ring has no more published slots for now: the moment to flush. */
    default void onEndOfBatch() {
    }
}
