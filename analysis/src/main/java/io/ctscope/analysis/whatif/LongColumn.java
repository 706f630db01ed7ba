package io.ctscope.analysis.whatif;

import java.util.Arrays;

/** A growable primitive list of longs (doubling), so per-flow facts cost 8 bytes each, not an object. */
final class LongColumn {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = v;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    /** An independent copy (later adds to either do not show in the other). */
    LongColumn copy() {
        LongColumn c = new LongColumn();
        c.values = Arrays.copyOf(values, Math.max(size, 1));
        c.size = size;
        return c;
    }

    /** The values sorted ascending, in a new array of exactly {@link #size()} elements. */
    long[] sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }
}
