package io.ctscope.analysis.top;

import io.ctscope.analysis.keys.KeyMap;

/**
 * Per key of one dimension: how many of its flows are in the rebuilt table now, and how many were
 * when the table was at its fullest, without a second pass. {@link PeakClock} numbers the peaks;
 * before a key's count changes for the first time after a peak, the count it had at that peak is kept
 * as its snapshot. A key's share of the latest peak is therefore its snapshot when it changed since,
 * else its live count.
 *
 * <p>A key leaves the map when it has no live flow and no flow at the latest peak (at once when its
 * count drops to zero, or in a sweep when a later peak makes its snapshot stale), so the map holds at
 * most about twice the keys live now or at the peak: bounded by the table, not by the input.
 */
final class LiveCounts {
    private static final int LIVE = 0;
    private static final int SNAPSHOT = 1;
    private static final int SNAPSHOT_PEAK = 2;
    private static final int COLUMNS = 3;
    private static final int MIN_SWEEP = 1024;

    private final KeyMap map;
    private int sweepAt = MIN_SWEEP;

    LiveCounts(int width) {
        this.map = new KeyMap(width, COLUMNS);
    }

    /** A flow of {@code key} entered the table; {@code peak} is the current {@link PeakClock#peak()}. */
    void open(long[] key, long peak) {
        if (map.size() >= sweepAt) {
            sweep(peak);
        }
        int slot = map.findOrInsert(key);
        keepPeakCount(slot, peak);
        map.addValue(slot, LIVE, 1);
    }

    /** A flow of {@code key} left the table. */
    void close(long[] key, long peak) {
        int slot = map.find(key);
        if (slot < 0) {
            return;
        }
        keepPeakCount(slot, peak);
        map.addValue(slot, LIVE, -1);
        if (isIdle(slot, peak)) {
            map.removeSlot(slot);
        }
    }

    /** The key's live flows at the latest peak of the table. */
    long atPeak(long[] key, long peak) {
        int slot = map.find(key);
        if (slot < 0) {
            return 0;
        }
        return map.value(slot, SNAPSHOT_PEAK) == peak ? map.value(slot, SNAPSHOT) : map.value(slot, LIVE);
    }

    /** The key's live flows now. */
    long live(long[] key) {
        int slot = map.find(key);
        return slot < 0 ? 0 : map.value(slot, LIVE);
    }

    int size() {
        return map.size();
    }

    private void keepPeakCount(int slot, long peak) {
        if (map.value(slot, SNAPSHOT_PEAK) != peak) {
            map.setValue(slot, SNAPSHOT, map.value(slot, LIVE));
            map.setValue(slot, SNAPSHOT_PEAK, peak);
        }
    }

    private boolean isIdle(int slot, long peak) {
        return map.value(slot, LIVE) == 0 && (map.value(slot, SNAPSHOT_PEAK) != peak || map.value(slot, SNAPSHOT) == 0);
    }

    /** Drops idle keys; a removal may shift a later entry into the slot, so the slot is looked at again. */
    private void sweep(long peak) {
        int slot = 0;
        while (slot < map.capacity()) {
            if (map.isUsed(slot) && isIdle(slot, peak)) {
                map.removeSlot(slot);
            } else {
                slot++;
            }
        }
        sweepAt = Math.max(MIN_SWEEP, 2 * map.size());
    }
}
