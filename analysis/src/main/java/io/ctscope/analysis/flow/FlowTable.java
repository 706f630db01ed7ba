package io.ctscope.analysis.flow;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Tuple;

import java.util.Arrays;

/**
 * The conntrack table as ctscope rebuilds it: an open-addressing hash table (linear probing,
 * backward-shift deletion, power-of-two capacity) from a packed flow key ({@link FlowKeys}) to what is
 * known of the flow. No per-flow objects; grows by doubling.
 *
 * <p>Each slot is one row of {@link #ROW} longs in a single array, so a lookup and everything the
 * analyzers read about the flow share two or three adjacent cache lines (a column per field cost a
 * cache miss per field on a table of 400 k flows):
 * <pre>
 * [META] [key 0..4] [FLAGS_TIMEOUT] [FIRST] [LAST] [STATE_SINCE] [orig src hi lo] [orig dst hi lo] [reply dst hi lo] [PORTS]
 * META          = used:1 (bit 63) | origin:8 (40) | family:8 (32) | protocol:8 (24) | hasState:1 (16) | state:16 (0)
 * FLAGS_TIMEOUT = timeout + 1 (high 32 bits, 0 = none printed) | flags (low 32)
 * PORTS         = replyDport + 1 (34) | origDport + 1 (17) | origSport + 1 (0); 0 = the protocol has none
 * </pre>
 * The addresses are copied when the flow opens (they never change while it lives): original source
 * and destination, and the reply destination, which differs from the original source under source NAT.
 *
 * <p>Slots move when the table grows or a flow is removed: a slot number is valid until the next
 * {@link #findOrInsert} or {@link #removeSlot}. Iterate with {@link #capacity()} and {@link #isUsed(int)}.
 */
public final class FlowTable {
    /** Time column value for "not known" (the record had no timestamp). */
    public static final long NO_TIME = Long.MIN_VALUE;

    private static final int W = FlowKeys.WIDTH;
    private static final float LOAD = 0.6f;

    private static final int META = 0;
    private static final int KEY = META + 1;
    private static final int FLAGS_TIMEOUT = KEY + W;
    private static final int FIRST = FLAGS_TIMEOUT + 1;
    private static final int LAST = FIRST + 1;
    private static final int STATE_SINCE = LAST + 1;
    private static final int ORIG_SRC = STATE_SINCE + 1;
    private static final int ORIG_DST = ORIG_SRC + 2;
    private static final int REPLY_DST = ORIG_DST + 2;
    private static final int PORTS = REPLY_DST + 2;
    private static final int ROW = PORTS + 1;

    private static final long USED = 1L << 63;
    private static final int ORIGIN_SHIFT = 40;
    private static final int FAMILY_SHIFT = 32;
    private static final int PROTOCOL_SHIFT = 24;
    private static final long HAS_STATE = 1L << 16;
    private static final long STATE_MASK = 0xffffL;

    private long[] rows;
    private int mask;
    private int size;
    private int resizeAt;
    private boolean inserted;

    public FlowTable() {
        this(1 << 12);
    }

