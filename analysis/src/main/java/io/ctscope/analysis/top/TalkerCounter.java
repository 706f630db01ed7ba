package io.ctscope.analysis.top;

import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.analysis.report.FirstN;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.LongsSketch;

import java.util.ArrayList;
import java.util.List;

/**
 * Totals per key of one dimension (flows, bytes, packets, unreplied) in bounded memory: exact in a
 * {@link KeyMap} while its growth fits the {@link ExactBudget} shared by the lists (and there are at
 * most {@code exactLimit} distinct keys, a limit for tests), then in one DataSketches
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
    private final ExactBudget budget;
    private final int maxMapSize;
    private final long[] scratch;

    /** Exact totals; null once switched to sketches. */
    private KeyMap exact;
    /** One sketch per metric, indexed by {@link #FLOWS} ...; null while exact. */
    private LongsSketch[] sketches;
    private HashedKeys hashed;

    TalkerCounter(int width, KeyCodec codec, int exactLimit, ExactBudget budget, int maxMapSize) {
        this.width = width;
        this.codec = codec;
        this.exactLimit = exactLimit;
        this.budget = budget;
        this.maxMapSize = maxMapSize;
        this.scratch = new long[width];
        this.exact = new KeyMap(width, METRICS);
        budget.reserve(exact.allocatedBytes());
    }

    void add(long[] key, long flows, long bytes, long packets, long unreplied) {
        KeyMap m = exact;
        if (m == null) {
            addToSketches(key, flows, bytes, packets, unreplied);
            return;
        }
        int slot = m.growsOnNextInsert() ? slotMakingRoom(m, key) : m.findOrInsert(key);
        if (slot < 0) {
            addToSketches(key, flows, bytes, packets, unreplied);
            return;
        }
        m.addValue(slot, FLOWS, flows);
        m.setValue(slot, BYTES, Counters.add(m.value(slot, BYTES), bytes));
        m.setValue(slot, PACKETS, Counters.add(m.value(slot, PACKETS), packets));
        m.addValue(slot, UNREPLIED, unreplied);
        if (m.size() > exactLimit) {
            switchToSketches();
        }
    }

    /**
     * Adds {@code other}'s totals (the same dimension over other flows): exact counts add key by key,
     * switching to sketches past the limit as {@link #add} does; sketches merge (DataSketches' merge,
     * whose error bound is the sum of both), and so do the side dictionaries of hashed keys.
     */
    void merge(TalkerCounter other) {
        KeyMap m = other.exact;
        if (m != null) {
            long[] key = new long[width];
            for (int slot = 0; slot < m.capacity(); slot++) {
                if (m.isUsed(slot)) {
                    m.copyKey(slot, key);
                    add(key, m.value(slot, FLOWS), m.value(slot, BYTES), m.value(slot, PACKETS), m.value(slot, UNREPLIED));
                }
            }
            return;
        }
        if (exact != null) {
            switchToSketches();
        }
        for (int i = 0; i < METRICS; i++) {
            sketches[i].merge(other.sketches[i]);
        }
        hashed.putAll(other.hashed);
        if (hashed.isFull()) {
            hashed.retainTrackedBy(sketches[FLOWS]);
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

    /**
     * Cold path, before an insert that would double the exact map: a key already counted needs no room;
     * a new one gets it when the budget has it, else the list switches to sketches. Returns the key's
     * slot, or -1 once switched.
     */
    private int slotMakingRoom(KeyMap m, long[] key) {
        int slot = m.find(key);
        if (slot >= 0) {
            return slot;
        }
        if (budget.tryReserve(m.allocatedBytes())) {
            return m.findOrInsert(key);
        }
        switchToSketches();
        return -1;
    }

    private void switchToSketches() {
        KeyMap m = exact;
        exact = null;
        budget.release(m.allocatedBytes());
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
    /**
     * The first {@code n} rows by {@link TalkerRow#BY_FLOWS_THEN_KEY}: while exact, from every key (a key
     * that cannot enter is rejected on its count, or its key on a tie, before a row is built); once sketched,
     * from the frequent items.
     */
    List<TalkerRow> top(int n) {
        FirstN<TalkerRow> first = new FirstN<>(n, TalkerRow.BY_FLOWS_THEN_KEY);
        KeyMap m = exact;
        if (m != null) {
            long[] probe = new long[width];
            for (int slot = 0; slot < m.capacity(); slot++) {
                if (!m.isUsed(slot)) {
                    continue;
                }
                long flows = m.value(slot, FLOWS);
                TalkerRow last = first.lastIfFull();
                if (last != null && flows <= last.flows) {
                    if (flows < last.flows) {
                        continue;
                    }
                    m.copyKey(slot, probe);
                    if (TalkerRow.compareKeys(probe, last.key) >= 0) {
                        continue;
                    }
                }
                long[] key = new long[width];
                m.copyKey(slot, key);
                first.offer(new TalkerRow(key, flows, flows, flows, m.value(slot, BYTES), m.value(slot, PACKETS),
                    m.value(slot, UNREPLIED)));
            }
            return first.sorted();
        }
        for (LongsSketch.Row r : sketches[FLOWS].getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            long item = r.getItem();
            long[] key = new long[width];
            if (!codec.isHashed(item)) {
                codec.decode(item, key);
            } else if (!hashed.lookup(item, key)) {
                throw new IllegalStateException("sketch item without a key: " + Long.toHexString(item));
            }
            first.offer(new TalkerRow(key, r.getEstimate(), r.getLowerBound(), r.getUpperBound(),
                sketches[BYTES].getEstimate(item), sketches[PACKETS].getEstimate(item),
                sketches[UNREPLIED].getEstimate(item)));
        }
        return first.sorted();
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
