package io.ctscope.analysis.whatif;

import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.analysis.timeout.TimeoutSettings;

/**
 * Table dumps taken beside an event stream, as idle-time evidence on the stream's flows. An entry printed
 * at time {@code D} with {@code r} whole seconds left of a state timed {@code T} was last refreshed at
 * {@code D - T + r} or later (a capped TCP refresh, under 300 s, only makes that later), and packets
 * that refresh without an event are exactly what the stream cannot show. So a dump raises the earliest
 * possible last packet of every flow it lists.
 *
 * <p>Rows are kept per original tuple (a 64-bit hash of the tuple and zone: dumps print no conntrack id
 * where the stream may), newest first, and matched to a flow by tuple and by falling inside the flow's
 * life, so a tuple reused by later entries matches each entry with its own rows.
 * <pre>
 * AT    µs the dump was taken (its lines' timestamps, else the file's modification time)
 * META  seconds left:32 (32) | setting:32 (0)
 * NEXT  1 + the row before it of the same tuple, 0 for none
 * </pre>
 */
final class DumpEvidence {
    static final long NONE = Long.MIN_VALUE;
    private static final int HEAD = 0;
    private final KeyMap heads = new KeyMap(1, 1);
    private final long[] probe = new long[1];
    private final LongColumn at = new LongColumn();
    private final LongColumn meta = new LongColumn();
    private final LongColumn next = new LongColumn();

    /** An entry of a dump taken at {@code takenMicros}, {@code remaining} s left, timed by {@code setting}. */
    void add(long tupleHash, long takenMicros, long remaining, int setting) {
        probe[0] = tupleHash;
        int slot = heads.findOrInsert(probe);
        long previous = heads.lastInsertWasNew() ? 0 : heads.value(slot, HEAD);
        at.add(takenMicros);
        meta.add((Math.min(remaining, 0xffffffffL) << 32) | (setting & 0xffffffffL));
        next.add(previous);
        heads.setValue(slot, HEAD, at.size());
    }

    int size() {
        return at.size();
    }

    /**
     * The earliest the last packet of a flow of this tuple, alive from {@code fromMicros} to {@code
     * toMicros}, can have come, by the dumps that listed it then: the latest {@code D - T + r}, with T the
     * timeout in force of the state the dump shows, or the flow's own {@code observedTimeout} where longer
     * (a per-rule policy). Rows with more left than that timeout are not read (lowered since, or a per-rule
     * timeout the stream does not show). {@link #NONE} when no dump listed it.
     */
    long lastPacketAtLeast(long tupleHash, long fromMicros, long toMicros, TimeoutSettings inForce, long observedTimeout) {
        probe[0] = tupleHash;
        int slot = heads.find(probe);
        if (slot < 0) {
            return NONE;
        }
        long best = NONE;
        for (long row = heads.value(slot, HEAD); row != 0; row = next.get((int) row - 1)) {
            int i = (int) row - 1;
            long taken = at.get(i);
            if (taken < fromMicros || taken > toMicros) {
                continue;
            }
            long remaining = meta.get(i) >>> 32;
            long timeout = Math.max(inForce.get((int) meta.get(i)), observedTimeout);
            if (remaining <= timeout) {
                best = Math.max(best, taken - (timeout - remaining) * 1_000_000L);
            }
        }
        return best;
    }

    /** A 64-bit hash of a flow key ({@link io.ctscope.analysis.flow.FlowKeys}, tuple-keyed). */
    static long hash(long[] key) {
        long h = 0x9E3779B97F4A7C15L;
        for (long k : key) {
            h = (h ^ k) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }
}
