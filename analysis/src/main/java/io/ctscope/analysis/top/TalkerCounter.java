package io.ctscope.analysis.top;

import io.ctscope.analysis.keys.KeyMap;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.LongsSketch;

import java.util.ArrayList;
import java.util.List;

/**
 * Totals per key of one dimension (flows, bytes, packets, unreplied) in bounded memory: exact in a
 * {@link KeyMap} while there are at most {@code exactLimit} distinct keys, then in one DataSketches
 * frequent-items sketch per metric ({@link LongsSketch}, seeded with the exact totals at the switch).
 * A sketch's lower bound is the count it holds for a key and its upper bound that plus its maximum
 * error, so every true total lies within them; the error grows with the stream, about
 * {@code 3.5 / maxMapSize} of it at worst, far less on skewed traffic.
 */
final class TalkerCounter {
    static final int FLOWS = 0;
    static final int BYTES = 1;
    static final int PACKETS = 2;
    static final int UNREPLIED = 3;
    private static final int METRICS = 4;
    /** The side dictionary is pruned once it holds this many times the sketch's map size. */
    private static final int DICTIONARY_MAP_SIZES = 4;

    private final int width;
    private final KeyCodec codec;
    private final int exactLimit;
    private final int maxMapSize;
    private final long[] scratch;

    /** Exact totals; null once switched to sketches. */
    private KeyMap exact;
    /** One sketch per metric, indexed by {@link #FLOWS} ...; null while exact. */
    private LongsSketch[] sketches;
    private HashedKeys hashed;

    TalkerCounter(int width, KeyCodec codec, int exactLimit, int maxMapSize) {
        this.width = width;
        this.codec = codec;
        this.exactLimit = exactLimit;
        this.maxMapSize = maxMapSize;
        this.scratch = new long[width];
        this.exact = new KeyMap(width, METRICS);
    }

    void add(long[] key, long flows, long bytes, long packets, long unreplied) {
        KeyMap m = exact;
        if (m == null) {
            addToSketches(key, flows, bytes, packets, unreplied);
            return;
        }
        int slot = m.findOrInsert(key);
        m.addValue(slot, FLOWS, flows);
        m.setValue(slot, BYTES, Counters.add(m.value(slot, BYTES), bytes));
        m.setValue(slot, PACKETS, Counters.add(m.value(slot, PACKETS), packets));
        m.addValue(slot, UNREPLIED, unreplied);
        if (m.size() > exactLimit) {
            switchToSketches();
        }
    }

    private void addToSketches(long[] key, long flows, long bytes, long packets, long unreplied) {
        long item = codec.encode(key);
        // only top-by-flows lists are named, so only the flows sketch's items need their keys kept
        if (flows > 0 && codec.isHashed(item)) {
            hashed.remember(item, key);
        }
        LongsSketch[] s = sketches;
        s[FLOWS].update(item, flows);
        s[BYTES].update(item, bytes);
        s[PACKETS].update(item, packets);
        s[UNREPLIED].update(item, unreplied);
        if (hashed.isFull()) {
            hashed.retainTrackedBy(s[FLOWS]);
        }
    }

    private void switchToSketches() {
        KeyMap m = exact;
        exact = null;
        sketches = new LongsSketch[METRICS];
        for (int i = 0; i < METRICS; i++) {
            sketches[i] = new LongsSketch(maxMapSize);
        }
        hashed = new HashedKeys(width, DICTIONARY_MAP_SIZES * maxMapSize);
        for (int slot = 0; slot < m.capacity(); slot++) {
            if (m.isUsed(slot)) {
                m.copyKey(slot, scratch);
                addToSketches(scratch, m.value(slot, FLOWS), m.value(slot, BYTES), m.value(slot, PACKETS),
                    m.value(slot, UNREPLIED));
            }
        }
    }

    boolean isExact() {
        return exact != null;
    }

    /** Distinct keys counted, -1 once sketched (a sketch does not know). */
    long distinct() {
        return exact != null ? exact.size() : -1;
    }

    /** How far a sketched flows count may be above the truth (and the most an untracked key can have); 0 while exact. */
    long maxError() {
        return sketches == null ? 0 : sketches[FLOWS].getMaximumError();
    }

    /**
     * Every key that can be in the top list, with its totals. While exact: all keys, bounds equal to
     * the count. Sketched: the keys the flows sketch tracks (an untracked key has at most
     * {@link #maxError()} flows, below every tracked one's upper bound), flows = the sketch's estimate
     * (its upper bound), bytes, packets and unreplied = those sketches' estimates (0 when untracked there).
     */
    List<TalkerRow> candidates() {
        List<TalkerRow> rows = new ArrayList<>();
        KeyMap m = exact;
        if (m != null) {
            for (int slot = 0; slot < m.capacity(); slot++) {
                if (m.isUsed(slot)) {
                    long[] key = new long[width];
                    m.copyKey(slot, key);
                    long flows = m.value(slot, FLOWS);
                    rows.add(new TalkerRow(key, flows, flows, flows, m.value(slot, BYTES), m.value(slot, PACKETS),
                        m.value(slot, UNREPLIED)));
                }
            }
            return rows;
        }
        for (LongsSketch.Row r : sketches[FLOWS].getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            long item = r.getItem();
            long[] key = new long[width];
            if (!codec.isHashed(item)) {
                codec.decode(item, key);
            } else if (!hashed.lookup(item, key)) {
                throw new IllegalStateException("sketch item without a key: " + Long.toHexString(item));
            }
            rows.add(new TalkerRow(key, r.getEstimate(), r.getLowerBound(), r.getUpperBound(),
                sketches[BYTES].getEstimate(item), sketches[PACKETS].getEstimate(item),
                sketches[UNREPLIED].getEstimate(item)));
        }
        return rows;
    }

    /** Full keys held for hashed sketch items (0 while exact). */
    int hashedKeys() {
        return hashed == null ? 0 : hashed.size();
    }

    /** Items the flows sketch tracks (0 while exact). */
    int trackedItems() {
        return sketches == null ? 0 : sketches[FLOWS].getNumActiveItems();
    }

    /** Keys in the exact map (0 once sketched). */
    int exactKeys() {
        return exact == null ? 0 : exact.size();
    }

    int dictionaryLimit() {
        return DICTIONARY_MAP_SIZES * maxMapSize;
    }
}
