package io.ctscope.analysis.flow;

import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Tuple;

/**
 * The conntrack table as ctscope rebuilds it: a {@link KeyMap} from a packed flow key ({@link FlowKeys})
 * to what is known of the flow, in value columns of one row per slot, so a lookup and everything the
 * analyzers read about the flow share two or three adjacent cache lines (a column per field cost a
 * cache miss per field on a table of 400 k flows). No per-flow objects; grows by doubling.
 * <pre>
 * [META] [FLAGS_TIMEOUT] [FIRST] [LAST] [STATE_SINCE] [orig src hi lo] [orig dst hi lo] [reply dst hi lo] [PORTS]
 * META          = relisted:1 (48) | origin:8 (40) | family:8 (32) | protocol:8 (24) | hasState:1 (16) | state:16 (0)
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

    private static final int META = 0;
    private static final int FLAGS_TIMEOUT = META + 1;
    private static final int FIRST = FLAGS_TIMEOUT + 1;
    private static final int LAST = FIRST + 1;
    private static final int STATE_SINCE = LAST + 1;
    private static final int ORIG_SRC = STATE_SINCE + 1;
    private static final int ORIG_DST = ORIG_SRC + 2;
    private static final int REPLY_DST = ORIG_DST + 2;
    private static final int PORTS = REPLY_DST + 2;
    private static final int COLUMNS = PORTS + 1;
    /** Longs in one flow's row ({@link #copyRow}, {@link #loadRow}). */
    public static final int ROW_WIDTH = COLUMNS;

    private static final long RELISTED = 1L << 48;
    private static final int ORIGIN_SHIFT = 40;
    private static final int FAMILY_SHIFT = 32;
    private static final int PROTOCOL_SHIFT = 24;
    private static final long HAS_STATE = 1L << 16;
    private static final long STATE_MASK = 0xffffL;

    private final KeyMap map;

    public FlowTable() {
        this(1 << 12);
    }

    public FlowTable(int initialCapacity) {
        map = new KeyMap(FlowKeys.WIDTH, COLUMNS, initialCapacity);
    }

    public int size() {
        return map.size();
    }

    public int capacity() {
        return map.capacity();
    }

    public boolean isUsed(int slot) {
        return map.isUsed(slot);
    }

    /** Slot of {@code key}, or -1. */
    public int find(long[] key) {
        return map.find(key);
    }

    /** Slot of {@code key}, inserting an empty flow when absent; {@link #lastInsertWasNew()} tells which. */
    public int findOrInsert(long[] key) {
        int slot = map.findOrInsert(key);
        if (map.lastInsertWasNew()) {
            map.setValue(slot, FIRST, NO_TIME);
            map.setValue(slot, LAST, NO_TIME);
            map.setValue(slot, STATE_SINCE, NO_TIME);
        }
        return slot;
    }

    /** Makes the flow in {@code slot} empty, as freshly inserted: its key stays, for a successor flow of the same key. */
    public void clear(int slot) {
        for (int c = 0; c < COLUMNS; c++) {
            map.setValue(slot, c, 0);
        }
        map.setValue(slot, FIRST, NO_TIME);
        map.setValue(slot, LAST, NO_TIME);
        map.setValue(slot, STATE_SINCE, NO_TIME);
    }

    public boolean lastInsertWasNew() {
        return map.lastInsertWasNew();
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

    /** Removes the flow in {@code slot}; flows after it in its probe chain may move. */
    public void removeSlot(int slot) {
        map.removeSlot(slot);
    }

    private long v(int slot, int column) {
        return map.value(slot, column);
    }

    private void set(int slot, int column, long value) {
        map.setValue(slot, column, value);
    }

    /**
     * Fills a freshly inserted slot from the record that brought the flow in: identity columns, then
     * the same as {@link #update}. {@code timeMicros} may be {@link #NO_TIME}.
     */
    public void open(int slot, ConntrackRecord r, long timeMicros, int how) {
        set(slot, META, ((long) (how & 0xff) << ORIGIN_SHIFT) | ((long) (r.family & 0xff) << FAMILY_SHIFT));
        Tuple o = r.orig;
        set(slot, ORIG_SRC, o.srcHi);
        set(slot, ORIG_SRC + 1, o.srcLo);
        set(slot, ORIG_DST, o.dstHi);
        set(slot, ORIG_DST + 1, o.dstLo);
        long ports = o.hasPorts() ? (o.sport + 1L) | ((o.dport + 1L) << 17) : 0;
        Tuple rp = r.reply;
        if (r.has(Field.REPLY)) {
            set(slot, REPLY_DST, rp.dstHi);
            set(slot, REPLY_DST + 1, rp.dstLo);
            if (rp.hasPorts()) {
                ports |= (rp.dport + 1L) << 34;
            }
        } else {
            set(slot, REPLY_DST, o.srcHi);
            set(slot, REPLY_DST + 1, o.srcLo);
        }
        set(slot, PORTS, ports);
        set(slot, FIRST, timeMicros);
        set(slot, STATE_SINCE, timeMicros);
        update(slot, r, timeMicros);
    }

    /** Records what {@code r} says about the flow in {@code slot}: protocol, latest state and flags, times. */
    public void update(int slot, ConntrackRecord r, long timeMicros) {
        long meta = (v(slot, META) & ~(0xffL << PROTOCOL_SHIFT)) | ((long) (r.protocol & 0xff) << PROTOCOL_SHIFT);
        if (r.has(Field.STATE)) {
            if ((meta & HAS_STATE) != 0 && (meta & STATE_MASK) != r.state) {
                set(slot, STATE_SINCE, timeMicros);
            }
            meta = (meta & ~STATE_MASK) | HAS_STATE | (r.state & STATE_MASK);
        }
        set(slot, META, meta);
        long timeoutPart = r.has(Field.TIMEOUT) ? (r.timeout + 1) << 32 : v(slot, FLAGS_TIMEOUT) & 0xffffffff00000000L;
        set(slot, FLAGS_TIMEOUT, timeoutPart | (r.flags & 0xffffffffL));
        set(slot, LAST, timeMicros);
    }

    public int protocol(int slot) {
        return (int) (v(slot, META) >>> PROTOCOL_SHIFT) & 0xff;
    }

    /** {@code Addresses.AF_INET} or {@code AF_INET6}. */
    public int family(int slot) {
        return (int) (v(slot, META) >>> FAMILY_SHIFT) & 0xff;
    }

    /** {@link FlowOrigin} code: how the flow entered the table. */
    /** A dump entry that the previous dump listed too: the same flow, seen again ({@link FlowTracker}). */
    public boolean isRelisted(int slot) {
        return (v(slot, META) & RELISTED) != 0;
    }

    public void markRelisted(int slot) {
        set(slot, META, v(slot, META) | RELISTED);
    }

    /** Copies the row of the flow in {@code slot} (everything known of it but its key) to {@code out[off, off + ROW_WIDTH)}. */
    public void copyRow(int slot, long[] out, int off) {
        for (int c = 0; c < COLUMNS; c++) {
            out[off + c] = map.value(slot, c);
        }
    }

    /** Makes the flow in {@code slot} what {@link #copyRow} copied from another table's flow. */
    public void loadRow(int slot, long[] in, int off) {
        for (int c = 0; c < COLUMNS; c++) {
            map.setValue(slot, c, in[off + c]);
        }
    }

    /** Copies the packed key ({@link FlowKeys}) of the flow in {@code slot} into {@code out}. */
    public void copyKey(int slot, long[] out) {
        map.copyKey(slot, out);
    }

    public int origin(int slot) {
        return (int) (v(slot, META) >>> ORIGIN_SHIFT) & 0xff;
    }

    public boolean hasState(int slot) {
        return (v(slot, META) & HAS_STATE) != 0;
    }

    public int state(int slot) {
        return (int) (v(slot, META) & STATE_MASK);
    }

    public int flags(int slot) {
        return (int) v(slot, FLAGS_TIMEOUT);
    }

    public long firstSeenMicros(int slot) {
        return v(slot, FIRST);
    }

    public long lastSeenMicros(int slot) {
        return v(slot, LAST);
    }

    /** When the flow's current state was first seen ({@link #NO_TIME} when unknown). */
    public long stateSinceMicros(int slot) {
        return v(slot, STATE_SINCE);
    }

    /** The last timeout printed for the flow (s), -1 when none was. */
    public long timeout(int slot) {
        return (v(slot, FLAGS_TIMEOUT) >>> 32) - 1;
    }

    public long origSrcHi(int slot) {
        return v(slot, ORIG_SRC);
    }

    public long origSrcLo(int slot) {
        return v(slot, ORIG_SRC + 1);
    }

    public long origDstHi(int slot) {
        return v(slot, ORIG_DST);
    }

    public long origDstLo(int slot) {
        return v(slot, ORIG_DST + 1);
    }

    /** Reply-direction destination: the translated source address under SNAT, else the original source. */
    public long replyDstHi(int slot) {
        return v(slot, REPLY_DST);
    }

    public long replyDstLo(int slot) {
        return v(slot, REPLY_DST + 1);
    }

    /** Original source port, -1 when the protocol has none. */
    public int origSport(int slot) {
        return (int) (v(slot, PORTS) & 0x1ffff) - 1;
    }

    /** Original destination port, -1 when the protocol has none. */
    public int origDport(int slot) {
        return (int) ((v(slot, PORTS) >>> 17) & 0x1ffff) - 1;
    }

    /** Reply-direction destination port (the translated source port under SNAT), -1 when none. */
    public int replyDport(int slot) {
        return (int) ((v(slot, PORTS) >>> 34) & 0x1ffff) - 1;
    }

    /** Whether the flow is source-NATed: the reply goes to another address than the original source. */
    public boolean isSourceNat(int slot) {
        return v(slot, REPLY_DST) != v(slot, ORIG_SRC) || v(slot, REPLY_DST + 1) != v(slot, ORIG_SRC + 1);
    }
}
