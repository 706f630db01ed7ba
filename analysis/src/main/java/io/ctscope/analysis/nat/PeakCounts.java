package io.ctscope.analysis.nat;

import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.keys.KeyMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Live counts per key with the highest count each key reached and when, in bounded memory: a key whose
 * count falls to 0 leaves the live map and its peak goes to a {@link RetiredPeaks} list of the best
 * {@code retiredLimit}. At the end a key's peak is its live entry's or its retired one (never both).
 */
final class PeakCounts {
    private static final int LIVE = 0;
    private static final int PEAK = 1;
    private static final int PEAK_TIME = 2;

    private final int keyWidth;
    private final KeyMap live;
    private final RetiredPeaks retired;

    PeakCounts(int keyWidth, int retiredLimit) {
        this.keyWidth = keyWidth;
        this.live = new KeyMap(keyWidth, 3);
        this.retired = new RetiredPeaks(keyWidth, retiredLimit);
    }

    /** One more for {@code key} at {@code timeMicros} ({@link FlowTable#NO_TIME} when untimed). */
    void increment(long[] key, long timeMicros) {
        int s = live.findOrInsert(key);
        if (live.lastInsertWasNew()) {
            live.setValue(s, PEAK_TIME, FlowTable.NO_TIME);
            retired.takeBack(key, live, s, PEAK);
        }
        long n = live.value(s, LIVE) + 1;
        live.setValue(s, LIVE, n);
        if (n > live.value(s, PEAK)) {
            live.setValue(s, PEAK, n);
            live.setValue(s, PEAK_TIME, timeMicros);
        }
    }

    /** One fewer for {@code key}; a key never incremented is ignored. */
    void decrement(long[] key) {
        int s = live.find(key);
        if (s < 0) {
            return;
        }
        long n = live.value(s, LIVE) - 1;
        if (n > 0) {
            live.setValue(s, LIVE, n);
            return;
        }
        retired.offer(key, live.value(s, PEAK), live.value(s, PEAK_TIME));
        live.removeSlot(s);
    }

    /** Live count of {@code key}, 0 when not live. */
    long live(long[] key) {
        int s = live.find(key);
        return s < 0 ? 0 : live.value(s, LIVE);
    }

    /** Every key still known (live or retired) with its peak; allocates, for the report. */
    List<KeyPeak> peaks() {
        List<KeyPeak> out = new ArrayList<>(live.size() + retired.entries().size());
        for (int s = 0; s < live.capacity(); s++) {
            if (live.isUsed(s)) {
                out.add(new KeyPeak(copyKey(live, s), live.value(s, PEAK), live.value(s, PEAK_TIME)));
            }
        }
        KeyMap r = retired.entries();
        for (int s = 0; s < r.capacity(); s++) {
            if (r.isUsed(s)) {
                out.add(new KeyPeak(copyKey(r, s), r.value(s, RetiredPeaks.PEAK), r.value(s, RetiredPeaks.PEAK_TIME)));
            }
        }
        return out;
    }

    private long[] copyKey(KeyMap map, int slot) {
        long[] k = new long[keyWidth];
        map.copyKey(slot, k);
        return k;
    }

    /** A key, the highest count it reached and the time of that peak (µs, or {@link FlowTable#NO_TIME}). */
    record KeyPeak(long[] key, long peak, long peakTimeMicros) {
    }
}
