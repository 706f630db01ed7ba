package io.ctscope.ingest.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ctscope.ingest.decode.LineParser;
import io.ctscope.ingest.io.BlockFramer;
import io.ctscope.ingest.io.LineLimit;
import io.ctscope.ingest.parse.ParseStatus;

/**
 * Parse handler {@code ordinal} of {@code count}: takes every {@code count}-th slot, so several of them
 * parse in parallel while the ring keeps the order. Splits the slot's block into lines and parses each in
 * place into the slot's preallocated records; rejected lines keep a status and a reason.
 */
final class ChunkParser implements EventHandler<Chunk> {
    private final int ordinal;
    private final int count;
    private final LineParser parser = new LineParser();

    ChunkParser(int ordinal, int count) {
        this.ordinal = ordinal;
        this.count = count;
    }

    @Override
    public void onEvent(Chunk c, long sequence, boolean endOfBatch) {
        if (sequence % count != ordinal || c.kind != Chunk.DATA) {
            return;
        }
        byte[] d = c.data;
        int end = c.length;
        int p = 0;
        int line = 0;
        while (p < end) {
            int nl = BlockFramer.indexOfNewline(d, p, end);
            if (nl < 0) {
                nl = end;
            }
            if (line == c.lineStart.length) {
                c.ensureLines(line + 1);
            }
            int lineEnd = nl;
            if (lineEnd > p && d[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            c.lineStart[line] = p;
            c.lineNext[line] = nl < end ? nl + 1 : nl;
            if (LineLimit.isOverlong(nl - p)) {
                // the one overlong-line rule, whether the framer had to skip the line or it fit in a block
                c.status[line] = ParseStatus.ERR_LINE_TOO_LONG;
                c.errors[line] = null;
            } else {
                int status = parser.parse(d, p, lineEnd, c.record(line));
                c.status[line] = status;
                c.errors[line] = parser.reason(status, d, p, lineEnd);
            }
            line++;
            p = nl + 1;
        }
        c.lineCount = line;
    }
}
