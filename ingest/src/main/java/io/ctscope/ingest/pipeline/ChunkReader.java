package io.ctscope.ingest.pipeline;

import io.ctscope.ingest.io.LineFramer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Producer side of the ring: reads an input straight into ring slots in blocks, cuts each block after
 * its last newline and carries the partial line over to the next block, and turns a line longer than
 * {@link LineFramer#MAX_LINE} into one {@link Chunk#OVERLONG} slot without buffering it.
 */
final class ChunkReader {
    private final byte[] carry = new byte[LineFramer.MAX_LINE + Chunk.BLOCK + 1];
    private int carryLength;
    private InputStream in;
    private int source;
    private long startLine;
    private long offset;
    private boolean eof;
    private boolean skipping;
    private long skippedLength;
    private boolean endSent;
    private boolean holdBackTail;

    void start(InputStream in, int source, long startOffset, long startLine, boolean holdBackTail) {
        this.holdBackTail = holdBackTail;
        this.in = in;
        this.source = source;
        this.startLine = startLine;
        this.offset = startOffset;
        this.carryLength = 0;
        this.eof = false;
        this.skipping = false;
        this.skippedLength = 0;
        this.endSent = false;
    }

    boolean finished() {
        return endSent;
    }

    /**
     * Stop reading (a stop signal): the next {@link #fill} ends the input after the last whole line
     * already handed out; a partial line read after it is dropped, as if never read.
     */
    void endAtLastWholeLine() {
        eof = true;
        skipping = false;
        carryLength = 0;
    }

    /** After a read error: the slot being filled becomes the input's end. */
    void abort() {
        endSent = true;
        carryLength = 0;
    }

    /** Fills one slot; call until {@link #finished()}. */
    void fill(Chunk c) throws IOException {
        c.source = source;
        c.startLine = startLine;
        c.unterminatedTail = false;
        c.lineCount = 0;
        while (true) {
            if (eof) {
                if (skipping) {
                    skipping = false;
                    emitOverlong(c);
                    return;
                }
                if (carryLength > 0 && !holdBackTail) {
                    c.kind = Chunk.DATA;
                    c.baseOffset = offset;
                    System.arraycopy(carry, 0, c.data, 0, carryLength);
                    c.length = carryLength;
                    c.unterminatedTail = true;
                    offset += carryLength;
                    carryLength = 0;
                    return;
                }
                c.kind = Chunk.END;
                c.length = 0;
                c.baseOffset = offset;
                endSent = true;
                return;
            }
            byte[] d = c.data;
            System.arraycopy(carry, 0, d, 0, carryLength);
            int fill = carryLength;
            int n = readSome(d, fill, Chunk.BLOCK);
            if (n < 0) {
                eof = true;
                if (skipping) {
                    continue;
                }
                if (fill == 0) {
                    continue;
                }
                // the carry can hold complete lines (those read with the end of an overlong line): they go
                // out now, and only what follows the last newline is the unterminated tail
                int lastNewline = lastIndexOf(d, 0, fill);
                if (lastNewline >= 0) {
                    emitData(c, d, lastNewline, fill);
                    return;
                }
                // keep the tail as carry: the eof branch emits it as an unterminated line (or holds it back)
                carryLength = fill;
                continue;
            }
            fill += n;
            if (skipping) {
                int nl = indexOf(d, 0, fill);
                if (nl < 0) {
                    skippedLength += fill;
                    offset += fill;
                    carryLength = 0;
                    continue;
                }
                skippedLength += nl;
                offset += nl + 1;
                carryLength = fill - nl - 1;
                System.arraycopy(d, nl + 1, carry, 0, carryLength);
                skipping = false;
                emitOverlong(c);
                return;
            }
            int last = lastIndexOf(d, 0, fill);
            if (last < 0) {
                if (fill > LineFramer.MAX_LINE) {
                    skipping = true;
                    skippedLength = fill;
                    offset += fill;
                    carryLength = 0;
                    continue;
                }
                carryLength = fill;
                System.arraycopy(d, 0, carry, 0, carryLength);
                continue;
            }
            emitData(c, d, last, fill);
            if (carryLength > LineFramer.MAX_LINE) {
                // the block ends inside a line that is already too long: drop it now, report it after this block
                skipping = true;
                skippedLength = carryLength;
                offset += carryLength;
                carryLength = 0;
            }
            return;
        }
    }

    /** The slot gets {@code d[0..last]} (ending with a newline); what follows it is carried to the next slot. */
    private void emitData(Chunk c, byte[] d, int last, int fill) {
        c.kind = Chunk.DATA;
        c.baseOffset = offset;
        c.length = last + 1;
        offset += last + 1;
        carryLength = fill - last - 1;
        System.arraycopy(d, last + 1, carry, 0, carryLength);
    }

    private void emitOverlong(Chunk c) {
        c.kind = Chunk.OVERLONG;
        c.length = 0;
        c.overlongLength = skippedLength;
        c.baseOffset = offset;
        skippedLength = 0;
    }

    /** One read: a live stream (conntrack -E | ctscope) must not wait for a whole block to fill. */
    private int readSome(byte[] d, int at, int want) throws IOException {
        int n = in.read(d, at, want);
        while (n == 0) {
            n = in.read(d, at, want);
        }
        return n;
    }

    private static int indexOf(byte[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            if (d[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] d, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (d[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
