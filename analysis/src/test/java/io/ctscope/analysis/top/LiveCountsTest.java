package io.ctscope.analysis.top;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveCountsTest {
    private final PeakClock clock = new PeakClock();
    private final LiveCounts live = new LiveCounts(1);
    private long tableSize;

    private void open(long k) {
        live.open(new long[] {k}, clock.peak());
        clock.onSize(++tableSize);
    }

    private void close(long k) {
        live.close(new long[] {k}, clock.peak());
        tableSize--;
    }

    private long atPeak(long k) {
        return live.atPeak(new long[] {k}, clock.peak());
    }

    @Test
    void shouldReportEachKeysShareOfTheLatestPeak() {
        open(1);
        open(1);
        open(2);            // peak 3: key 1 has 2, key 2 has 1
        close(1);
        open(2);            // back to 3, not a new peak
        assertEquals(2, atPeak(1));
        assertEquals(1, atPeak(2));
        open(3);            // peak 4: key 1 has 1, key 2 has 2, key 3 has 1
        close(2);
        close(2);
        assertEquals(4, clock.maxSize());
        assertEquals(1, atPeak(1));
        assertEquals(2, atPeak(2));
        assertEquals(1, atPeak(3));
        assertEquals(0, live.live(new long[] {2}));
    }

    @Test
    void shouldForgetKeysWithNoFlowNowNorAtThePeak() {
        open(1);
        open(2);            // peak 2
        close(2);           // key 2 had a flow at the peak: kept
        assertEquals(2, live.size());
        long grower = 0;
        for (long k = 100; k < 3100; k++) {
            open(k);
            open(grower);   // a new peak, at which k has one flow
            close(k);       // k is kept until the next peak makes its share stale
        }
        assertEquals(0, atPeak(2));
        assertEquals(0, atPeak(3098));
        assertEquals(1, atPeak(3099));
        assertEquals(3000, atPeak(grower));
        assertEquals(3002, clock.maxSize());
        // 3,000 keys came and went; the sweeps keep only those that matter plus at most one sweep's worth
        assertTrue(live.size() <= 1024, "size " + live.size());
    }
}
