package io.ctscope.analysis.count;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.RecordKind;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts events by type, and by type × protocol × state: {@code events.NEW}, {@code events.UPDATE},
 * {@code events.DESTROY}, {@code events.by_protocol.NEW.tcp}, {@code events.by_state.UPDATE.tcp/ESTABLISHED}.
 * Dump entries are not events and appear only in the type × protocol × state maps, under {@code ENTRY}.
 */
public final class EventCounter implements Analyzer {
    private final ProtocolStateCounts[] byKind = new ProtocolStateCounts[RecordKind.values().length];

    public EventCounter() {
        for (int i = 0; i < byKind.length; i++) {
            byKind[i] = new ProtocolStateCounts();
        }
    }

    @Override
    public void accept(ConntrackRecord r) {
        byKind[r.kind.ordinal()].add(r.protocol, r.has(Field.STATE), r.state);
    }

    /** Adds {@code other}'s counts: the counts of both record streams together (disjoint records). */
    public void merge(EventCounter other) {
        for (int i = 0; i < byKind.length; i++) {
            byKind[i].merge(other.byKind[i]);
        }
    }

    public long count(RecordKind kind) {
        return byKind[kind.ordinal()].total();
    }

    @Override
    public void contribute(Report report) {
        Map<String, Object> events = report.section("events");
        events.put("NEW", count(RecordKind.NEW));
        events.put("UPDATE", count(RecordKind.UPDATE));
        events.put("DESTROY", count(RecordKind.DESTROY));
        Map<String, Object> byProtocol = new LinkedHashMap<>();
        Map<String, Object> byState = new LinkedHashMap<>();
        for (RecordKind kind : RecordKind.values()) {
            ProtocolStateCounts c = byKind[kind.ordinal()];
            if (c.total() > 0) {
                byProtocol.put(kind.name(), c.byProtocol());
                byState.put(kind.name(), c.byState());
            }
        }
        events.put("by_protocol", byProtocol);
        events.put("by_state", byState);
    }
}
