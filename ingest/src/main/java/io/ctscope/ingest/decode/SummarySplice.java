package io.ctscope.ingest.decode;

import io.ctscope.ingest.io.LineFramer;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;

/**
 * Recovers a record that conntrack-tools' stderr summary cut in two. With {@code conntrack -L 2>&1 |},
 * stdout is written in 4 KiB blocks and the summary unbuffered, so it can land inside a record:
 * <pre>
 *   ... dport=5672 [ASSURED] mark=0 use=conntrack v1.4.5 (conntrack-tools): 1438 flow entries have been shown.
 *   1
 * </pre>
 * The first line is then the summary (its count is kept) and the part before it is held; the next line
 * is that record's rest, and the two are parsed as one line. Rare and off the hot path: only lines the
 * parser already rejected are looked at. One instance per thread that orders lines.
 */
public final class SummarySplice {
    private final byte[] joined = new byte[2 * LineFramer.MAX_LINE + 1];
    private final LineParser parser = new LineParser();
    private final ConntrackRecord record = new ConntrackRecord();
    private int heldLength = -1;
    private long heldLine;
    private long heldOffset;
    private String reason;

    /**
     * If the rejected line {@code b[off, end)} ends with the summary after part of a record, holds that
     * part and returns the summary's count (0 or more); else -1 and nothing changes.
     */
    public long cut(byte[] b, int off, int end, long line, long offset) {
        int at = ParseStatus.summaryStart(b, off, end);
        if (at <= off || at - off > LineFramer.MAX_LINE) {
            return -1;
        }
        System.arraycopy(b, off, joined, 0, at - off);
        heldLength = at - off;
        heldLine = line;
        heldOffset = offset;
        long shown = ParseStatus.shownCount(b, at, end);
        return Math.max(shown, 0);
    }

    /** Whether the next line is the rest of a held record. */
    public boolean holding() {
        return heldLength >= 0;
    }

    /** Forgets a held part (the input ended, or the next input began). */
    public void reset() {
        heldLength = -1;
    }

    /**
     * Parses the held part followed by {@code b[off, end)} into {@link #record()}; returns the parse status.
     * The record's line and offset are those of the held part. Nothing is held afterwards.
     */
    public int rejoin(byte[] b, int off, int end) {
        int n = Math.min(end - off, joined.length - heldLength);
        System.arraycopy(b, off, joined, heldLength, n);
        int length = heldLength + n;
        heldLength = -1;
        int status = parser.parse(joined, 0, length, record);
        String why = parser.reason(status, joined, 0, length);
        reason = why == null ? null : "record cut by conntrack's summary line, rejoined with the next line: " + why;
        record.line = heldLine;
        record.offset = heldOffset;
        return status;
    }

    public ConntrackRecord record() {
        return record;
    }

    /** Why the last rejoined line was rejected; null when it was not. */
    public String reason() {
        return reason;
    }

    /** Line number where the held record began. */
    public long heldLine() {
        return heldLine;
    }
}
