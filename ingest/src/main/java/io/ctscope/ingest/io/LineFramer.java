package io.ctscope.ingest.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines in place for a {@link LineHandler}: the {@link BlockFramer} reads
 * blocks of whole lines into one reusable buffer, and each block is split at its newlines. A line over
 * the {@link LineLimit} is reported, never delivered (nor buffered whole), so memory stays bounded
 * whatever the input; the verdict does not depend on how the input happened to be split into reads.
 */
public final class LineFramer {
    /** {@link LineLimit#MAX_LINE}, kept here for the readers that frame with this class. */
    public static final int MAX_LINE = LineLimit.MAX_LINE;
    private static final int DEFAULT_BUFFER = 1 << 20;

    private final BlockFramer framer = new BlockFramer();
    private final FramedBlock block;

    public LineFramer() {
        this(DEFAULT_BUFFER);
    }

    /** A framer reading up to about {@code bufferSize} bytes at a time (at least one line's worth). */
    public LineFramer(int bufferSize) {
        this.block = new FramedBlock(Math.max(bufferSize - MAX_LINE - 1, MAX_LINE));
    }

    /**
     * Frames all of {@code in}, starting line numbers after {@code firstLine - 1} and offsets at
     * {@code firstOffset} (to resume a partly read input). Returns false when the handler stopped early.
     */
    public boolean frame(InputStream in, LineHandler handler, long firstLine, long firstOffset) throws IOException {
        FramedBlock c = block;
        framer.start(in, firstOffset, false);
        long line = firstLine;
        while (true) {
            framer.fill(c);
            if (c.kind == FramedBlock.END) {
                return true;
            }
            if (c.kind == FramedBlock.OVERLONG) {
                if (!handler.onOverlongLine(line++, c.overlongOffset, c.overlongLength)) {
                    return false;
                }
                continue;
            }
            byte[] b = c.data;
            int end = c.length;
            int start = 0;
            while (start < end) {
                int nl = BlockFramer.indexOfNewline(b, start, end);
                boolean terminated = nl >= 0;
                int lineEnd = terminated ? nl : end;
                boolean more;
                if (LineLimit.isOverlong(lineEnd - start)) {
                    more = handler.onOverlongLine(line, c.baseOffset + start, lineEnd - start);
                } else {
                    int e = lineEnd > start && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                    more = handler.onLine(b, start, e, line, c.baseOffset + start, terminated);
                }
                if (!more) {
                    return false;
                }
                line++;
                start = lineEnd + 1;
            }
        }
    }
}
