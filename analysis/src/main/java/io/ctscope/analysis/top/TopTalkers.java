package io.ctscope.analysis.top;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;

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
    /** No limit on distinct keys by count: exact lists end where their {@link ExactBudget} does. */
    public static final int DEFAULT_EXACT_LIMIT = Integer.MAX_VALUE;
    /**
     * 2^14 counters per sketch: about 290 KiB each, worst-case error 3.5 / 16,384 of the flows seen
     * (2,100 in ten million), and on skewed traffic far less, so a top-10 of heavy hitters is exact.
     */
    public static final int DEFAULT_MAX_MAP_SIZE = 1 << 14;

    private static final TalkerDimension[] DIMENSIONS = TalkerDimension.values();

    private final ReportOptions options;
    private final TalkerCounts counts;
    private final TalkerPeaks peaks;

    public TopTalkers(ReportOptions options) {
        this(options, DEFAULT_EXACT_LIMIT, DEFAULT_MAX_MAP_SIZE);
    }

    /** {@code exactLimit}: most distinct keys per list counted exactly; {@code maxMapSize}: counters per sketch, a power of two. */
    public TopTalkers(ReportOptions options, int exactLimit, int maxMapSize) {
        this(options, new TalkerCounts(grouping(options), exactLimit, new ExactBudget(options.topExactBudgetBytes()),
            maxMapSize), new TalkerPeaks(grouping(options)));
    }

    private TopTalkers(ReportOptions options, TalkerCounts counts, TalkerPeaks peaks) {
        this.options = options;
        this.counts = counts;
        this.peaks = peaks;
    }

    /** The mergeable counts of a shard of the flows, within {@code budget}. */
    public static TalkerCounts counts(ReportOptions options, ExactBudget budget) {
        return new TalkerCounts(grouping(options), DEFAULT_EXACT_LIMIT, budget, DEFAULT_MAX_MAP_SIZE);
    }

    /** The peak part, to follow every flow in input order. */
    public static TalkerPeaks peaks(ReportOptions options) {
        return new TalkerPeaks(grouping(options));
    }

    /**
     * The peak part split in {@code parts} instances over the lists (src, dst, dport, pair, nat), so
     * that each can follow the flows on a thread of its own; {@link #contribute} takes them all.
     */
    public static TalkerPeaks[] peaks(ReportOptions options, int parts) {
        int n = Math.max(1, Math.min(parts, DIMENSIONS.length));
        TalkerPeaks[] out = new TalkerPeaks[n];
        for (int i = 0; i < n; i++) {
            out[i] = new TalkerPeaks(grouping(options), i * DIMENSIONS.length / n, (i + 1) * DIMENSIONS.length / n);
        }
        return out;
    }

    private static AddressGrouping grouping(ReportOptions options) {
        return new AddressGrouping(options.groupV4, options.groupV6);
    }

    @Override
    public void onRecord(ConntrackRecord r, long timeMicros) {
        counts.onRecord(r, timeMicros);
    }

    @Override
    public void onOpen(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
        counts.onOpen(r, timeMicros, table, slot);
        peaks.onOpen(r, timeMicros, table, slot);
    }

    @Override
    public void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
        counts.onClose(r, timeMicros, table, slot, observed);
        peaks.onClose(r, timeMicros, table, slot, observed);
    }

    @Override
    public void onVanish(FlowTable table, int slot) {
        peaks.onVanish(table, slot);
    }

    @Override
    public void onCloseUnseen(ConntrackRecord r, long timeMicros) {
        counts.onCloseUnseen(r, timeMicros);
    }

    @Override
    public void contribute(Report report, FlowTable table) {
        contribute(report, options, counts, table, peaks);
    }

    /**
     * The {@code top} section from the counts (with {@code table}, the counts' table at the end) and
     * the peaks, which between them follow every list.
     */
    public static void contribute(Report report, ReportOptions options, TalkerCounts counts, FlowTable table, TalkerPeaks... peaks) {
        KeyMap[] openUnreplied = counts.openUnrepliedByKey(table);
        AddressGrouping grouping = grouping(options);
        Map<String, Object> top = report.section("top");
        top.put("n", options.top);
        top.put("group_v4", grouping.v4Bits);
        top.put("group_v6", grouping.v6Bits);
        for (TalkerDimension d : DIMENSIONS) {
            top.put(d.jsonName, entries(d, options, grouping, counts, openUnreplied[d.ordinal()], peaks));
        }
        Map<String, Object> exact = new LinkedHashMap<>();
        Map<String, Object> distinct = new LinkedHashMap<>();
        Map<String, Object> maxError = new LinkedHashMap<>();
        for (TalkerDimension d : DIMENSIONS) {
            TalkerCounter c = counts.counter(d);
            exact.put(d.jsonName, c.isExact());
            distinct.put(d.jsonName, c.isExact() ? c.distinct() : null);
            maxError.put(d.jsonName, c.maxError());
        }
        top.put("exact", exact);
        top.put("distinct", distinct);
        top.put("max_error", maxError);
    }

    private static List<Object> entries(TalkerDimension d, ReportOptions options, AddressGrouping grouping,
                                        TalkerCounts counts, KeyMap openUnreplied, TalkerPeaks[] all) {
        TalkerPeaks peaks = null;
        for (TalkerPeaks p : all) {
            if (p.follows(d)) {
                peaks = p;
            }
        }
        List<Object> list = new ArrayList<>();
        for (TalkerRow row : counts.counter(d).top(options.top)) {
            int open = openUnreplied.find(row.key);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", d.text(row.key, grouping));
            e.put("flows", row.flows);
            e.put("flows_low", row.flowsLow);
            e.put("flows_high", row.flowsHigh);
            if (counts.sawCounters()) {
                e.put("bytes", row.bytes);
                e.put("packets", row.packets);
            }
            e.put("unreplied", row.unreplied + (open < 0 ? 0 : openUnreplied.value(open, 0)));
            e.put("peak_entries", peaks.atPeak(d, row.key));
            list.add(e);
        }
        return list;
    }

    /** The largest size the rebuilt table reached, in input order. */
    long peakTableSize() {
        return peaks.peakTableSize();
    }

    TalkerCounter counter(TalkerDimension d) {
        return counts.counter(d);
    }

    LiveCounts liveCounts(TalkerDimension d) {
        return peaks.liveCounts(d);
    }
}