    public FlowTable(int initialCapacity) {
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity - 1) << 1);
        allocate(cap);
    }

    private void allocate(int cap) {
        rows = new long[cap * ROW];
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
        return rows[slot * ROW] < 0;
    }

    /** Slot of {@code key}, or -1. */
    public int find(long[] key) {
        long[] r = rows;
        int slot = FlowKeys.hash(key) & mask;
        while (r[slot * ROW] < 0) {
            if (keyEquals(r, slot * ROW, key)) {
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
        long[] r = rows;
        int slot = FlowKeys.hash(key) & mask;
        while (r[slot * ROW] < 0) {
            if (keyEquals(r, slot * ROW, key)) {
                inserted = false;
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        int b = slot * ROW;
        Arrays.fill(r, b, b + ROW, 0L);
        r[b + META] = USED;
        System.arraycopy(key, 0, r, b + KEY, W);
        r[b + FIRST] = NO_TIME;
        r[b + LAST] = NO_TIME;
        r[b + STATE_SINCE] = NO_TIME;
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
        long[] r = rows;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (r[next * ROW] < 0) {
            int home = FlowKeys.hash(r, next * ROW + KEY) & mask;
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                System.arraycopy(r, next * ROW, r, hole * ROW, ROW);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        r[hole * ROW + META] = 0;
        size--;
    }

    private static boolean keyEquals(long[] r, int base, long[] key) {
        for (int i = 0; i < W; i++) {
            if (r[base + KEY + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        long[] old = rows;
        int oldCap = mask + 1;
        if ((long) oldCap * 2 * ROW > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than " + size + " flows open at once: beyond what one flow table holds");
        }
        allocate(oldCap * 2);
        long[] r = rows;
        for (int s = 0; s < oldCap; s++) {
            int from = s * ROW;
            if (old[from] >= 0) {
                continue;
            }
            int slot = FlowKeys.hash(old, from + KEY) & mask;
            while (r[slot * ROW] < 0) {
                slot = (slot + 1) & mask;
            }
            System.arraycopy(old, from, r, slot * ROW, ROW);
        }
    }

    /**
     * Fills a freshly inserted slot from the record that brought the flow in: identity columns, then
     * the same as {@link #update}. {@code timeMicros} may be {@link #NO_TIME}.
     */
    public void open(int slot, ConntrackRecord r, long timeMicros, int how) {
        long[] rw = rows;
        int b = slot * ROW;
        rw[b + META] = USED | ((long) (how & 0xff) << ORIGIN_SHIFT) | ((long) (r.family & 0xff) << FAMILY_SHIFT);
        Tuple o = r.orig;
        rw[b + ORIG_SRC] = o.srcHi;
        rw[b + ORIG_SRC + 1] = o.srcLo;
        rw[b + ORIG_DST] = o.dstHi;
        rw[b + ORIG_DST + 1] = o.dstLo;
        long ports = o.hasPorts() ? (o.sport + 1L) | ((o.dport + 1L) << 17) : 0;
        Tuple rp = r.reply;
        if (r.has(Field.REPLY)) {
            rw[b + REPLY_DST] = rp.dstHi;
            rw[b + REPLY_DST + 1] = rp.dstLo;
            if (rp.hasPorts()) {
                ports |= (rp.dport + 1L) << 34;
            }
        } else {
            rw[b + REPLY_DST] = o.srcHi;
            rw[b + REPLY_DST + 1] = o.srcLo;
        }
        rw[b + PORTS] = ports;
        rw[b + FIRST] = timeMicros;
        rw[b + STATE_SINCE] = timeMicros;
        update(slot, r, timeMicros);
    }

    /** Records what {@code r} says about the flow in {@code slot}: protocol, latest state and flags, times. */
    public void update(int slot, ConntrackRecord r, long timeMicros) {
        long[] rw = rows;
        int b = slot * ROW;
        long meta = (rw[b + META] & ~(0xffL << PROTOCOL_SHIFT)) | ((long) (r.protocol & 0xff) << PROTOCOL_SHIFT);
        if (r.has(Field.STATE)) {
            if ((meta & HAS_STATE) != 0 && (meta & STATE_MASK) != r.state) {
                rw[b + STATE_SINCE] = timeMicros;
            }
            meta = (meta & ~STATE_MASK) | HAS_STATE | (r.state & STATE_MASK);
        }
        rw[b + META] = meta;
        long timeoutPart = r.has(Field.TIMEOUT) ? (r.timeout + 1) << 32 : rw[b + FLAGS_TIMEOUT] & 0xffffffff00000000L;
        rw[b + FLAGS_TIMEOUT] = timeoutPart | (r.flags & 0xffffffffL);
        rw[b + LAST] = timeMicros;
    }

    private long meta(int slot) {
        return rows[slot * ROW + META];
    }

    public int protocol(int slot) {
        return (int) (meta(slot) >>> PROTOCOL_SHIFT) & 0xff;
    }

    /** {@code Addresses.AF_INET} or {@code AF_INET6}. */
    public int family(int slot) {
        return (int) (meta(slot) >>> FAMILY_SHIFT) & 0xff;
    }

    /** {@link FlowOrigin} code: how the flow entered the table. */
    public int origin(int slot) {
        return (int) (meta(slot) >>> ORIGIN_SHIFT) & 0xff;
    }

    public boolean hasState(int slot) {
        return (meta(slot) & HAS_STATE) != 0;
    }

    public int state(int slot) {
        return (int) (meta(slot) & STATE_MASK);
    }

    public int flags(int slot) {
        return (int) rows[slot * ROW + FLAGS_TIMEOUT];
    }

    public long firstSeenMicros(int slot) {
        return rows[slot * ROW + FIRST];
    }

    public long lastSeenMicros(int slot) {
        return rows[slot * ROW + LAST];
    }

    /** When the flow's current state was first seen ({@link #NO_TIME} when unknown). */
    public long stateSinceMicros(int slot) {
        return rows[slot * ROW + STATE_SINCE];
    }

    /** The last timeout printed for the flow (s), -1 when none was. */
    public long timeout(int slot) {
        return (rows[slot * ROW + FLAGS_TIMEOUT] >>> 32) - 1;
    }

    public long origSrcHi(int slot) {
        return rows[slot * ROW + ORIG_SRC];
    }

    public long origSrcLo(int slot) {
        return rows[slot * ROW + ORIG_SRC + 1];
    }

    public long origDstHi(int slot) {
        return rows[slot * ROW + ORIG_DST];
    }

    public long origDstLo(int slot) {
        return rows[slot * ROW + ORIG_DST + 1];
    }

    /** Reply-direction destination: the translated source address under SNAT, else the original source. */
    public long replyDstHi(int slot) {
        return rows[slot * ROW + REPLY_DST];
    }

    public long replyDstLo(int slot) {
        return rows[slot * ROW + REPLY_DST + 1];
    }

    /** Original source port, -1 when the protocol has none. */
    public int origSport(int slot) {
        return (int) (rows[slot * ROW + PORTS] & 0x1ffff) - 1;
    }

    /** Original destination port, -1 when the protocol has none. */
    public int origDport(int slot) {
        return (int) ((rows[slot * ROW + PORTS] >>> 17) & 0x1ffff) - 1;
    }

    /** Reply-direction destination port (the translated source port under SNAT), -1 when none. */
    public int replyDport(int slot) {
        return (int) ((rows[slot * ROW + PORTS] >>> 34) & 0x1ffff) - 1;
    }

    /** Whether the flow is source-NATed: the reply goes to another address than the original source. */
    public boolean isSourceNat(int slot) {
        int b = slot * ROW;
        return rows[b + REPLY_DST] != rows[b + ORIG_SRC] || rows[b + REPLY_DST + 1] != rows[b + ORIG_SRC + 1];
    }
}
