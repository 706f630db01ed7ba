package io.ctscope.analysis.top;

/**
 * The memory the exact top-talker lists may take together, in bytes. A list grows its exact map only
 * when the budget has room for the doubling, and gives its bytes back when it switches to sketches,
 * so lists stay exact as long as memory allows, not up to a fixed number of keys, and memory stays
 * bounded whatever the number of distinct keys. One budget per analyzer (one thread): no locking.
 */
public final class ExactBudget {
    /** The share of the heap ({@code -Xmx}) the exact lists of one report may take by default. */
    public static final int HEAP_SHARE_DIVISOR = 4;

    private long remaining;

    public ExactBudget(long bytes) {
        this.remaining = bytes;
    }

    /** A quarter of the heap the JVM may grow to, split evenly over {@code parts} analyzers. */
    public static long defaultBytes(int parts) {
        return Runtime.getRuntime().maxMemory() / HEAP_SHARE_DIVISOR / Math.max(1, parts);
    }

    /** Takes {@code bytes} unconditionally (a list's first, small map). */
    void reserve(long bytes) {
        remaining -= bytes;
    }

    /** Takes {@code bytes} when there is room; false (and nothing taken) when not. */
    boolean tryReserve(long bytes) {
        if (bytes > remaining) {
            return false;
        }
        remaining -= bytes;
        return true;
    }

    /** Gives {@code bytes} back, or grants them (a merge takes over the share of the shard it absorbs). */
    public void release(long bytes) {
        remaining += bytes;
    }

    long remaining() {
        return remaining;
    }
}
