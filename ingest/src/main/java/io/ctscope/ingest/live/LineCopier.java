package io.ctscope.ingest.live;

import java.io.IOException;
import java.io.InputStream;

/**
 * Copies a byte stream (conntrack's stdout, a file, standard input) into a {@link LiveFeed} in whole
 * lines: the partial line at the end of a read waits for the rest of it, and a stream that ends
 * mid-line gets its newline, so the next stream's first line is not glued to it.
 */
public final class LineCopier {
    private final byte[] buf = new byte[LiveFeed.BLOCK * 2];
    private final LiveFeed feed;
    private int pending;

    public LineCopier(LiveFeed feed) {
        this.feed = feed;
    }

    /** Copies until {@code in} ends; returns the bytes copied. */
    public long copy(InputStream in) throws IOException, InterruptedException {
        long total = 0;
        int n;
        while ((n = readSome(in)) > 0) {
            total += n;
        }
        finishLine();
        return total;
    }

    /**
     * Reads once (blocking until something arrives) and passes on the whole lines read so far;
     * returns the bytes read, or -1 at the end of {@code in}.
     */
    public int readSome(InputStream in) throws IOException, InterruptedException {
        int n = in.read(buf, pending, buf.length - pending);
        if (n < 0) {
            return -1;
        }
        int fill = pending + n;
        int last = fill - 1;
        while (last >= 0 && buf[last] != '\n') {
            last--;
        }
        if (last < 0) {
            if (fill == buf.length) {
                // a line longer than two blocks: pass it on as it is (the pipeline reports it as overlong)
                feed.writeLines(buf, 0, fill);
                fill = 0;
            }
            pending = fill;
            return n;
        }
        feed.writeLines(buf, 0, last + 1);
        pending = fill - last - 1;
        System.arraycopy(buf, last + 1, buf, 0, pending);
        return n;
    }

    /** Ends a partial last line with a newline and passes it on. */
    public void finishLine() throws InterruptedException {
        if (pending > 0) {
            buf[pending++] = '\n';
            feed.writeLines(buf, 0, pending);
            pending = 0;
        }
    }

    /** Forgets a partial line (the file it came from was truncated under it). */
    public void discardPartial() {
        pending = 0;
    }
}
