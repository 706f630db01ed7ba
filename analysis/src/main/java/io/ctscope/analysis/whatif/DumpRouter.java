package io.ctscope.analysis.whatif;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.RecordKind;

/**
 * Sends table-dump entries to {@link WhatifAnalyzer#onDumpEntry} and events to the flow tracker. For
 * whatif a dump taken beside a stream is evidence on the stream's flows, not a table the events continue:
 * in the tracker its entries would update the stream's open flows with their seconds left as a timeout
 * and no time, and a stream after a dump would find its flows already open with no start.
 */
final class DumpRouter implements Analyzer {
    private final FlowTracker tracker;
    private final WhatifAnalyzer whatif;

    DumpRouter(FlowTracker tracker, WhatifAnalyzer whatif) {
        this.tracker = tracker;
        this.whatif = whatif;
    }

    @Override
    public void accept(ConntrackRecord r) {
        if (r.kind == RecordKind.ENTRY) {
            whatif.onDumpEntry(r);
        } else {
            tracker.accept(r);
        }
    }

    @Override
    public void contribute(Report report) {
        tracker.contribute(report);
    }
}
