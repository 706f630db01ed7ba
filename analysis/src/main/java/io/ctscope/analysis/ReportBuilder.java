package io.ctscope.analysis;

import io.ctscope.analysis.count.EventCounter;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.table.TableAnalyzer;
import io.ctscope.ingest.record.ConntrackRecord;

import java.util.List;

/** Feeds every record to every analyzer, then assembles the report: input first, then each analyzer's sections. */
public final class ReportBuilder implements Analyzer {
    private final Analyzer[] analyzers;

    public ReportBuilder(List<Analyzer> analyzers) {
        this.analyzers = analyzers.toArray(new Analyzer[0]);
    }

    /** The standard set of analyzers of {@code ctscope report}. */
    public static ReportBuilder standard() {
        return new ReportBuilder(List.of(new EventCounter(), new TableAnalyzer()));
    }

    @Override
    public void accept(ConntrackRecord r) {
        for (Analyzer a : analyzers) {
            a.accept(r);
        }
    }

    @Override
    public void contribute(Report report) {
        for (Analyzer a : analyzers) {
            a.contribute(report);
        }
    }

    public Report build(InputSummary input) {
        Report report = new Report();
        input.contribute(report);
        contribute(report);
        return report;
    }
}
