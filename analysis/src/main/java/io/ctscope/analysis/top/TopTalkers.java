package io.ctscope.analysis.top;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowOrigin;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.RecordKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who fills the table: the top talkers by flows in five dimensions ({@link TalkerDimension}), in
 * bounded memory, with error bounds once the counts are sketched ({@link TalkerCounter}).
 *
 * <p>Per key: {@code flows} — flows that entered the table (NEW, first UPDATE or dump entry), plus
 * flows seen only at their DESTROY; {@code bytes} and {@code packets} — orig + reply counters of the
 * record that ends a flow (its DESTROY, seen or not) or of a dump entry, present only when some record
 * had counters (a flow that came from a dump counts its dump counters, not its later DESTROY's, so it
 * is not counted twice); {@code unreplied} — flows that ended with [UNREPLIED] (for a flow whose
 * DESTROY was lost, its last known flags) plus flows open and unreplied at the end; {@code peak_entries}
 * — the key's flows in the table when the table was fullest ({@link LiveCounts}, {@link PeakClock}):
 * the maximum in input order, with flows that existed before the capture counted from their first
 * event. Once a dimension is sketched, {@code flows} is the sketch's estimate (its upper bound) and
 * {@code bytes}, {@code packets} and the closed part of {@code unreplied} are their sketches'
 * estimates; {@code peak_entries} and the open part of {@code unreplied} stay exact.
 *
 * <p>Contributes section {@code top}: {@code n}, {@code group_v4}, {@code group_v6}, the lists
 * {@code src}, {@code dst}, {@code dport}, {@code pair}, {@code nat} (entries {@code key, flows,
 * flows_low, flows_high, bytes, packets, unreplied, peak_entries}, most flows first, then by key), and
 * per dimension {@code exact.*} (still counted exactly), {@code distinct.*} (distinct keys while
 * exact, null once sketched) and {@code max_error.*} (how far a sketched flows count may be off; 0
 * while exact).
 */
public final class TopTalkers implements FlowAnalyzer {
    public static final int DEFAULT_EXACT_LIMIT = 65_536;
    /**
     * 2^14 counters per sketch: about 290 KiB each, worst-case error 3.5 / 16,384 of the flows seen
     * (2,100 in ten million), and on skewed traffic far less, so a top-10 of heavy hitters is exact.
     */
    public static final int DEFAULT_MAX_MAP_SIZE = 1 << 14;

    private static final TalkerDimension[] DIMENSIONS = TalkerDimension.values();

    private final ReportOptions options;
    private final AddressGrouping grouping;
    private final TalkerCounter[] counters = new TalkerCounter[DIMENSIONS.length];
    private final LiveCounts[] live = new LiveCounts[DIMENSIONS.length];
    private final long[][] keys = new long[DIMENSIONS.length][];
    private final PeakClock peaks = new PeakClock();
    private boolean sawCounters;

    public TopTalkers(ReportOptions options) {
        this(options, DEFAULT_EXACT_LIMIT, DEFAULT_MAX_MAP_SIZE);
    }

    /** {@code maxMapSize}: counters per sketch, a power of two. */
    public TopTalkers(ReportOptions options, int exactLimit, int maxMapSize) {
        this.options = options;
        this.grouping = new AddressGrouping(options.groupV4, options.groupV6);
        for (TalkerDimension d : DIMENSIONS) {
            counters[d.ordinal()] = new TalkerCounter(d.width, d.codec(grouping), exactLimit, maxMapSize);
            live[d.ordinal()] = new LiveCounts(d.width);
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
        long peak = peaks.peak();
        for (int d = 0; d < DIMENSIONS.length; d++) {
            long[] key = keys[d];
            if (DIMENSIONS[d].keyOf(table, slot, grouping, key)) {
                counters[d].add(key, again ? 0 : 1, bytes, packets, 0);
                live[d].open(key, peak);
            }
        }
        // after the counts moved: keys counted at this open already hold the peak's value
        peaks.onSize(table.size());
    }

    @Override
    public void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
        boolean counted = observed && table.origin(slot) != FlowOrigin.DUMP && hasCounters(r);
        long bytes = counted ? bytes(r) : 0;
        long packets = counted ? packets(r) : 0;
        int flags = observed ? r.flags : table.flags(slot);
        long unreplied = (flags & Flags.UNREPLIED) != 0 ? 1 : 0;
        long peak = peaks.peak();
        for (int d = 0; d < DIMENSIONS.length; d++) {
            long[] key = keys[d];
            if (DIMENSIONS[d].keyOf(table, slot, grouping, key)) {
                counters[d].add(key, 0, bytes, packets, unreplied);
                live[d].close(key, peak);
            }
        }
    }

