package io.ctscope.ingest.pipeline;

import io.ctscope.ingest.io.FramedBlock;
import io.ctscope.ingest.record.ConntrackRecord;

/**
 * One ring slot: a block of input bytes cut at a line boundary by the {@link io.ctscope.ingest.io.BlockFramer},
 * and, once a parse handler has been over it, the outcome of every line in it. Everything is allocated when the ring is built and grows
 * only when a block holds more lines than any block before it, so the steady state allocates nothing.
 * The records are made the first time a line of the slot needs one (a block of 64 KiB holds a few
 * hundred lines, not 1024; 64 slots of 1024 up front cost a short run tens of MB and milliseconds).
 *
 * <p>Kinds: {@link #DATA} a block of whole lines ({@link #unterminatedTail} when the input ended without
 * a final newline); {@link #OVERLONG} one line longer than the limit, skipped, only its length kept;
 * {@link #END} the end of one input.
 */
public final class Chunk extends FramedBlock {
    /** New bytes read per block; a line carried over from the previous block comes on top. */
    public static final int BLOCK = 64 * 1024;

    public int source;
    /** Line number of the input's first line read in this run (1, or after the resume point). */
    public long startLine;

    // filled by the parse handler
    public int lineCount;
    public int[] lineStart = new int[1024];
    /** Index just past the line's newline: the next line's start. */
    public int[] lineNext = new int[1024];
    public int[] status = new int[1024];
    public ConntrackRecord[] records = new ConntrackRecord[1024];
    public String[] errors = new String[1024];

    public Chunk() {
        super(BLOCK);
    }

    void ensureLines(int n) {
        if (n <= lineStart.length) {
            return;
        }
        int cap = Math.max(n, lineStart.length * 2);
        lineStart = java.util.Arrays.copyOf(lineStart, cap);
        lineNext = java.util.Arrays.copyOf(lineNext, cap);
        status = java.util.Arrays.copyOf(status, cap);
        errors = java.util.Arrays.copyOf(errors, cap);
        records = java.util.Arrays.copyOf(records, cap);
    }

    /** The record of line {@code i} (below {@link #lineStart}'s length), made on first use. */
    ConntrackRecord record(int i) {
        ConntrackRecord r = records[i];
        if (r == null) {
            r = new ConntrackRecord();
            records[i] = r;
        }
        return r;
    }
}
