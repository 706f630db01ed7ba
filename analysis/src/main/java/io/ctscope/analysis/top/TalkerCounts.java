package io.ctscope.analysis.top;

import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowOrigin;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.RecordKind;

/**
 * The mergeable part of the top talkers: per key of every dimension, flows, bytes, packets and
 * unreplied ({@link TalkerCounter}: exact, then sketched), and at the end the flows still open and
 * unreplied. Each total is a sum over flows, so the counts of disjoint sets of flows (shards of one
 * input by flow key, or other inputs) {@link #merge} into the counts of their union. It adds no
 * section of its own ({@link TopTalkers} does).
 */
public final class TalkerCounts implements FlowAnalyzer {
    private static final TalkerDimension[] DIMENSIONS = TalkerDimension.values();

    private final AddressGrouping grouping;
    private final TalkerCounter[] counters = new TalkerCounter[DIMENSIONS.length];
    private final long[][] keys = new long[DIMENSIONS.length][];
    /** Open unreplied flows per key in the tables merged in; null until a merge. */
    private KeyMap[] mergedOpenUnreplied;
    private boolean sawCounters;

    TalkerCounts(AddressGrouping grouping, int exactLimit, ExactBudget budget, int maxMapSize) {
        this.grouping = grouping;
        for (TalkerDimension d : DIMENSIONS) {
            counters[d.ordinal()] = new TalkerCounter(d.width, d.codec(grouping), exactLimit, budget, maxMapSize);
            keys[d.ordinal()] = new long[d.width];
        }
    }

    @Override
    public void onRecord(ConntrackRecord r, long timeMicros) {
        if (!sawCounters && hasCounters(r)) {
            sawCounters = true;
        }
    }

    @Override
    public void onOpen(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
        // a dump entry the previous dump listed too is a flow already counted: only back in the table
        boolean again = table.isRelisted(slot);
        boolean counted = r.kind == RecordKind.ENTRY && hasCounters(r) && !again;
        long bytes = counted ? bytes(r) : 0;
        long packets = counted ? packets(r) : 0;
        for (int d = 0; d < DIMENSIONS.length; d++) {
            long[] key = keys[d];
            if (DIMENSIONS[d].keyOf(table, slot, grouping, key)) {
                counters[d].add(key, again ? 0 : 1, bytes, packets, 0);
            }
        }
    }

    @Override
    public void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
        boolean counted = observed && table.origin(slot) != FlowOrigin.DUMP && hasCounters(r);
        long bytes = counted ? bytes(r) : 0;
        long packets = counted ? packets(r) : 0;
        int flags = observed ? r.flags : table.flags(slot);
        long unreplied = (flags & Flags.UNREPLIED) != 0 ? 1 : 0;
        for (int d = 0; d < DIMENSIONS.length; d++) {
            long[] key = keys[d];
            if (DIMENSIONS[d].keyOf(table, slot, grouping, key)) {
                counters[d].add(key, 0, bytes, packets, unreplied);
            }
        }
    }

    @Override
    public void onCloseUnseen(ConntrackRecord r, long timeMicros) {
        boolean counted = hasCounters(r);
        long bytes = counted ? bytes(r) : 0;
        long packets = counted ? packets(r) : 0;
        long unreplied = r.hasFlag(Flags.UNREPLIED) ? 1 : 0;
        for (int d = 0; d < DIMENSIONS.length; d++) {
            long[] key = keys[d];
            if (DIMENSIONS[d].keyOf(r, grouping, key)) {
                counters[d].add(key, 1, bytes, packets, unreplied);
            }
        }
    }

    /**
     * Takes in the counts of {@code other} (same grouping, other flows) and of the flows still open in
     * {@code otherTable}, its table at the end.
     */
    public void merge(TalkerCounts other, FlowTable otherTable) {
        sawCounters |= other.sawCounters;
        for (int d = 0; d < DIMENSIONS.length; d++) {
            counters[d].merge(other.counters[d]);
        }
        KeyMap[] theirs = other.openUnrepliedByKey(otherTable);
        if (mergedOpenUnreplied == null) {
            mergedOpenUnreplied = emptyMaps();
        }
        for (int d = 0; d < DIMENSIONS.length; d++) {
            addAll(mergedOpenUnreplied[d], theirs[d], DIMENSIONS[d].width);
        }
    }

    private static void addAll(KeyMap into, KeyMap from, int width) {
        long[] key = new long[width];
        for (int s = 0; s < from.capacity(); s++) {
            if (from.isUsed(s)) {
                from.copyKey(s, key);
                into.addValue(into.findOrInsert(key), 0, from.value(s, 0));
            }
        }
    }

    private static KeyMap[] emptyMaps() {
        KeyMap[] maps = new KeyMap[DIMENSIONS.length];
        for (TalkerDimension d : DIMENSIONS) {
            maps[d.ordinal()] = new KeyMap(d.width, 1);
        }
        return maps;
    }

    /** Flows still open with [UNREPLIED] at the end (in {@code table} and the tables merged in), per key of each dimension. */
    KeyMap[] openUnrepliedByKey(FlowTable table) {
        KeyMap[] maps = emptyMaps();
        long[][] k = new long[DIMENSIONS.length][];
        for (TalkerDimension d : DIMENSIONS) {
            k[d.ordinal()] = new long[d.width];
        }
        for (int slot = 0; slot < table.capacity(); slot++) {
            if (!table.isUsed(slot) || (table.flags(slot) & Flags.UNREPLIED) == 0) {
                continue;
            }
            for (TalkerDimension d : DIMENSIONS) {
                long[] key = k[d.ordinal()];
                if (d.keyOf(table, slot, grouping, key)) {
                    KeyMap m = maps[d.ordinal()];
                    m.addValue(m.findOrInsert(key), 0, 1);
                }
            }
        }
        if (mergedOpenUnreplied != null) {
            for (int d = 0; d < DIMENSIONS.length; d++) {
                addAll(maps[d], mergedOpenUnreplied[d], DIMENSIONS[d].width);
            }
        }
        return maps;
    }

    boolean sawCounters() {
        return sawCounters;
    }

    TalkerCounter counter(TalkerDimension d) {
        return counters[d.ordinal()];
    }

    private static boolean hasCounters(ConntrackRecord r) {
        return r.orig.hasCounters || r.reply.hasCounters;
    }

    private static long bytes(ConntrackRecord r) {
        return Counters.add(r.orig.hasCounters ? r.orig.bytes : 0, r.reply.hasCounters ? r.reply.bytes : 0);
    }

    private static long packets(ConntrackRecord r) {
        return Counters.add(r.orig.hasCounters ? r.orig.packets : 0, r.reply.hasCounters ? r.reply.packets : 0);
    }

    @Override
    public void contribute(Report report, FlowTable table) {
        // TopTalkers writes the section from this and the peaks
    }
}
