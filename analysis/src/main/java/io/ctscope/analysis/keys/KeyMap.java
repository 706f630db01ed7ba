package io.ctscope.analysis.keys;

import java.util.Arrays;

/**
 * A primitive open-addressing hash map from fixed-width keys ({@code keyWidth} longs) to fixed-width
 * rows of long values ({@code valueWidth} columns): linear probing, backward-shift deletion,
 * power-of-two capacity, grows by doubling. No per-entry objects, no boxing; the caller passes keys in a
 * reusable {@code long[]}. A slot number is valid until the next insert or removal.
 */
public final class KeyMap {
    private static final float LOAD = 0.6f;

    private final int keyWidth;
    private final int valueWidth;
    private long[] keys;
    private long[] values;
    private boolean[] used;
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
        allocate(Integer.highestOneBit(Math.max(16, initialCapacity - 1) << 1));
    }

    private void allocate(int cap) {
        keys = new long[cap * keyWidth];
        values = new long[cap * valueWidth];
        used = new boolean[cap];
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
        return used[slot];
    }

    public int keyWidth() {
        return keyWidth;
    }

    /** Long {@code i} of the key in {@code slot}. */
    public long key(int slot, int i) {
        return keys[slot * keyWidth + i];
    }

    /** Copies the key in {@code slot} into {@code out}. */
    public void copyKey(int slot, long[] out) {
        System.arraycopy(keys, slot * keyWidth, out, 0, keyWidth);
    }

    public long value(int slot, int column) {
        return values[slot * valueWidth + column];
    }

    public void setValue(int slot, int column, long v) {
        values[slot * valueWidth + column] = v;
    }

    public void addValue(int slot, int column, long delta) {
        values[slot * valueWidth + column] += delta;
    }

    /** Slot of {@code key}, or -1. */
    public int find(long[] key) {
        int slot = hash(key, 0) & mask;
        while (used[slot]) {
            if (keyEquals(slot, key)) {
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
        int slot = hash(key, 0) & mask;
        while (used[slot]) {
            if (keyEquals(slot, key)) {
                inserted = false;
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        System.arraycopy(key, 0, keys, slot * keyWidth, keyWidth);
        Arrays.fill(values, slot * valueWidth, slot * valueWidth + valueWidth, 0L);
        size++;
        inserted = true;
        return slot;
    }

    public boolean lastInsertWasNew() {
        return inserted;
    }

    /** Removes the entry in {@code slot}; entries after it in its probe chain may move. */
    public void removeSlot(int slot) {
        int hole = slot;
        int next = (hole + 1) & mask;
        while (used[next]) {
            int home = hash(keys, next * keyWidth) & mask;
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                System.arraycopy(keys, next * keyWidth, keys, hole * keyWidth, keyWidth);
                System.arraycopy(values, next * valueWidth, values, hole * valueWidth, valueWidth);
                used[hole] = true;
                hole = next;
            }
            next = (next + 1) & mask;
        }
        used[hole] = false;
        size--;
    }

    public void clear() {
        Arrays.fill(used, false);
        size = 0;
    }

    private boolean keyEquals(int slot, long[] key) {
        int base = slot * keyWidth;
        for (int i = 0; i < keyWidth; i++) {
            if (keys[base + i] != key[i]) {
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
        long[] oldKeys = keys;
        long[] oldValues = values;
        boolean[] oldUsed = used;
        allocate(oldUsed.length * 2);
        size = 0;
        long[] k = new long[keyWidth];
        for (int s = 0; s < oldUsed.length; s++) {
            if (oldUsed[s]) {
                System.arraycopy(oldKeys, s * keyWidth, k, 0, keyWidth);
                int slot = findOrInsert(k);
                System.arraycopy(oldValues, s * valueWidth, values, slot * valueWidth, valueWidth);
            }
        }
    }
}
