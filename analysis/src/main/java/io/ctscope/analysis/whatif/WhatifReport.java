package io.ctscope.analysis.whatif;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.filter.RecordFilter;
import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.occupancy.OccupancyAnalyzer;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.ReportValues;

import java.util.List;
import java.util.Map;

/**
 * The pipeline of {@code ctscope whatif}: the report's flow tracker and filters feeding the report's
 * occupancy (so {@code current.peak} is the report's {@code occupancy.peak}, the same number) and the
 * {@link WhatifAnalyzer}; table dumps go to the analyzer alone ({@link DumpRouter}).
 */
public final class WhatifReport {
    private final ReportBuilder builder;
    private final WhatifAnalyzer whatif;

    public WhatifReport(ReportOptions report, WhatifOptions options) {
        whatif = new WhatifAnalyzer(options);
        List<FlowAnalyzer> flowAnalyzers = List.of(new OccupancyAnalyzer(report), whatif);
        FlowTracker tracker = new FlowTracker(flowAnalyzers);
        if (report.stateFilter != RecordFilter.ALL) {
            tracker.openUnseenUpdatesAsNew();
        }
        builder = new ReportBuilder(List.<Analyzer>of(new DumpRouter(tracker, whatif)), report.filter, report.stateFilter, tracker);
    }

    public ReportBuilder builder() {
        return builder;
    }

    public WhatifAnalyzer analyzer() {
        return whatif;
    }

    /**
     * Moves the report's occupancy series into {@code current.series} and drops the sections whatif does
     * not print (occupancy, rates): {@code current} is the occupancy the what-if starts from.
     */
    public static void tidy(Report report) {
        Map<String, Object> occupancy = ReportValues.mapOrEmpty(report.get("occupancy"));
        if (report.root().containsKey("current")) {
            report.section("current").put("series", occupancy.get("series"));
        }
        report.root().remove("occupancy");
        report.root().remove("rates");
    }
}
