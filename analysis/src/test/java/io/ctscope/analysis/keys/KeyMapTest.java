package io.ctscope.analysis.keys;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyMapTest {
    @Test
    void shouldStartNewEntriesAtZeroAndKeepValuesPerKey() {
        KeyMap m = new KeyMap(2, 3);
        int a = m.findOrInsert(new long[] {1, 2});
        assertTrue(m.lastInsertWasNew());
        m.addValue(a, 1, 5);
        int again = m.findOrInsert(new long[] {1, 2});
        assertFalse(m.lastInsertWasNew());
        assertEquals(5, m.value(again, 1));
        assertEquals(0, m.value(again, 0));
        assertEquals(-1, m.find(new long[] {2, 1}));
    }

    @Test
    void shouldAgreeWithAHashMapUnderRandomInsertsRemovesAndGrowth() {
        KeyMap m = new KeyMap(2, 1, 16);
        Map<Long, Long> reference = new HashMap<>();
        SplittableRandom rnd = new SplittableRandom(7);
        long[] key = new long[2];
        for (int i = 0; i < 300_000; i++) {
            long k = rnd.nextInt(30_000);
            key[0] = k;
            key[1] = k * 0x51L;
            if (rnd.nextInt(3) == 0) {
                int slot = m.find(key);
                assertEquals(reference.containsKey(k), slot >= 0, "find " + k);
                if (slot >= 0) {
                    assertEquals(reference.remove(k).longValue(), m.value(slot, 0));
                    m.removeSlot(slot);
                }
            } else {
                int slot = m.findOrInsert(key);
                m.addValue(slot, 0, 1);
                reference.merge(k, 1L, Long::sum);
            }
        }
        assertEquals(reference.size(), m.size());
        for (Map.Entry<Long, Long> e : reference.entrySet()) {
            key[0] = e.getKey();
            key[1] = e.getKey() * 0x51L;
            assertEquals(e.getValue().longValue(), m.value(m.find(key), 0));
        }
    }
}
