package io.ctscope.analysis.flow;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Tuple;

/**
 * The conntrack table as ctscope rebuilds it: an open-addressing hash table (linear probing,
 * backward-shift deletion, power-of-two capacity) from a packed flow key ({@link FlowKeys}) to what is
 * known of the flow, in parallel primitive arrays (columns). No per-flow objects; grows by doubling.
 *
 * <p>Columns per flow: protocol, family, latest state and flags, how it entered the table
 * ({@link FlowOrigin}), first/last seen and the time its current state began, the last timeout printed,
 * and the addresses analyzers group by, copied when the flow opens (they never change while it lives):
 * original source and destination, original ports, and the reply destination and port, which differ
 * from the original source under source NAT.
 *
 * <p>Slots move when the table grows or a flow is removed: a slot number is valid until the next
 * {@link #findOrInsert} or {@link #removeSlot}. Iterate with {@link #capacity()} and {@link #isUsed(int)}.
 */
public final class FlowTable {
    /** Time column value for "not known" (the record had no timestamp). */
    public static final long NO_TIME = Long.MIN_VALUE;

    private static final int W = FlowKeys.WIDTH;
    private static final float LOAD = 0.6f;

    /** Address columns, in longs per slot: orig src hi/lo, orig dst hi/lo, reply dst hi/lo. */
    private static final int ADDR_ORIG_SRC = 0;
    private static final int ADDR_ORIG_DST = ADDR_ORIG_SRC + 2;
    private static final int ADDR_REPLY_DST = ADDR_ORIG_DST + 2;
    private static final int ADDR_WIDTH = ADDR_REPLY_DST + 2;

    private long[] keys;
    private boolean[] used;
    private byte[] protocol;
    private byte[] family;
    private byte[] origin;
    private short[] state;
    private boolean[] hasState;
    private int[] flags;
    private long[] firstSeenMicros;
    private long[] lastSeenMicros;
    private long[] stateSinceMicros;
    private long[] timeout;
    private long[] addresses;
    /** Original-direction ports, -1 when the protocol has none. */
    private int[] origSport;
    private int[] origDport;
    /** Reply-direction destination port (the translated source port under SNAT), -1 when none. */
    private int[] replyDport;

