package io.ctscope.analysis.table;

import io.ctscope.ingest.record.ConntrackRecord;

/**
 * The conntrack table as ctscope rebuilds it: an open-addressing hash table (linear probing,
 * backward-shift deletion, power-of-two capacity) from a packed flow key ({@link FlowKeys}) to the
 * flow's current protocol, state, flags and times, in parallel primitive arrays. No per-flow objects;
 * grows by doubling. Iterate with {@link #capacity()} and {@link #isUsed(int)}.
 */
public final class FlowTable {
    private static final int W = FlowKeys.WIDTH;
    private static final float LOAD = 0.6f;

    private long[] keys;
    private boolean[] used;
    private byte[] protocol;
    private short[] state;
    private boolean[] hasState;
    private int[] flags;
    private long[] firstSeenMicros;
    private long[] lastSeenMicros;
    private int mask;
    private int size;
    private int resizeAt;

    public FlowTable() {
        this(1 << 12);
    }

    public FlowTable(int initialCapacity) {
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity - 1) << 1);
        allocate(cap);
    }

    private void allocate(int cap) {
        keys = new long[cap * W];
        used = new boolean[cap];
        protocol = new byte[cap];
        state = new short[cap];
        hasState = new boolean[cap];
        flags = new int[cap];
        firstSeenMicros = new long[cap];
        lastSeenMicros = new long[cap];
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

    /** Slot of {@code key}, or -1. */
    public int find(long[] key) {
        int slot = FlowKeys.hash(key) & mask;
        while (used[slot]) {
            if (keyEquals(slot, key)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Slot of {@code key}, inserting an empty flow when absent; {@link #lastInsertWasNew()} tells which. */
    public int findOrInsert(long[] key) {
        if (size >= resizeAt) {
            grow();
        }
        int slot = FlowKeys.hash(key) & mask;
        while (used[slot]) {
            if (keyEquals(slot, key)) {
                inserted = false;
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        System.arraycopy(key, 0, keys, slot * W, W);
        protocol[slot] = 0;
        state[slot] = 0;
        hasState[slot] = false;
        flags[slot] = 0;
        firstSeenMicros[slot] = Long.MIN_VALUE;
        lastSeenMicros[slot] = Long.MIN_VALUE;
        size++;
        inserted = true;
        return slot;
    }

    private boolean inserted;

    public boolean lastInsertWasNew() {
        return inserted;
    }

    /** Removes {@code key}; returns whether it was present. */
    public boolean remove(long[] key) {
        int slot = find(key);
        if (slot < 0) {
            return false;
        }
        removeSlot(slot);
        return true;
    }

    /** Backward-shift deletion keeps probe chains intact without tombstones. */
    private void removeSlot(int slot) {
        int hole = slot;
        int next = (hole + 1) & mask;
        while (used[next]) {
            int home = FlowKeys.hash(keyAt(next)) & mask;
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                moveSlot(next, hole);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        used[hole] = false;
        size--;
    }

    private final long[] scratch = new long[W];

    private long[] keyAt(int slot) {
        System.arraycopy(keys, slot * W, scratch, 0, W);
        return scratch;
    }

    private void moveSlot(int from, int to) {
        System.arraycopy(keys, from * W, keys, to * W, W);
        used[to] = true;
        protocol[to] = protocol[from];
        state[to] = state[from];
        hasState[to] = hasState[from];
        flags[to] = flags[from];
        firstSeenMicros[to] = firstSeenMicros[from];
        lastSeenMicros[to] = lastSeenMicros[from];
    }

    private boolean keyEquals(int slot, long[] key) {
        int base = slot * W;
        for (int i = 0; i < W; i++) {
            if (keys[base + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        long[] oldKeys = keys;
        boolean[] oldUsed = used;
        byte[] oldProtocol = protocol;
        short[] oldState = state;
        boolean[] oldHasState = hasState;
        int[] oldFlags = flags;
        long[] oldFirst = firstSeenMicros;
        long[] oldLast = lastSeenMicros;
        int oldCap = oldUsed.length;
        allocate(oldCap * 2);
        size = 0;
        long[] k = new long[W];
        for (int s = 0; s < oldCap; s++) {
            if (!oldUsed[s]) {
                continue;
            }
            System.arraycopy(oldKeys, s * W, k, 0, W);
            int slot = findOrInsert(k);
            protocol[slot] = oldProtocol[s];
            state[slot] = oldState[s];
            hasState[slot] = oldHasState[s];
            flags[slot] = oldFlags[s];
            firstSeenMicros[slot] = oldFirst[s];
            lastSeenMicros[slot] = oldLast[s];
        }
    }

    /** Records what {@code r} says about the flow in {@code slot}: protocol, latest state and flags, times. */
    public void update(int slot, ConntrackRecord r, long timeMicros) {
        protocol[slot] = (byte) r.protocol;
        if (r.has(io.ctscope.ingest.record.Field.STATE)) {
            state[slot] = (short) r.state;
            hasState[slot] = true;
        }
        flags[slot] = r.flags;
        if (firstSeenMicros[slot] == Long.MIN_VALUE) {
            firstSeenMicros[slot] = timeMicros;
        }
        lastSeenMicros[slot] = timeMicros;
    }

    public int protocol(int slot) {
        return protocol[slot] & 0xff;
    }

    public boolean hasState(int slot) {
        return hasState[slot];
    }

    public int state(int slot) {
        return state[slot];
    }

    public int flags(int slot) {
        return flags[slot];
    }

    public long firstSeenMicros(int slot) {
        return firstSeenMicros[slot];
    }

    public long lastSeenMicros(int slot) {
        return lastSeenMicros[slot];
    }
}
