package io.ctscope.fleet.summary;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.ReportValues;
import io.ctscope.analysis.timeout.Setting;
import io.ctscope.analysis.whatif.WhatifAnalyzer;
import io.ctscope.analysis.whatif.WhatifOptions;
import io.ctscope.analysis.whatif.WhatifReport;
import io.ctscope.ingest.record.ConntrackRecord;

/**
 * {@code ctscope whatif}'s own pipeline ({@link WhatifReport}: its flow tracker, occupancy and {@link
 * WhatifAnalyzer}) run beside the summaries over the box's journal, record by record, so a box's projection
 * is the one {@code whatif --queue DIR} with the same proposal reports for the journal so far: one projection
 * model, not a second.
 */
final class ProposalProjector {
    private final WhatifReport whatif;
    private final String proposal;

    ProposalProjector(WhatifOptions options) {
        this.whatif = new WhatifReport(new ReportOptions(), options);
        this.proposal = describe(options);
    }

    void accept(ConntrackRecord r) {
        whatif.builder().accept(r);
    }

    /** Projects the journal so far; then {@link #peakWithin} answers for spans of it. */
    BoxProjection project() {
        Report report = whatif.builder().build(new InputSummary());
        BoxProjection p = new BoxProjection();
        p.proposal = proposal;
        if (report.get("projected.peak") == null) {
            return p;
        }
        p.currentPeak = ReportValues.num(report.get("current.peak"));
        p.projectedPeak = ReportValues.num(report.get("projected.peak"));
        p.projectedPeakLow = ReportValues.num(report.get("projected.peak_low"));
        p.projectedPeakHigh = ReportValues.num(report.get("projected.peak_high"));
        p.projectedPeakCounted = ReportValues.num(report.get("projected.peak_counted"));
        Object ts = report.get("projected.peak_ts");
        p.projectedPeakMicros = ts instanceof Number n ? Math.round(n.doubleValue() * 1e6) : Long.MIN_VALUE;
        return p;
    }

    /** The projected peak within {@code [from, to]} µs by the last {@link #project}, -1 when none. */
    long peakWithin(long fromMicros, long toMicros) {
        return whatif.analyzer().projectedPeak(fromMicros, toMicros);
    }

    /** {@code tcp_timeout_established=3600 udp_timeout=10}: what was proposed, in setting order. */
    static String describe(WhatifOptions options) {
        StringBuilder sb = new StringBuilder();
        for (Setting s : Setting.values()) {
            long v = options.proposed[s.ordinal()];
            if (v >= 0) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(s.shortName()).append('=').append(v);
            }
        }
        return sb.toString();
    }
}
