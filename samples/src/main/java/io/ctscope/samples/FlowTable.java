package io.ctscope.samples;

/**
 * State of the open flows, one slot per flow in parallel primitive arrays (the simulator's own
 * conntrack table). Slots are recycled through a free stack, so memory is fixed by
 * {@code capacity} whatever the length of the capture.
 */
final class FlowTable {

    /** Marker "port" for icmp tuples: outside the 16-bit port space, so no tcp/udp tuple equals it. */
    static final int ICMP_PORT = 0x1_0000;

    static final byte FLAG_UNREPLIED = 1;
    static final byte FLAG_ASSURED = 2;

    final byte[] kind;
    /** What the flow's pending event is: one of the {@link FlowLifecycle} phase constants. */
    final byte[] phase;
    final byte[] flags;
    /** Inside host's address (the original source). */
    final int[] src;
    final int[] sport;
    final int[] server;
    final int[] dport;
    final int[] natAddr;
    final int[] natPort;
    final int[] id;
    /** Per-kind extra: the number of echoes of a ping. */
    final int[] aux;
    final long[] createdMicros;

    private final int[] freeSlots;
    private int freeCount;

    FlowTable(int capacity) {
        kind = new byte[capacity];
        phase = new byte[capacity];
        flags = new byte[capacity];
        src = new int[capacity];
        sport = new int[capacity];
        server = new int[capacity];
        dport = new int[capacity];
        natAddr = new int[capacity];
        natPort = new int[capacity];
        id = new int[capacity];
        aux = new int[capacity];
        createdMicros = new long[capacity];
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    boolean isFull() {
        return freeCount == 0;
    }

    int allocate() {
        return freeSlots[--freeCount];
    }

    void release(int slot) {
        freeSlots[freeCount++] = slot;
    }

    int open() {
        return freeSlots.length - freeCount;
    }

    boolean has(int slot, byte flag) {
        return (flags[slot] & flag) != 0;
    }
}
