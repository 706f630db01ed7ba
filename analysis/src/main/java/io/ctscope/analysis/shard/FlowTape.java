package io.ctscope.analysis.shard;

import io.ctscope.analysis.flow.FlowTable;

import java.util.Arrays;

/**
 * What one shard's flows did, block by block, for the listeners that must see every flow in input
 * order ({@link OrderedFlows}): a growable run of longs per ring slot, written by the shard's thread
 * and read, once the shard is past the block, by the ordered one. An entry is a header, {@code
 * recordIndex << 8 | kind} (the record's index within its block, the same for every handler), then,
 * for the kinds that concern a flow in the table, the flow's row ({@link FlowTable#copyRow}).
 *
 * <pre>
 * VANISH [h][row]   a dump entry leaves at the start of the next dump (before the record)
 * MATCH  [h]        the record passed the filters: its onRecord (none without filters)
 * OPEN   [h][row]   CLOSE_OBSERVED [h][row]   CLOSE_LOST [h][row]   CLOSE_UNSEEN [h]
 * </pre>
 * Slots are reused only after the ordered reader is past them (the ring's gating), so the steady
 * state allocates nothing.
 */
final class FlowTape {
    static final int VANISH = 1;
    static final int MATCH = 2;
    static final int OPEN = 3;
    static final int CLOSE_OBSERVED = 4;
    static final int CLOSE_LOST = 5;
    static final int CLOSE_UNSEEN = 6;
    private static final int KIND_BITS = 8;
    private static final int KIND_MASK = (1 << KIND_BITS) - 1;

    private final int mask;
    private final long[][] slots;
    private final int[] lengths;
    private long[] writing;
    private int writeSlot;
    private int writeAt;

    /** {@code slots}: a power of two, the ring's size (1 when the records come one at a time). */
    FlowTape(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two");
        }
        this.mask = slots - 1;
        this.slots = new long[slots][];
        this.lengths = new int[slots];
        for (int i = 0; i < slots; i++) {
            this.slots[i] = new long[1024];
        }
        begin(0);
    }

    /** Starts writing the block of ring {@code sequence}, empty. */
    void begin(long sequence) {
        writeSlot = (int) (sequence & mask);
        writing = slots[writeSlot];
        writeAt = 0;
        lengths[writeSlot] = 0;
    }

    void put(int recordIndex, int kind) {
        ensure(1);
        writing[writeAt++] = ((long) recordIndex << KIND_BITS) | kind;
        lengths[writeSlot] = writeAt;
    }

    void put(int recordIndex, int kind, FlowTable table, int slot) {
        ensure(1 + FlowTable.ROW_WIDTH);
        writing[writeAt++] = ((long) recordIndex << KIND_BITS) | kind;
        table.copyRow(slot, writing, writeAt);
        writeAt += FlowTable.ROW_WIDTH;
        lengths[writeSlot] = writeAt;
    }

    private void ensure(int n) {
        if (writeAt + n > writing.length) {
            writing = Arrays.copyOf(writing, Math.max(writing.length * 2, writeAt + n));
            slots[writeSlot] = writing;
        }
    }

    /** The entries of ring {@code sequence}'s block. */
    long[] entries(long sequence) {
        return slots[(int) (sequence & mask)];
    }

    int length(long sequence) {
        return lengths[(int) (sequence & mask)];
    }

    static int recordIndex(long header) {
        return (int) (header >>> KIND_BITS);
    }

    static int kind(long header) {
        return (int) header & KIND_MASK;
    }

    /** Longs the entry with this header takes, header included. */
    static int size(long header) {
        int k = kind(header);
        return k == MATCH || k == CLOSE_UNSEEN ? 1 : 1 + FlowTable.ROW_WIDTH;
    }
}
