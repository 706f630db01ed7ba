package io.ctscope.analysis.nat;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PeakCountsTest {
    private final PeakCounts counts = new PeakCounts(1, 2);
    private final long[] key = new long[1];

    private void rise(long k, int n, long time) {
        key[0] = k;
        for (int i = 0; i < n; i++) {
            counts.increment(key, time);
        }
    }

    private void fall(long k, int n) {
        key[0] = k;
        for (int i = 0; i < n; i++) {
            counts.decrement(key);
        }
    }

    private Map<Long, Long> peaks() {
        Map<Long, Long> out = new TreeMap<>();
        for (PeakCounts.KeyPeak p : counts.peaks()) {
            out.put(p.key()[0], p.peak());
        }
        return out;
    }

    @Test
    void shouldKeepOnlyTheBestRetiredPeaksAndGiveAReturningKeyItsPeakBack() {
        rise(1, 5, 10);
        fall(1, 5);
        rise(2, 3, 20);
        fall(2, 3);
        assertEquals(Map.of(1L, 5L, 2L, 3L), peaks());
        rise(3, 4, 30);
        fall(3, 4);
        assertEquals(Map.of(1L, 5L, 3L, 4L), peaks(), "4 beats the lowest retired peak, 3");
        rise(4, 1, 40);
        fall(4, 1);
        assertEquals(Map.of(1L, 5L, 3L, 4L), peaks(), "1 ranks below both retired peaks");

        rise(1, 2, 50);
        assertEquals(2, counts.live(key));
        assertEquals(Map.of(1L, 5L, 3L, 4L), peaks(), "key 1 is live again with its old peak, held once");
        fall(1, 2);
        rise(5, 6, 60);
        fall(5, 6);
        assertEquals(Map.of(1L, 5L, 5L, 6L), peaks());
        for (PeakCounts.KeyPeak p : counts.peaks()) {
            assertEquals(p.key()[0] == 1 ? 10L : 60L, p.peakTimeMicros(), "time of the first reach of the peak");
        }
    }

    @Test
    void shouldRaiseTheTakenBackPeakWhenALiveKeyGoesHigher() {
        rise(7, 2, 1);
        fall(7, 2);
        rise(7, 3, 2);
        assertEquals(Map.of(7L, 3L), peaks());
        assertEquals(2L, counts.peaks().get(0).peakTimeMicros());
    }

    @Test
    void shouldIgnoreDecrementsOfKeysNeverCounted() {
        fall(9, 1);
        assertEquals(Map.of(), peaks());
    }
}
