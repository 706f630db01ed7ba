package io.ctscope.samples;

/**
 * Open-addressing set of non-zero {@code long} keys (linear probing, backward-shift deletion), so
 * membership tests on the hot path neither box nor allocate. Zero is the missing value.
 */
final class LongHashSet {

    private final long[] slots;
    private final int mask;
    private int size;

    /** @param maxSize the most keys ever held at once; the table is kept at most half full. */
    LongHashSet(int maxSize) {
        int capacity = Integer.highestOneBit(Math.max(4, maxSize) * 2 - 1) << 1;
        slots = new long[capacity];
        mask = capacity - 1;
    }

    boolean contains(long key) {
        int i = index(key);
        long k;
        while ((k = slots[i]) != 0) {
            if (k == key) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    /** @return false if the key was already present. */
    boolean add(long key) {
        int i = index(key);
        long k;
        while ((k = slots[i]) != 0) {
            if (k == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        size++;
        return true;
    }

    /** @return false if the key was absent. */
    boolean remove(long key) {
        int i = index(key);
        long k;
        while ((k = slots[i]) != key) {
            if (k == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
        // Shift later members of the probe run back so no lookup stops at the hole too early.
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long moved = slots[j];
            if (moved == 0) {
                break;
            }
            int home = index(moved);
            boolean homeOutsideGap = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (homeOutsideGap) {
                slots[hole] = moved;
                hole = j;
            }
        }
        slots[hole] = 0;
        size--;
        return true;
    }

    int size() {
        return size;
    }

    private int index(long key) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
