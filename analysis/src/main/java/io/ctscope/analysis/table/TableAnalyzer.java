package io.ctscope.analysis.table;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the conntrack table from the records: dump entries, NEW and UPDATE put a flow in (or refresh
 * it), DESTROY takes it out. For a dump the result is the dump; for an event stream it is the flows
 * open at the end (seen and not destroyed). Flows first seen as UPDATE or DESTROY existed before the
 * capture began (with {@code nf_conntrack_events=1}) and are counted as such.
 *
 * <p>Contributes {@code table.entries}, {@code table.by_protocol}, {@code table.by_state},
 * {@code table.unreplied}, {@code table.assured}.
 */
public final class TableAnalyzer implements Analyzer {
    private final FlowTable table = new FlowTable();
    private final long[] key = new long[FlowKeys.WIDTH];
    private long firstSeenAsUpdate;
    private long destroyedUnseen;

    @Override
    public void accept(ConntrackRecord r) {
        FlowKeys.pack(r, true, key);
        long t = r.has(Field.TIMESTAMP) ? r.timestampMicros : 0;
        switch (r.kind) {
            case DESTROY:
                if (!table.remove(key)) {
                    destroyedUnseen++;
                }
                break;
            case UPDATE: {
                int slot = table.findOrInsert(key);
                if (table.lastInsertWasNew()) {
                    firstSeenAsUpdate++;
                }
                table.update(slot, r, t);
                break;
            }
            default: {
                int slot = table.findOrInsert(key);
                table.update(slot, r, t);
                break;
            }
        }
    }

    public FlowTable table() {
        return table;
    }

    /** UPDATE events for flows never seen before: created before the capture started. */
    public long firstSeenAsUpdate() {
        return firstSeenAsUpdate;
    }

    /** DESTROY events for flows never seen before. */
    public long destroyedUnseen() {
        return destroyedUnseen;
    }

    @Override
    public void contribute(Report report) {
        long[] perProtocol = new long[Protocols.MAX + 1];
        long[][] perState = new long[Protocols.MAX + 1][];
        long[] stateless = new long[Protocols.MAX + 1];
        long unreplied = 0;
        long assured = 0;
        for (int s = 0; s < table.capacity(); s++) {
            if (!table.isUsed(s)) {
                continue;
            }
            int p = table.protocol(s);
            perProtocol[p]++;
            if (table.hasState(s)) {
                if (perState[p] == null) {
                    perState[p] = new long[ConnState.MAX_STATES];
                }
                perState[p][table.state(s)]++;
            } else {
                stateless[p]++;
            }
            int f = table.flags(s);
            if ((f & Flags.UNREPLIED) != 0) {
                unreplied++;
            }
            if ((f & Flags.ASSURED) != 0) {
                assured++;
            }
        }
        Map<String, Object> section = report.section("table");
        section.put("entries", (long) table.size());
        Map<String, Long> byProtocol = new LinkedHashMap<>();
        Map<String, Long> byState = new LinkedHashMap<>();
        for (int p = 0; p <= Protocols.MAX; p++) {
            if (perProtocol[p] > 0) {
                byProtocol.put(Protocols.reportName(p), perProtocol[p]);
            }
            if (perState[p] != null) {
                for (int st = 0; st < ConnState.MAX_STATES; st++) {
                    if (perState[p][st] > 0) {
                        byState.put(Protocols.reportName(p) + "/" + ConnState.name(st), perState[p][st]);
                    }
                }
            }
            if (stateless[p] > 0) {
                byState.put(Protocols.reportName(p), stateless[p]);
            }
        }
        section.put("by_protocol", sortedByCount(byProtocol));
        section.put("by_state", sortedByCount(byState));
        section.put("unreplied", unreplied);
        section.put("assured", assured);
        section.put("first_seen_as_update", firstSeenAsUpdate);
        section.put("destroyed_unseen", destroyedUnseen);
    }

    /** Largest count first, then by name, so reports diff cleanly. */
    static Map<String, Object> sortedByCount(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> {
            int c = Long.compare(b.getValue(), a.getValue());
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
        });
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : entries) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
