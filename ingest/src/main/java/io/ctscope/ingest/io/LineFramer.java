package io.ctscope.ingest.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines in place: reads into one reusable buffer, finds {@code \n}, hands each
 * line's range to a {@link LineHandler}, and compacts the partial tail. Lines longer than
 * {@link #MAX_LINE} bytes (not counting the {@code \n}) are skipped to their newline and reported, never
 * buffered whole, so memory stays bounded whatever the input; the verdict does not depend on how the
 * input happened to be split into reads.
 */
public final class LineFramer {
    public static final int MAX_LINE = 64 * 1024;
    private static final int DEFAULT_BUFFER = 1 << 20;

    private final byte[] buf;

    public LineFramer() {
        this(DEFAULT_BUFFER);
    }

    public LineFramer(int bufferSize) {
        this.buf = new byte[Math.max(bufferSize, MAX_LINE * 2)];
    }

    /**
     * Frames all of {@code in}, starting line numbers after {@code firstLine - 1} and offsets at
     * {@code firstOffset} (to resume a partly read input). Returns false when the handler stopped early.
     */
    public boolean frame(InputStream in, LineHandler handler, long firstLine, long firstOffset) throws IOException {
        byte[] b = buf;
        int start = 0;
        int fill = 0;
        long line = firstLine;
        long base = firstOffset;
        boolean skipping = false;
        long skippedLength = 0;
        long skipLine = 0;
        long skipOffset = 0;
        int scan = 0;
        while (true) {
            int n = in.read(b, fill, b.length - fill);
            if (n < 0) {
                break;
            }
            fill += n;
            int i = scan;
            while (true) {
                int nl = indexOfNewline(b, i, fill);
                if (nl < 0) {
                    break;
                }
                if (skipping) {
                    skippedLength += nl - start;
                    if (!handler.onOverlongLine(skipLine, skipOffset, skippedLength)) {
                        return false;
                    }
                    skipping = false;
                } else if (nl - start > MAX_LINE) {
                    // the whole line arrived in one read: still over the limit, whatever the read size
                    if (!handler.onOverlongLine(line, base + start, nl - start)) {
                        return false;
                    }
                } else {
                    int end = nl;
                    if (end > start && b[end - 1] == '\r') {
                        end--;
                    }
                    if (!handler.onLine(b, start, end, line, base + start, true)) {
                        return false;
                    }
                }
                line++;
                start = nl + 1;
                i = start;
            }
            int pending = fill - start;
            if (skipping) {
                skippedLength += pending;
                base += fill;
                start = 0;
                fill = 0;
                scan = 0;
                continue;
            }
            if (pending > MAX_LINE) {
                skipping = true;
                skipLine = line;
                skipOffset = base + start;
                skippedLength = pending;
                base += fill;
                start = 0;
                fill = 0;
                scan = 0;
                continue;
            }
            if (fill == b.length) {
                System.arraycopy(b, start, b, 0, pending);
                base += start;
                start = 0;
                fill = pending;
            }
            scan = fill;
        }
        if (skipping) {
            return handler.onOverlongLine(skipLine, skipOffset, skippedLength);
        }
        if (fill > start) {
            int end = fill;
            if (b[end - 1] == '\r') {
                end--;
            }
            return handler.onLine(b, start, end, line, base + start, false);
        }
        return true;
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
