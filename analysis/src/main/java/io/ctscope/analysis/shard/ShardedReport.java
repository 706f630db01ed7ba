package io.ctscope.analysis.shard;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.filter.RecordFilter;
import io.ctscope.analysis.nat.NatPortPressure;
import io.ctscope.analysis.occupancy.OccupancyAnalyzer;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.top.ExactBudget;
import io.ctscope.analysis.top.TalkerPeaks;
import io.ctscope.analysis.top.TopTalkers;
import io.ctscope.ingest.pipeline.RecordHandler;
import io.ctscope.ingest.record.ConntrackRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ctscope report}'s analysis split over {@code n} shards by flow key ({@link FlowShard}), whose
 * states merge at the end, plus one ordered stage for what depends on all flows in input order
 * ({@link OrderedFlows}): the same report as {@link io.ctscope.analysis.ReportBuilder#standard} for
 * any {@code n}, byte for byte while the top lists are exact (a list past its share of the memory
 * budget is sketched, within its stated bounds).
 *
 * <p>Two ways to drive it: on a pipeline, {@link #shardHandlers()} run side by side (one thread each)
 * after the parsers and {@link #orderedHandlers()} after all of them (side by side too), each told the ring sequence of
 * every block ({@link RecordHandler#onBlock}); or one record at a time on one thread ({@link #accept},
 * a journal's replay). Not for {@code --status UNREPLIED} or {@code --strict}, which
 * {@link io.ctscope.analysis.ReportBuilder} handles.
 */
public final class ShardedReport implements Analyzer {
    private final ReportOptions options;
    private final FlowShard[] shards;
    private final long budgetShare;
    private final OccupancyAnalyzer occupancy;
    private final TalkerPeaks[] peaks;
    private final NatPortPressure nat;
    private final OrderedFlows[] ordered;

    /** {@code tapeSlots}: the pipeline's ring size, a power of two (1 for {@link #accept} alone). */
    public ShardedReport(ReportOptions options, int n, int tapeSlots) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one shard");
        }
        if (options.neverReplied) {
            throw new IllegalArgumentException("--status UNREPLIED holds records per flow: not sharded");
        }
        this.options = options;
        this.budgetShare = options.topExactBudgetBytes() / n;
        this.shards = new FlowShard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new FlowShard(i, n, options, new ExactBudget(budgetShare), tapeSlots);
        }
        this.occupancy = new OccupancyAnalyzer(options);
        this.nat = new NatPortPressure(options);
        boolean every = FlowShard.isUnfiltered(options);
        if (tapeSlots == 1) {
            this.peaks = new TalkerPeaks[] {TopTalkers.peaks(options)};
            this.ordered = new OrderedFlows[] {new OrderedFlows(shards, List.of(occupancy, peaks[0], nat), every)};
        } else {
            // three ordered handlers side by side, each following every flow for its own listeners
            this.peaks = TopTalkers.peaks(options, 2);
            this.ordered = new OrderedFlows[] {new OrderedFlows(shards, List.of(occupancy), every),
                new OrderedFlows(shards, List.of(peaks[0]), every), new OrderedFlows(shards, List.of(peaks[1], nat), every)};
        }
    }

    public int shards() {
        return shards.length;
    }

    /** One handler per shard, to run side by side. */
    public List<RecordHandler> shardHandlers() {
        return new ArrayList<>(List.of(shards));
    }

    /** The handlers to run side by side after every shard handler has seen the block (the first is the lightest). */
    public List<RecordHandler> orderedHandlers() {
        return new ArrayList<>(List.of(ordered));
    }

    /** One record, through every shard and then the ordered stage, on the caller's thread. */
    @Override
    public void accept(ConntrackRecord r) {
        for (FlowShard s : shards) {
            s.onBlock(0);
            s.accept(r, 0);
        }
        for (OrderedFlows o : ordered) {
            o.onBlock(0);
            o.accept(r, 0);
        }
    }

    /** Merges the shards into the first (once, at the end) and adds the sections, in the order of the full report. */
    @Override
    public void contribute(Report report) {
        boolean filtered = options.filter != RecordFilter.ALL || options.stateFilter != RecordFilter.ALL;
        Map<String, Object> section = filtered ? report.section("filter") : null;
        FlowShard all = shards[0];
        for (int i = 1; i < shards.length; i++) {
            all.merge(shards[i], budgetShare);
            shards[i] = null;
        }
        all.events.contribute(report);
        all.table.contribute(report, all.flowTable());
        occupancy.contribute(report, ordered[0].rowTable());
        TopTalkers.contribute(report, options, all.talkers, all.flowTable(), peaks);
        nat.contribute(report, ordered[0].rowTable());
        all.durations.contribute(report, all.flowTable());
        if (section != null) {
            section.put("expression", (options.filter.describe() + " " + options.stateFilter.describe()).trim().replaceAll(" +", " "));
            section.put("matched", all.matched);
            section.put("excluded", all.excluded);
        }
    }

    public Report build(InputSummary input) {
        Report report = new Report();
        input.contribute(report);
        contribute(report);
        return report;
    }
}
