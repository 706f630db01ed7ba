package io.ctscope.analysis.nat;

import io.ctscope.analysis.keys.KeyMap;

/**
 * The best {@code limit} peaks of keys no longer live, so that memory stays bounded however many
 * short-lived keys the input holds. A key that goes live again takes its peak back ({@link #takeBack}),
 * so each key is either live or retired, never both, and no key fills two places.
 *
 * <p>Why a report's top N (N ≤ limit) is still exact: a key is dropped only when the list is full of
 * {@code limit} other keys whose peaks are at least its own. Peaks never fall, and a key leaves the list
 * only by coming back live (keeping its peak) or by being dropped in turn, which again needs
 * {@code limit} keys at least as high. So every dropped key stays outranked by {@code limit} others.
 */
final class RetiredPeaks {
    static final int PEAK = 0;
    static final int PEAK_TIME = 1;

    private final int limit;
    private final KeyMap map;
    /** Smallest peak held, valid when {@link #minKnown}; recomputed lazily after the list changes. */
    private long minPeak;
    private boolean minKnown;

    RetiredPeaks(int keyWidth, int limit) {
        this.limit = Math.max(1, limit);
        this.map = new KeyMap(keyWidth, 2, this.limit * 2);
    }

    /** Keeps {@code key}'s peak if it ranks among the best {@code limit}; {@code key} must not be held already. */
    void offer(long[] key, long peak, long peakTime) {
        if (map.size() >= limit) {
            if (peak <= minPeak()) {
                return;
            }
            map.removeSlot(minSlot());
        }
        int s = map.findOrInsert(key);
        map.setValue(s, PEAK, peak);
        map.setValue(s, PEAK_TIME, peakTime);
        minKnown = false;
    }

    /**
     * If {@code key} is held, copies its peak and peak time into {@code into}'s row {@code slot} at columns
     * {@code peakColumn} and {@code peakColumn + 1}, and forgets it here.
     */
    void takeBack(long[] key, KeyMap into, int slot, int peakColumn) {
        int s = map.find(key);
        if (s < 0) {
            return;
        }
        into.setValue(slot, peakColumn, map.value(s, PEAK));
        into.setValue(slot, peakColumn + 1, map.value(s, PEAK_TIME));
        map.removeSlot(s);
        minKnown = false;
    }

    /** The held keys and their peaks; iterate {@code capacity()/isUsed(slot)}, read {@link #PEAK}, {@link #PEAK_TIME}. */
    KeyMap entries() {
        return map;
    }

    private long minPeak() {
        if (!minKnown) {
            minPeak = map.value(minSlot(), PEAK);
            minKnown = true;
        }
        return minPeak;
    }

    private int minSlot() {
        int best = -1;
        for (int s = 0; s < map.capacity(); s++) {
            if (map.isUsed(s) && (best < 0 || map.value(s, PEAK) < map.value(best, PEAK))) {
                best = s;
            }
        }
        return best;
    }
}
