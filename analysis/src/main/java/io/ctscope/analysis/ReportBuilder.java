package io.ctscope.analysis;

import io.ctscope.analysis.count.EventCounter;
import io.ctscope.analysis.duration.DurationAnalyzer;
import io.ctscope.analysis.filter.NeverRepliedFlows;
import io.ctscope.analysis.filter.RecordFilter;
import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.nat.NatPortPressure;
import io.ctscope.analysis.occupancy.OccupancyAnalyzer;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.table.TableAnalyzer;
import io.ctscope.analysis.top.TopTalkers;
import io.ctscope.ingest.record.ConntrackRecord;

import java.util.List;
import java.util.Map;

/**
 * Feeds every record that passes the filter to every analyzer, then assembles the report: input
 * first, then the filter, then each analyzer's sections.
 */
public final class ReportBuilder implements Analyzer {
    private final Analyzer[] analyzers;
    private final RecordFilter filter;
    private final RecordFilter stateFilter;
    private final FlowTracker tracker;
    private NeverRepliedFlows neverReplied;
    private long matched;
    private long excluded;

    public ReportBuilder(List<Analyzer> analyzers, RecordFilter filter) {
        this(analyzers, filter, RecordFilter.ALL, null);
    }

    /**
     * With a state filter other than {@link RecordFilter#ALL}, a record that does not match it is still
     * analysed when its flow is already open in {@code tracker}: the filter picks flows, and a flow once
     * picked is followed to its end.
     */
    public ReportBuilder(List<Analyzer> analyzers, RecordFilter filter, RecordFilter stateFilter, FlowTracker tracker) {
        this.analyzers = analyzers.toArray(new Analyzer[0]);
        this.filter = filter;
        this.stateFilter = stateFilter;
        this.tracker = tracker;
    }

    /** The standard set of analyzers of {@code ctscope report} with default options. */
    public static ReportBuilder standard() {
        return standard(new ReportOptions());
    }

    /** The standard set of analyzers of {@code ctscope report}. */
    public static ReportBuilder standard(ReportOptions options) {
        List<FlowAnalyzer> flowAnalyzers = List.of(new TableAnalyzer(options.inputs), new OccupancyAnalyzer(options),
            new TopTalkers(options), new NatPortPressure(options), new DurationAnalyzer());
        FlowTracker tracker = new FlowTracker(flowAnalyzers);
        if (options.stateFilter != RecordFilter.ALL) {
            tracker.openUnseenUpdatesAsNew();
        }
        List<Analyzer> analyzers = List.of(new EventCounter(), tracker);
        if (!options.neverReplied) {
            return new ReportBuilder(analyzers, options.filter, options.stateFilter, tracker);
        }
        NeverRepliedFlows selector = new NeverRepliedFlows(new ReportBuilder(analyzers, RecordFilter.ALL));
        ReportBuilder builder = new ReportBuilder(List.of(selector), options.filter, options.stateFilter, tracker);
        builder.neverReplied = selector;
        return builder;
    }

    /** The flow tracker behind the table analyzers (null for a builder made without one). */
    public FlowTracker tracker() {
        return tracker;
    }

    @Override
    public void accept(ConntrackRecord r) {
        if (tracker != null) {
            tracker.noteInput(r); // a dump that the filter empties is still the latest snapshot
        }
        if (!filter.test(r) || (stateFilter != RecordFilter.ALL && !stateFilter.test(r) && !tracker.isOpen(r))) {
            excluded++;
            return;
        }
        matched++;
        for (Analyzer a : analyzers) {
            a.accept(r);
        }
    }

    @Override
    public void contribute(Report report) {
        // held flows are settled when the selector contributes, so the counts come after
        Map<String, Object> section = null;
        if (filter != RecordFilter.ALL || stateFilter != RecordFilter.ALL || neverReplied != null) {
            section = report.section("filter");
        }
        for (Analyzer a : analyzers) {
            a.contribute(report);
        }
        if (section != null) {
            long dropped = neverReplied == null ? 0 : neverReplied.dropped();
            String status = neverReplied == null ? "" : " --status UNREPLIED";
            section.put("expression", (filter.describe() + " " + stateFilter.describe() + status).trim().replaceAll(" +", " "));
            section.put("matched", matched - dropped);
            section.put("excluded", excluded + dropped);
        }
    }

    public Report build(InputSummary input) {
        Report report = new Report();
        input.contribute(report);
        contribute(report);
        return report;
    }
}
