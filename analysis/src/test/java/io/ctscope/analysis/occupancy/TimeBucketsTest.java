package io.ctscope.analysis.occupancy;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeBucketsTest {
    private static final long S = 1_000_000L;

    @Test
    void shouldGrowDownwardsForOlderTimes() {
        TimeBuckets b = new TimeBuckets(S, 1, 1 << 20);
        b.add(10_000 * S, 0, 5);
        b.add(10 * S + 1, 0, 2);
        b.add(9_999 * S + 999_999, 0, 1);
        b.add(20_000 * S, 0, -3);
        assertEquals(5, b.get(10_000, 0));
        assertEquals(2, b.get(10, 0));
        assertEquals(1, b.get(9_999, 0));
        assertEquals(-3, b.get(20_000, 0));
        assertEquals(0, b.get(11, 0));
        assertEquals(0, b.get(9, 0));
        assertEquals(S, b.widthMicros());
    }

    /** Pages of PAGE_ROWS intervals that {@code times} touch at width {@code w}. */
    private static long pagesAt(long[] times, long w) {
        return java.util.Arrays.stream(times).map(t -> Math.floorDiv(Math.floorDiv(t, w), TimeBuckets.PAGE_ROWS)).distinct().count();
    }

    @Test
    void shouldSumAdjacentIntervalsWhenThePagesRunOut() {
        Random rnd = new Random(1);
        int cap = 4 * TimeBuckets.PAGE_ROWS;
        long[] times = new long[2000];
        long[] values = new long[times.length];
        TimeBuckets b = new TimeBuckets(S, 2, cap);
        for (int i = 0; i < times.length; i++) {
            // Alternate far ahead and far behind so both directions grow and coarsen.
            times[i] = (i % 2 == 0 ? 1 : -1) * (long) (rnd.nextDouble() * 10_000 * S) + 50_000 * S;
            values[i] = rnd.nextInt(7) - 3;
            b.add(times[i], i % 2, values[i]);
        }
        long w = b.widthMicros();
        assertTrue(b.pages() <= 4 && pagesAt(times, w) == b.pages(), b.pages() + " pages");
        assertTrue(w / S > 1 && Long.bitCount(w / S) == 1, "width is 1 s doubled: " + w);
        assertTrue(pagesAt(times, w / 2) > 4, "the width is the smallest that fits");
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long t : times) {
            first = Math.min(first, Math.floorDiv(t, w));
            last = Math.max(last, Math.floorDiv(t, w));
        }
        for (long k = first - 1; k <= last + 1; k++) {
            long[] expected = new long[2];
            for (int i = 0; i < times.length; i++) {
                if (Math.floorDiv(times[i], w) == k) {
                    expected[i % 2] += values[i];
                }
            }
            assertEquals(expected[0], b.get(k, 0), "interval " + k);
            assertEquals(expected[1], b.get(k, 1), "interval " + k);
        }
    }

    @Test
    void shouldPayOnePageForATimestampMillenniaAway() {
        TimeBuckets b = new TimeBuckets(S, 1, TimeBuckets.DEFAULT_MAX_INTERVALS);
        for (int i = 0; i < 1000; i++) {
            b.touch(1_763_705_856L * S + i * S); // 256 * 6,889,476: page-aligned
        }
        b.touch(999_999_999_999L * S + 999_999);
        assertEquals(S, b.widthMicros(), "no coarsening for the gap");
        assertEquals(5, b.pages(), "four pages for 1,000 seconds, one for the stray time");
        assertTrue(b.allocatedCells() <= 5L * TimeBuckets.PAGE_ROWS);
        assertEquals(1, b.pageTouches(4));
        assertEquals(999_999_999_999L * S + 999_999, b.pageFirstMicros(4));
    }

    @Test
    void shouldSumBeforeAndForgetOutsideARange() {
        TimeBuckets b = new TimeBuckets(S, 1, 1 << 20);
        b.add(5 * S, 0, 2);
        b.add(100_000 * S, 0, 3);
        b.add(100_001 * S, 0, 4);
        b.add(900_000 * S, 0, 5);
        assertEquals(2, b.sumBefore(100_000, 0));
        assertEquals(5, b.sumBefore(100_001, 0));
        b.retain(100_000, 100_000);
        assertEquals(0, b.get(5, 0));
        assertEquals(3, b.get(100_000, 0));
        assertEquals(0, b.get(100_001, 0));
        assertEquals(0, b.get(900_000, 0));
        assertEquals(1, b.pages());
    }

    @Test
    void shouldCoarsenOnRequestOnlyByPowersOfTwo() {
        TimeBuckets b = new TimeBuckets(S, 1, 100);
        b.add(3 * S, 0, 1);
        b.add(4 * S, 0, 1);
        b.add(6 * S, 0, 1);
        b.coarsenTo(4 * S);
        assertEquals(1, b.get(0, 0));
        assertEquals(2, b.get(1, 0));
        assertThrows(IllegalArgumentException.class, () -> b.coarsenTo(12 * S));
        assertThrows(IllegalArgumentException.class, () -> b.coarsenTo(2 * S));
        assertEquals(4 * S, b.widthMicros(), "a refused request changes nothing");
    }
}
