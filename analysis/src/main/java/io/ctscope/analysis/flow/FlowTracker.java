package io.ctscope.analysis.flow;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.RecordKind;

import java.util.List;

/**
 * Rebuilds the conntrack table from the records and tells the flow analyzers what happened to each flow.
 * Dump entries and NEW put a flow in, UPDATE refreshes it (or puts it in as preexisting when unseen),
 * DESTROY takes it out. For a dump the result is the dump; for an event stream it is the flows open at
 * the end of the capture. One table serves every analyzer, so the report is one pass and one lookup
 * per record.
 *
 * <p>Each dump input is a snapshot, not a part of one table: when the next dump begins, the entries of
 * the previous one leave the table ({@link FlowListener#onVanish}), so the table never holds two dumps
 * at once and after several it is the latest. An entry the previous dump listed too is the same flow,
 * seen again: it enters marked {@link FlowTable#isRelisted}, so it is not counted as another flow.
 */
public final class FlowTracker implements Analyzer {
    private final FlowTable table = new FlowTable();
    private final long[] key = new long[FlowKeys.WIDTH];
    private final FlowAnalyzer[] analyzers;
    private int unseenUpdateOrigin = FlowOrigin.PREEXISTING;
    private int lastSource = Integer.MIN_VALUE;
    /** Keys of the previous dump's entries, while the next dump is read. */
    private final KeyMap listedBefore = new KeyMap(FlowKeys.WIDTH, 1);
    private final long[] scratchKey = new long[FlowKeys.WIDTH];

    public FlowTracker(List<? extends FlowAnalyzer> analyzers) {
        this.analyzers = analyzers.toArray(new FlowAnalyzer[0]);
    }

    public FlowTable table() {
        return table;
    }

    /**
     * Under a state filter a flow enters the analysis at its first UPDATE in that state: it was not
     * created before the capture, so it opens as {@link FlowOrigin#NEW} at that moment.
     */
    public void openUnseenUpdatesAsNew() {
        unseenUpdateOrigin = FlowOrigin.NEW;
    }

    /** Whether the flow {@code r} belongs to is in the table now (one lookup; does not change anything). */
    public boolean isOpen(ConntrackRecord r) {
        FlowKeys.pack(r, true, key);
        return table.find(key) >= 0;
    }

    @Override
    public void accept(ConntrackRecord r) {
        long t = r.has(Field.TIMESTAMP) ? r.timestampMicros : FlowTable.NO_TIME;
        FlowAnalyzer[] as = analyzers;
        for (FlowAnalyzer a : as) {
            a.onRecord(r, t);
        }
        noteInput(r);
        FlowKeys.pack(r, true, key);
        switch (r.kind) {
            case DESTROY: {
                int slot = table.find(key);
                if (slot < 0) {
                    for (FlowAnalyzer a : as) {
                        a.onCloseUnseen(r, t);
                    }
                } else {
                    for (FlowAnalyzer a : as) {
                        a.onClose(r, t, table, slot, true);
                    }
                    table.removeSlot(slot);
                }
                break;
            }
            case NEW: {
                // one lookup: a key still in the table is a flow whose DESTROY was lost; its slot takes the new flow
                int slot = table.findOrInsert(key);
                if (!table.lastInsertWasNew()) {
                    for (FlowAnalyzer a : as) {
                        a.onClose(r, t, table, slot, false);
                    }
                    table.clear(slot);
                }
                table.open(slot, r, t, FlowOrigin.NEW);
                for (FlowAnalyzer a : as) {
                    a.onOpen(r, t, table, slot);
                }
                break;
            }
            case UPDATE:
                updateOrOpen(r, t, unseenUpdateOrigin);
                break;
            default:
                updateOrOpen(r, t, FlowOrigin.DUMP);
                break;
        }
    }

    /**
     * Notes which input {@code r} comes from, whether or not it is analysed: a new input completes the
     * dump being read, and a dump begins a snapshot. {@link #accept} calls it; a caller that filters
     * records before them calls it for every record.
     */
    public void noteInput(ConntrackRecord r) {
        if (r.source != lastSource) {
            lastSource = r.source;
            snapshotBoundary(r);
        }
    }

    /** The record comes from another input: a dump begins a new snapshot and the previous one's entries leave. */
    private void snapshotBoundary(ConntrackRecord r) {
        listedBefore.clear();
        if (r.kind != RecordKind.ENTRY) {
            return; // events after a dump: the dump is the table they start from
        }
        for (int s = 0; s < table.capacity(); s++) {
            // removing shifts a later entry of the probe chain into s: look at s again
            while (table.isUsed(s) && table.origin(s) == FlowOrigin.DUMP) {
                table.copyKey(s, scratchKey);
                listedBefore.findOrInsert(scratchKey);
                for (FlowAnalyzer a : analyzers) {
                    a.onVanish(table, s);
                }
                table.removeSlot(s);
            }
        }
        for (FlowAnalyzer a : analyzers) {
            a.onSnapshot(r.source, r);
        }
    }

    private void updateOrOpen(ConntrackRecord r, long t, int originIfNew) {
        int slot = table.findOrInsert(key);
        if (table.lastInsertWasNew()) {
            table.open(slot, r, t, originIfNew);
            if (originIfNew == FlowOrigin.DUMP && listedBefore.size() > 0 && listedBefore.find(key) >= 0) {
                table.markRelisted(slot);
            }
            for (FlowAnalyzer a : analyzers) {
                a.onOpen(r, t, table, slot);
            }
        } else {
            for (FlowAnalyzer a : analyzers) {
                a.onUpdate(r, t, table, slot);
            }
            table.update(slot, r, t);
        }
    }

    @Override
    public void contribute(Report report) {
        for (FlowAnalyzer a : analyzers) {
            a.contribute(report, table);
        }
    }
}