    /** A dump entry leaves the table when the next dump begins: it no longer counts as live (it may come back). */
    @Override
    public void onVanish(FlowTable table, int slot) {
        long peak = peaks.peak();
        for (int d = 0; d < DIMENSIONS.length; d++) {
            long[] key = keys[d];
            if (DIMENSIONS[d].keyOf(table, slot, grouping, key)) {
                live[d].close(key, peak);
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
        KeyMap[] openUnreplied = openUnrepliedByKey(table);
        Map<String, Object> top = report.section("top");
        top.put("n", options.top);
        top.put("group_v4", grouping.v4Bits);
        top.put("group_v6", grouping.v6Bits);
        for (TalkerDimension d : DIMENSIONS) {
            top.put(d.jsonName, entries(d, openUnreplied[d.ordinal()]));
        }
        Map<String, Object> exact = new LinkedHashMap<>();
        Map<String, Object> distinct = new LinkedHashMap<>();
        Map<String, Object> maxError = new LinkedHashMap<>();
        for (TalkerDimension d : DIMENSIONS) {
            TalkerCounter c = counters[d.ordinal()];
            exact.put(d.jsonName, c.isExact());
            distinct.put(d.jsonName, c.isExact() ? c.distinct() : null);
            maxError.put(d.jsonName, c.maxError());
        }
        top.put("exact", exact);
        top.put("distinct", distinct);
        top.put("max_error", maxError);
    }

    /** Flows still open with [UNREPLIED] at the end, per key of each dimension: they never got their reply either. */
    private KeyMap[] openUnrepliedByKey(FlowTable table) {
        KeyMap[] maps = new KeyMap[DIMENSIONS.length];
        for (TalkerDimension d : DIMENSIONS) {
            maps[d.ordinal()] = new KeyMap(d.width, 1);
        }
        for (int slot = 0; slot < table.capacity(); slot++) {
            if (!table.isUsed(slot) || (table.flags(slot) & Flags.UNREPLIED) == 0) {
                continue;
            }
            for (TalkerDimension d : DIMENSIONS) {
                long[] key = keys[d.ordinal()];
                if (d.keyOf(table, slot, grouping, key)) {
                    KeyMap m = maps[d.ordinal()];
                    m.addValue(m.findOrInsert(key), 0, 1);
                }
            }
        }
        return maps;
    }

    private List<Object> entries(TalkerDimension d, KeyMap openUnreplied) {
        List<TalkerRow> rows = counters[d.ordinal()].candidates();
        rows.sort(TalkerRow.BY_FLOWS_THEN_KEY);
        List<Object> list = new ArrayList<>();
        long peak = peaks.peak();
        for (int i = 0; i < rows.size() && i < options.top; i++) {
            TalkerRow row = rows.get(i);
            int open = openUnreplied.find(row.key);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", d.text(row.key, grouping));
            e.put("flows", row.flows);
            e.put("flows_low", row.flowsLow);
            e.put("flows_high", row.flowsHigh);
            if (sawCounters) {
                e.put("bytes", row.bytes);
                e.put("packets", row.packets);
            }
            e.put("unreplied", row.unreplied + (open < 0 ? 0 : openUnreplied.value(open, 0)));
            e.put("peak_entries", live[d.ordinal()].atPeak(row.key, peak));
            list.add(e);
        }
        return list;
    }

    /** The largest size the rebuilt table reached, in input order. */
    long peakTableSize() {
        return peaks.maxSize();
    }

    TalkerCounter counter(TalkerDimension d) {
        return counters[d.ordinal()];
    }

    LiveCounts liveCounts(TalkerDimension d) {
        return live[d.ordinal()];
    }
}
