package io.ctscope.analysis.top;

import io.ctscope.analysis.keys.KeyMap;
import org.apache.datasketches.frequencies.LongsSketch;

/**
 * The side dictionary of a sketched dimension: hashed sketch item to the full key it stands for, for
 * keys that do not fit in 64 bits ({@link KeyCodec}). It holds at least every hashed item the flows
 * sketch tracks; when it passes {@code limit} entries it drops those the sketch no longer tracks, so
 * its size stays bounded by a few times the sketch's map size whatever the number of distinct keys.
 */
final class HashedKeys {
    private static final int ITEM = 0;

    private final int width;
    private final int limit;
    private final KeyMap map;
    private final long[] item = new long[1];

    HashedKeys(int width, int limit) {
        this.width = width;
        this.limit = limit;
        this.map = new KeyMap(1, width);
    }

    /**
     * Remembers that {@code hashedItem} stands for {@code key}. A later key with the same 62-bit (or
     * 60-bit) hash as a key held here would share its counts and name: for ten million distinct keys
     * against 65,536 held the chance of any such collision is below one in a million.
     */
    void remember(long hashedItem, long[] key) {
        item[ITEM] = hashedItem;
        int slot = map.findOrInsert(item);
        if (map.lastInsertWasNew()) {
            for (int i = 0; i < width; i++) {
                map.setValue(slot, i, key[i]);
            }
        }
    }

    /** Fills {@code key} with what {@code hashedItem} stands for; false when it is not known. */
    boolean lookup(long hashedItem, long[] key) {
        item[ITEM] = hashedItem;
        int slot = map.find(item);
        if (slot < 0) {
            return false;
        }
        for (int i = 0; i < width; i++) {
            key[i] = map.value(slot, i);
        }
        return true;
    }

    /** Remembers every item {@code other} knows. */
    void putAll(HashedKeys other) {
        long[] key = new long[width];
        KeyMap o = other.map;
        for (int slot = 0; slot < o.capacity(); slot++) {
            if (o.isUsed(slot)) {
                for (int i = 0; i < width; i++) {
                    key[i] = o.value(slot, i);
                }
                remember(o.key(slot, ITEM), key);
            }
        }
    }

    boolean isFull() {
        return map.size() > limit;
    }

    /**
     * Drops the items {@code sketch} no longer tracks. In place: after a removal the slot is looked at
     * again, because backward-shift deletion may have moved a later entry into it.
     */
    void retainTrackedBy(LongsSketch sketch) {
        int slot = 0;
        while (slot < map.capacity()) {
            if (map.isUsed(slot) && sketch.getLowerBound(map.key(slot, ITEM)) == 0) {
                map.removeSlot(slot);
            } else {
                slot++;
            }
        }
    }

    int size() {
        return map.size();
    }

    int capacity() {
        return map.capacity();
    }
}
