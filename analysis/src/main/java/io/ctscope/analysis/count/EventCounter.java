package io.ctscope.analysis.count;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.RecordKind;

import java.util.Map;

/** Counts events by type: {@code events.NEW}, {@code events.UPDATE}, {@code events.DESTROY}. */
public final class EventCounter implements Analyzer {
    private final long[] byKind = new long[RecordKind.values().length];

    @Override
    public void accept(ConntrackRecord r) {
        byKind[r.kind.ordinal()]++;
    }

    public long count(RecordKind kind) {
        return byKind[kind.ordinal()];
    }

    @Override
    public void contribute(Report report) {
        Map<String, Object> events = report.section("events");
        events.put("NEW", byKind[RecordKind.NEW.ordinal()]);
        events.put("UPDATE", byKind[RecordKind.UPDATE.ordinal()]);
        events.put("DESTROY", byKind[RecordKind.DESTROY.ordinal()]);
    }
}
