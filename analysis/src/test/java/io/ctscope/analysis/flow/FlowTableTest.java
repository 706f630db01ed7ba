package io.ctscope.analysis.flow;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowTableTest {
    private static long[] key(long a, long b) {
        return new long[] {a, b, 0, a * 31 + b, 7};
    }

    @Test
    void shouldFindWhatWasInserted() {
        FlowTable t = new FlowTable(16);
        int slot = t.findOrInsert(key(1, 2));
        assertTrue(t.lastInsertWasNew());
        assertEquals(slot, t.find(key(1, 2)));
        assertEquals(slot, t.findOrInsert(key(1, 2)));
        assertFalse(t.lastInsertWasNew());
        assertEquals(1, t.size());
        assertEquals(-1, t.find(key(2, 1)));
    }

    @Test
    void shouldAgreeWithAHashMapUnderRandomInsertsAndRemovesAcrossGrowth() {
        FlowTable t = new FlowTable(16);
        Map<Long, Boolean> reference = new HashMap<>();
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long k = rnd.nextInt(20_000);
            if (rnd.nextInt(3) == 0) {
                boolean removed = t.remove(key(k, k >>> 3));
                assertEquals(reference.remove(k) != null, removed, "remove " + k);
            } else {
                t.findOrInsert(key(k, k >>> 3));
                assertEquals(!reference.containsKey(k), t.lastInsertWasNew(), "insert " + k);
                reference.put(k, Boolean.TRUE);
            }
        }
        assertEquals(reference.size(), t.size());
        for (long k = 0; k < 20_000; k++) {
            assertEquals(reference.containsKey(k), t.find(key(k, k >>> 3)) >= 0, "find " + k);
        }
        int used = 0;
        for (int s = 0; s < t.capacity(); s++) {
            if (t.isUsed(s)) {
                used++;
            }
        }
        assertEquals(t.size(), used);
    }
}
