package io.ctscope.ingest.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When each block of a live feed arrived: a single-producer single-consumer ring of (end offset, nanos)
 * pairs. The feed appends one pair per block; the analyzer thread asks {@link #arrivalOf} for the block
 * holding a record's line, in input order, so the lookup moves forward and never locks. A consumer that
 * fell more than the ring behind gets {@link #UNKNOWN} (the sample is dropped, nothing else).
 */
public final class ArrivalLog {
    public static final long UNKNOWN = Long.MIN_VALUE;
    private static final int SIZE = 1 << 12;
    private static final int MASK = SIZE - 1;

    private final long[] endOffsets = new long[SIZE];
    private final long[] nanos = new long[SIZE];
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    // consumer side: the block found last, so the records of one block cost no lookup
    private long foundEnd = -1;
    private long foundNanos = UNKNOWN;

    /** Producer side: the bytes up to {@code endOffset} arrived at {@code arrivalNanos}. */
    public void append(long endOffset, long arrivalNanos) {
        long h = head.get();
        int i = (int) (h & MASK);
        endOffsets[i] = endOffset;
        nanos[i] = arrivalNanos;
        head.lazySet(h + 1);
    }

    /**
     * Consumer side: the arrival time of the block that holds the byte just before {@code endOffset}, or
     * {@link #UNKNOWN}. Offsets must not decrease from call to call.
     */
    public long arrivalOf(long endOffset) {
        if (endOffset <= foundEnd) {
            return foundNanos;
        }
        long h = head.get();
        long t = tail.get();
        if (h - t > SIZE) {
            t = h - SIZE;
        }
        while (t < h) {
            int i = (int) (t & MASK);
            if (endOffsets[i] >= endOffset) {
                long end = endOffsets[i];
                long at = nanos[i];
                tail.lazySet(t);
                if (head.get() - t > SIZE) {
                    return UNKNOWN; // overwritten while read
                }
                foundEnd = end;
                foundNanos = at;
                return at;
            }
            t++;
        }
        tail.lazySet(t);
        return UNKNOWN;
    }

    /** How long the oldest block not yet reached by the consumer has waited, 0 when it has caught up. */
    public long lagNanos(long now) {
        long t = tail.get();
        long h = head.get();
        if (t >= h - 1) {
            return 0;
        }
        long at = nanos[(int) ((t + 1) & MASK)];
        return Math.max(0, now - at);
    }
}