    private int mask;
    private int size;
    private int resizeAt;
    private boolean inserted;
    private final long[] scratch = new long[W];

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
        family = new byte[cap];
        origin = new byte[cap];
        state = new short[cap];
        hasState = new boolean[cap];
        flags = new int[cap];
        firstSeenMicros = new long[cap];
        lastSeenMicros = new long[cap];
        stateSinceMicros = new long[cap];
        timeout = new long[cap];
        addresses = new long[cap * ADDR_WIDTH];
        origSport = new int[cap];
        origDport = new int[cap];
        replyDport = new int[cap];
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
        family[slot] = 0;
        origin[slot] = 0;
        state[slot] = 0;
        hasState[slot] = false;
        flags[slot] = 0;
        firstSeenMicros[slot] = NO_TIME;
        lastSeenMicros[slot] = NO_TIME;
        stateSinceMicros[slot] = NO_TIME;
        timeout[slot] = -1;
        origSport[slot] = -1;
        origDport[slot] = -1;
        replyDport[slot] = -1;
        size++;
        inserted = true;
        return slot;
    }

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

    /** Removes the flow in {@code slot}. Backward-shift deletion keeps probe chains intact without tombstones. */
    public void removeSlot(int slot) {
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

    private long[] keyAt(int slot) {
        System.arraycopy(keys, slot * W, scratch, 0, W);
        return scratch;
    }

    private void moveSlot(int from, int to) {
        System.arraycopy(keys, from * W, keys, to * W, W);
        used[to] = true;
        copyColumns(this, from, to);
    }

    private void copyColumns(FlowTable src, int from, int to) {
        protocol[to] = src.protocol[from];
        family[to] = src.family[from];
        origin[to] = src.origin[from];
        state[to] = src.state[from];
        hasState[to] = src.hasState[from];
        flags[to] = src.flags[from];
        firstSeenMicros[to] = src.firstSeenMicros[from];
        lastSeenMicros[to] = src.lastSeenMicros[from];
        stateSinceMicros[to] = src.stateSinceMicros[from];
        timeout[to] = src.timeout[from];
        System.arraycopy(src.addresses, from * ADDR_WIDTH, addresses, to * ADDR_WIDTH, ADDR_WIDTH);
        origSport[to] = src.origSport[from];
        origDport[to] = src.origDport[from];
        replyDport[to] = src.replyDport[from];
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
        FlowTable old = new FlowTable(16);
        old.keys = keys;
        old.used = used;
        old.protocol = protocol;
        old.family = family;
        old.origin = origin;
        old.state = state;
        old.hasState = hasState;
        old.flags = flags;
        old.firstSeenMicros = firstSeenMicros;
        old.lastSeenMicros = lastSeenMicros;
        old.stateSinceMicros = stateSinceMicros;
        old.timeout = timeout;
        old.addresses = addresses;
        old.origSport = origSport;
        old.origDport = origDport;
        old.replyDport = replyDport;
        int oldCap = used.length;
        allocate(oldCap * 2);
        size = 0;
        long[] k = new long[W];
        for (int s = 0; s < oldCap; s++) {
            if (!old.used[s]) {
                continue;
            }
            System.arraycopy(old.keys, s * W, k, 0, W);
            int slot = findOrInsert(k);
            copyColumns(old, s, slot);
        }
    }

    /**
     * Fills a freshly inserted slot from the record that brought the flow in: identity columns, then
     * the same as {@link #update}. {@code timeMicros} may be {@link #NO_TIME}.
     */
    public void open(int slot, ConntrackRecord r, long timeMicros, int how) {
        origin[slot] = (byte) how;
        family[slot] = (byte) r.family;
        Tuple o = r.orig;
        int a = slot * ADDR_WIDTH;
        addresses[a + ADDR_ORIG_SRC] = o.srcHi;
        addresses[a + ADDR_ORIG_SRC + 1] = o.srcLo;
        addresses[a + ADDR_ORIG_DST] = o.dstHi;
        addresses[a + ADDR_ORIG_DST + 1] = o.dstLo;
        origSport[slot] = o.hasPorts() ? o.sport : -1;
        origDport[slot] = o.hasPorts() ? o.dport : -1;
        Tuple rp = r.reply;
        if (r.has(Field.REPLY)) {
            addresses[a + ADDR_REPLY_DST] = rp.dstHi;
            addresses[a + ADDR_REPLY_DST + 1] = rp.dstLo;
            replyDport[slot] = rp.hasPorts() ? rp.dport : -1;
        } else {
            addresses[a + ADDR_REPLY_DST] = o.srcHi;
            addresses[a + ADDR_REPLY_DST + 1] = o.srcLo;
            replyDport[slot] = -1;
        }
        firstSeenMicros[slot] = timeMicros;
        stateSinceMicros[slot] = timeMicros;
        update(slot, r, timeMicros);
    }

    /** Records what {@code r} says about the flow in {@code slot}: protocol, latest state and flags, times. */
    public void update(int slot, ConntrackRecord r, long timeMicros) {
        protocol[slot] = (byte) r.protocol;
        if (r.has(Field.STATE)) {
            if (hasState[slot] && state[slot] != r.state) {
                stateSinceMicros[slot] = timeMicros;
            }
            state[slot] = (short) r.state;
            hasState[slot] = true;
        }
        if (r.has(Field.TIMEOUT)) {
            timeout[slot] = r.timeout;
        }
        flags[slot] = r.flags;
        lastSeenMicros[slot] = timeMicros;
    }

    public int protocol(int slot) {
        return protocol[slot] & 0xff;
    }

    /** {@code Addresses.AF_INET} or {@code AF_INET6}. */
    public int family(int slot) {
        return family[slot];
    }

    /** {@link FlowOrigin} code: how the flow entered the table. */
    public int origin(int slot) {
        return origin[slot];
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

    /** When the flow's current state was first seen ({@link #NO_TIME} when unknown). */
    public long stateSinceMicros(int slot) {
        return stateSinceMicros[slot];
    }

    /** The last timeout printed for the flow (s), -1 when none was. */
    public long timeout(int slot) {
        return timeout[slot];
    }

    public long origSrcHi(int slot) {
        return addresses[slot * ADDR_WIDTH + ADDR_ORIG_SRC];
    }

    public long origSrcLo(int slot) {
        return addresses[slot * ADDR_WIDTH + ADDR_ORIG_SRC + 1];
    }

    public long origDstHi(int slot) {
        return addresses[slot * ADDR_WIDTH + ADDR_ORIG_DST];
    }

    public long origDstLo(int slot) {
        return addresses[slot * ADDR_WIDTH + ADDR_ORIG_DST + 1];
    }

    /** Reply-direction destination: the translated source address under SNAT, else the original source. */
    public long replyDstHi(int slot) {
        return addresses[slot * ADDR_WIDTH + ADDR_REPLY_DST];
    }

    public long replyDstLo(int slot) {
        return addresses[slot * ADDR_WIDTH + ADDR_REPLY_DST + 1];
    }

    /** Original source port, -1 when the protocol has none. */
    public int origSport(int slot) {
        return origSport[slot];
    }

    /** Original destination port, -1 when the protocol has none. */
    public int origDport(int slot) {
        return origDport[slot];
    }

    /** Reply-direction destination port (the translated source port under SNAT), -1 when none. */
    public int replyDport(int slot) {
        return replyDport[slot];
    }

    /** Whether the flow is source-NATed: the reply goes to another address than the original source. */
    public boolean isSourceNat(int slot) {
        int a = slot * ADDR_WIDTH;
        return addresses[a + ADDR_REPLY_DST] != addresses[a + ADDR_ORIG_SRC]
            || addresses[a + ADDR_REPLY_DST + 1] != addresses[a + ADDR_ORIG_SRC + 1];
    }
}
