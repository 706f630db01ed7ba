package io.ctscope.analysis.shard;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.count.EventCounter;
import io.ctscope.analysis.duration.DurationAnalyzer;
import io.ctscope.analysis.filter.RecordFilter;
import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.table.TableAnalyzer;
import io.ctscope.analysis.top.ExactBudget;
import io.ctscope.analysis.top.TalkerCounts;
import io.ctscope.analysis.top.TopTalkers;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.pipeline.RecordHandler;
import io.ctscope.ingest.record.ConntrackRecord;

import java.util.List;

/**
 * One shard of the analysis: the flows whose key hashes to it ({@link ShardOf}), in a flow table of
 * its own, with the analyzers whose state merges across shards (table, durations, top-talker counts,
 * event counts, filter counts). It sees every record in input order, so every shard sees each dump
 * begin; it analyses only its own, and writes on its {@link FlowTape} what the ordered listeners need.
 * As a {@link RecordHandler} it runs on a pipeline thread of its own.
 */
final class FlowShard implements RecordHandler {
    private final int index;
    private final ShardOf shardOf;
    private final RecordFilter filter;
    private final RecordFilter stateFilter;
    /** Without filters every record is analysed: the ordered stage knows it without a MATCH entry. */
    private final boolean unfiltered;
    final FlowTape tape;
    final ExactBudget budget;
    final EventCounter events = new EventCounter();
    final TableAnalyzer table;
    final TalkerCounts talkers;
    final DurationAnalyzer durations = new DurationAnalyzer();
    final FlowTracker tracker;
    private final TapeWriter writer = new TapeWriter();
    long matched;
    long excluded;
    private int recordIndex;

    FlowShard(int index, int shards, ReportOptions options, ExactBudget budget, int tapeSlots) {
        this.index = index;
        this.shardOf = new ShardOf(shards);
        this.filter = options.filter;
        this.stateFilter = options.stateFilter;
        this.unfiltered = isUnfiltered(options);
        this.tape = new FlowTape(tapeSlots);
        this.budget = budget;
        this.table = new TableAnalyzer(options.inputs);
        this.talkers = TopTalkers.counts(options, budget);
        this.tracker = new FlowTracker(List.of(table, talkers, durations, writer));
        if (stateFilter != RecordFilter.ALL) {
            tracker.openUnseenUpdatesAsNew();
        }
    }

    @Override
    public void onBlock(long sequence) {
        tape.begin(sequence);
        recordIndex = 0;
    }

    @Override
    public void onRecord(ConntrackRecord r, long endOffset) {
        accept(r, recordIndex++);
    }

    /** Record {@code i} of the current block. */
    void accept(ConntrackRecord r, int i) {
        writer.recordIndex = i;
        tracker.noteInput(r); // a dump that the filter empties is still the latest snapshot
        if (shardOf.of(r) != index) {
            return;
        }
        if (!filter.test(r) || (stateFilter != RecordFilter.ALL && !stateFilter.test(r) && !tracker.isOpen(r))) {
            excluded++;
            return;
        }
        matched++;
        if (!unfiltered) {
            tape.put(i, FlowTape.MATCH);
        }
        events.accept(r);
        tracker.accept(r);
    }

    static boolean isUnfiltered(ReportOptions options) {
        return options.filter == RecordFilter.ALL && options.stateFilter == RecordFilter.ALL;
    }

    FlowTable flowTable() {
        return tracker.table();
    }

    /** Takes in {@code other}'s state (another shard of the same input): afterwards this holds both. */
    void merge(FlowShard other, long budgetShare) {
        budget.release(budgetShare);
        events.merge(other.events);
        table.merge(other.table, other.flowTable());
        talkers.merge(other.talkers, other.flowTable());
        durations.merge(other.durations, other.flowTable());
        matched += other.matched;
        excluded += other.excluded;
    }

    /** Writes what the ordered listeners need: the flows' rows as they open, close and vanish. */
    private final class TapeWriter implements FlowAnalyzer {
        int recordIndex;

        @Override
        public void onOpen(ConntrackRecord r, long timeMicros, FlowTable t, int slot) {
            tape.put(recordIndex, FlowTape.OPEN, t, slot);
        }

        @Override
        public void onClose(ConntrackRecord r, long timeMicros, FlowTable t, int slot, boolean observed) {
            tape.put(recordIndex, observed ? FlowTape.CLOSE_OBSERVED : FlowTape.CLOSE_LOST, t, slot);
        }

        @Override
        public void onCloseUnseen(ConntrackRecord r, long timeMicros) {
            tape.put(recordIndex, FlowTape.CLOSE_UNSEEN);
        }

        @Override
        public void onVanish(FlowTable t, int slot) {
            tape.put(recordIndex, FlowTape.VANISH, t, slot);
        }

        @Override
        public void contribute(Report report, FlowTable t) {
            // a channel, not an analyzer: nothing to report
        }
    }
}
