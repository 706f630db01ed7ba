package io.ctscope.analysis.keys;

import java.util.Arrays;

/**
 * A primitive open-addressing hash map from fixed-width keys ({@code keyWidth} longs) to fixed-width
 * rows of long values ({@code valueWidth} columns): linear probing, backward-shift deletion,
 * power-of-two capacity, grows by doubling. No per-entry objects, no boxing; the caller passes keys in a
 * reusable {@code long[]}. A slot number is valid until the next insert or removal.
 *
 * <p>Each slot is one row {@code [used] [key...] [values...]} in a single array, so a lookup and the
 * values it leads to share a cache line or two.
 */
public final class KeyMap {
    private static final float LOAD = 0.6f;

    private final int keyWidth;
    private final int valueWidth;
    private final int row;
    private long[] rows;
    private int mask;
    private int size;
    private int resizeAt;
    private boolean inserted;

    public KeyMap(int keyWidth, int valueWidth) {
        this(keyWidth, valueWidth, 64);
    }

    public KeyMap(int keyWidth, int valueWidth, int initialCapacity) {
        this.keyWidth = keyWidth;
        this.valueWidth = valueWidth;
        this.row = 1 + keyWidth + valueWidth;
        allocate(Integer.highestOneBit(Math.max(16, initialCapacity - 1) << 1));
    }

    private void allocate(int cap) {
        rows = new long[cap * row];
        mask = cap - 1;
        resizeAt = (int) (cap * LOAD);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return mask + 1;
    }

    public boolean isUsed(int slot) {
        return rows[slot * row] != 0;
    }

    public int keyWidth() {
        return keyWidth;
    }

    /** Long {@code i} of the key in {@code slot}. */
    public long key(int slot, int i) {
        return rows[slot * row + 1 + i];
    }

    /** Copies the key in {@code slot} into {@code out}. */
    public void copyKey(int slot, long[] out) {
        System.arraycopy(rows, slot * row + 1, out, 0, keyWidth);
    }

    public long value(int slot, int column) {
        return rows[slot * row + 1 + keyWidth + column];
    }

    public void setValue(int slot, int column, long v) {
        rows[slot * row + 1 + keyWidth + column] = v;
    }

    public void addValue(int slot, int column, long delta) {
        rows[slot * row + 1 + keyWidth + column] += delta;
    }

    /** Slot of {@code key}, or -1. */
    public int find(long[] key) {
        long[] r = rows;
        int slot = hash(key, 0) & mask;
        while (r[slot * row] != 0) {
            if (keyEquals(r, slot * row + 1, key)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Slot of {@code key}, inserting it with all values 0 when absent; {@link #lastInsertWasNew()} tells which. */
    public int findOrInsert(long[] key) {
        if (size >= resizeAt) {
            grow();
        }
        long[] r = rows;
        int slot = hash(key, 0) & mask;
        while (r[slot * row] != 0) {
            if (keyEquals(r, slot * row + 1, key)) {
                inserted = false;
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        int b = slot * row;
        r[b] = 1;
        System.arraycopy(key, 0, r, b + 1, keyWidth);
        Arrays.fill(r, b + 1 + keyWidth, b + row, 0L);
        size++;
        inserted = true;
        return slot;
    }

    /** Whether the next {@link #findOrInsert} doubles the table first. */
    public boolean growsOnNextInsert() {
        return size >= resizeAt;
    }

    /** Bytes the map's rows take now (doubling adds as many). */
    public long allocatedBytes() {
        return (long) rows.length * Long.BYTES;
    }

    public boolean lastInsertWasNew() {
        return inserted;
    }

    /** Removes the entry in {@code slot}; entries after it in its probe chain may move. */
    public void removeSlot(int slot) {
        long[] r = rows;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (r[next * row] != 0) {
            int home = hash(r, next * row + 1) & mask;
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                System.arraycopy(r, next * row, r, hole * row, row);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        r[hole * row] = 0;
        size--;
    }

    public void clear() {
        Arrays.fill(rows, 0L);
        size = 0;
    }

    private boolean keyEquals(long[] r, int from, long[] key) {
        for (int i = 0; i < keyWidth; i++) {
            if (r[from + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private int hash(long[] k, int from) {
        long h = k[from] * 0x9E3779B97F4A7C15L;
        for (int i = 1; i < keyWidth; i++) {
            h = (h ^ k[from + i]) * 0xBF58476D1CE4E5B9L;
        }
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] old = rows;
        int oldCap = mask + 1;
        if ((long) oldCap * 2 * row > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than " + size + " entries: beyond what one map holds");
        }
        allocate(oldCap * 2);
        long[] r = rows;
        for (int s = 0; s < oldCap; s++) {
            int from = s * row;
            if (old[from] == 0) {
                continue;
            }
            int slot = hash(old, from + 1) & mask;
            while (r[slot * row] != 0) {
                slot = (slot + 1) & mask;
            }
            System.arraycopy(old, from, r, slot * row, row);
        }
    }
}
