package io.ctscope.ingest.io;

import io.ctscope.ingest.parse.Swar;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one framer of input: reads a stream into {@link FramedBlock}s of whole lines, cut after the
 * last newline read; the partial line after it is carried to the next block. A line over the
 * {@link LineLimit} that does not fit is skipped to its newline as it is read and handed out as one
 * {@link FramedBlock#OVERLONG} block, never buffered whole, so memory stays bounded whatever the input.
 * A line over the limit that did fit in a block stays in its block: whoever splits the block into
 * lines applies the same {@link LineLimit} to it ({@link LineFramer}, the pipeline's parse handlers).
 * What a reader sees does not depend on how the input happened to be split into reads.
 */
public final class BlockFramer {
    private byte[] carry = new byte[0];
    private int carryLength;
    private InputStream in;
    private long offset;
    private boolean eof;
    private boolean skipping;
    private long skippedLength;
    private long skipOffset;
    private boolean endSent;
    private boolean holdBackTail;

    /**
     * Starts framing {@code in}, whose first byte is at {@code startOffset} of the input. With
     * {@code holdBackTail} a last line without a newline is left unread (a file still being written).
     */
    public void start(InputStream in, long startOffset, boolean holdBackTail) {
        this.holdBackTail = holdBackTail;
        this.in = in;
        this.offset = startOffset;
        this.carryLength = 0;
        this.eof = false;
        this.skipping = false;
        this.skippedLength = 0;
        this.endSent = false;
    }

    /** True once the {@link FramedBlock#END} block was handed out. */
    public boolean finished() {
        return endSent;
    }

    /**
     * Stop reading (a stop signal): the next {@link #fill} ends the input after the last whole line
     * already handed out; a partial line read after it is dropped, as if never read.
     */
    public void endAtLastWholeLine() {
        eof = true;
        skipping = false;
        carryLength = 0;
    }

    /** After a read error: the block being filled becomes the input's end. */
    public void abort() {
        endSent = true;
        carryLength = 0;
    }

    /** Fills {@code c} with the next block; call until {@link #finished()}. */
    public void fill(FramedBlock c) throws IOException {
        c.unterminatedTail = false;
        byte[] d = c.data;
        if (carry.length < d.length) {
            byte[] grown = new byte[d.length];
            System.arraycopy(carry, 0, grown, 0, carryLength);
            carry = grown;
        }
        int fill = 0;
        if (!eof && !skipping) {
            System.arraycopy(carry, 0, d, 0, carryLength);
            fill = carryLength;
            carryLength = 0;
        }
        int searched = 0;
        while (true) {
            if (eof) {
                endOfInput(c, d, fill);
                return;
            }
            if (skipping) {
                int nl = indexOfNewline(d, 0, fill);
                if (nl >= 0) {
                    skippedLength += nl;
                    offset += nl + 1;
                    skipping = false;
                    carryLength = fill - nl - 1;
                    System.arraycopy(d, nl + 1, carry, 0, carryLength);
                    emitOverlong(c);
                    return;
                }
                skippedLength += fill;
                offset += fill;
                fill = 0;
            } else {
                int last = lastIndexOfNewline(d, searched, fill);
                if (last >= 0) {
                    emitData(c, d, last, fill);
                    return;
                }
                if (LineLimit.isOverlong(fill)) {
                    // no newline yet and already too long: skip it from here on
                    startSkipping(fill);
                    fill = 0;
                }
                searched = fill;
            }
            int n = readSome(d, fill, c.blockSize());
            if (n < 0) {
                eof = true;
            } else {
                fill += n;
            }
        }
    }

    /**
     * At the end of the input, with {@code d[0, fill)} read and holding no newline (so at most a line's
     * worth: a longer one is being skipped): the overlong line, the unterminated tail, or the end.
     */
    private void endOfInput(FramedBlock c, byte[] d, int fill) {
        if (skipping) {
            skippedLength += fill;
            offset += fill;
            skipping = false;
            emitOverlong(c);
            return;
        }
        carryLength = 0;
        if (fill > 0 && !holdBackTail) {
            c.kind = FramedBlock.DATA;
            c.baseOffset = offset;
            c.length = fill;
            c.unterminatedTail = true;
            offset += fill;
            return;
        }
        c.kind = FramedBlock.END;
        c.length = 0;
        c.baseOffset = offset;
        endSent = true;
    }

    private void startSkipping(int alreadyRead) {
        skipping = true;
        skipOffset = offset;
        skippedLength = alreadyRead;
        offset += alreadyRead;
    }

    /** The block gets {@code d[0..last]} (ending with a newline); what follows it is carried to the next block. */
    private void emitData(FramedBlock c, byte[] d, int last, int fill) {
        c.kind = FramedBlock.DATA;
        c.baseOffset = offset;
        c.length = last + 1;
        offset += last + 1;
        int rest = fill - last - 1;
        if (LineLimit.isOverlong(rest)) {
            // the block ends inside a line that is already too long: drop it now, report it after this block
            startSkipping(rest);
        } else {
            carryLength = rest;
            System.arraycopy(d, last + 1, carry, 0, rest);
        }
    }

    private void emitOverlong(FramedBlock c) {
        c.kind = FramedBlock.OVERLONG;
        c.length = 0;
        c.overlongLength = skippedLength;
        c.overlongOffset = skipOffset;
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

    /** The first {@code '\n'} in {@code d[from, to)}, or -1 (a word at a time). */
    public static int indexOfNewline(byte[] d, int from, int to) {
        return Swar.indexOfNewline(d, from, to);
    }

    private static int lastIndexOfNewline(byte[] d, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (d[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
