package io.ctscope.ingest.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pipeline's view of a live source: one endless input that producer threads fill in whole lines
 * (a spawned {@code conntrack -E} across its restarts, a followed file across rotations, periodic table
 * reads slipped in between two blocks of events) and that ends when the source is stopped and drained.
 *
 * <p>Blocks are preallocated and recycled (no allocation per line). A producer that is faster than the
 * pipeline waits for a free block: the backpressure reaches {@code conntrack}, whose kernel socket then
 * overflows and says so (ENOBUFS), which is counted. {@link #writeLines} and {@link #exclusive} take one
 * lock per block, never per line, so a table read goes in as one uninterrupted run of lines.
 */
public final class LiveFeed extends InputStream {
    public static final int BLOCK = 64 * 1024;
    private static final int BLOCKS = 64;
    private static final long POLL_NANOS = 50_000_000L;

    private final ArrayBlockingQueue<Block> full = new ArrayBlockingQueue<>(BLOCKS);
    private final ArrayBlockingQueue<Block> free = new ArrayBlockingQueue<>(BLOCKS);
    private final ReentrantLock order = new ReentrantLock();
    private final ArrivalLog arrivals = new ArrivalLog();
    private final LiveClock clock;
    private final String name;
    private Block current;
    private int position;
    private long published;
    private FeedSegment lastSegment = new FeedSegment(0, FeedSegment.FEED, 0, 1);
    private volatile boolean producersDone;
    private volatile boolean abandoned;

    public LiveFeed(String name, LiveClock clock) {
        this.name = name;
        this.clock = clock;
        for (int i = 0; i < BLOCKS; i++) {
            free.add(new Block());
        }
    }

    public String name() {
        return name;
    }

    public ArrivalLog arrivals() {
        return arrivals;
    }

    /** Producers are finished: the feed ends once what they wrote has been read. */
    public void producersDone() {
        producersDone = true;
    }

    /**
     * Ends the feed once what is queued has been read, without waiting for producers (a thread blocked
     * reading standard input cannot be woken).
     */
    public void abandon() {
        abandoned = true;
    }

    /**
     * The lines written from now on come from journal source {@code sourceId}, starting at its byte
     * {@code sourceOffset} and line {@code firstLine} ({@link FeedSegment}); {@link FeedSegment#FEED} goes
     * back to the feed's own numbering. Call it between whole lines.
     */
    public void beginSegment(int sourceId, long sourceOffset, long firstLine) {
        order.lock();
        try {
            FeedSegment s = new FeedSegment(published, sourceId, sourceOffset, firstLine);
            lastSegment.next = s;
            lastSegment = s;
        } finally {
            order.unlock();
        }
    }

    /** Bytes published so far (by every producer). */
    long publishedBytes() {
        order.lock();
        try {
            return published;
        } finally {
            order.unlock();
        }
    }

    /** A cursor over the segments from the current one on: take it before the feed is read. */
    public SegmentCursor segments() {
        order.lock();
        try {
            return new SegmentCursor(lastSegment);
        } finally {
            order.unlock();
        }
    }

    /** Runs {@code action} with no other producer's block in between (a table read between two blocks of events). */
    public void exclusive(Runnable action) {
        order.lock();
        try {
            action.run();
        } finally {
            order.unlock();
        }
    }

    /**
     * Appends {@code length} bytes that end with a newline (whole lines), splitting them over blocks at
     * newlines. Blocks until the pipeline has room.
     */
    public void writeLines(byte[] data, int offset, int length) throws InterruptedException {
        order.lock();
        try {
            int at = offset;
            int end = offset + length;
            while (at < end) {
                int n = Math.min(BLOCK, end - at);
                if (at + n < end) {
                    int cut = lastNewline(data, at, at + n);
                    if (cut >= at) {
                        n = cut - at + 1;
                    }
                }
                Block b = free.take();
                System.arraycopy(data, at, b.data, 0, n);
                b.length = n;
                publish(b);
                at += n;
            }
        } finally {
            order.unlock();
        }
    }

    private void publish(Block b) throws InterruptedException {
        published += b.length;
        arrivals.append(published, clock.nanoTime());
        full.put(b);
    }

    private static int lastNewline(byte[] d, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (d[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        try {
            while (current == null) {
                current = full.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
                if (current == null && full.isEmpty() && (producersDone || abandoned)) {
                    return -1;
                }
                position = 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted reading " + name);
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current.data, position, b, off, n);
        position += n;
        if (position == current.length) {
            free.offer(current);
            current = null;
        }
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length - position;
    }

    @Override
    public void close() {
        abandoned = true;
    }

    private static final class Block {
        final byte[] data = new byte[BLOCK];
        int length;
    }
}
