package io.ctscope.analysis.flow;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;

import java.util.List;

/**
 * Rebuilds the conntrack table from the records and tells the flow analyzers what happened to each flow.
 * Dump entries and NEW put a flow in, UPDATE refreshes it (or puts it in as preexisting when unseen),
 * DESTROY takes it out. For a dump the result is the dump; for an event stream it is the flows open at
 * the end of the capture. One table serves every analyzer, so the report is one pass and one lookup
 * per record.
 */
public final class FlowTracker implements Analyzer {
    private final FlowTable table = new FlowTable();
    private final long[] key = new long[FlowKeys.WIDTH];
    private final FlowAnalyzer[] analyzers;
    private int unseenUpdateOrigin = FlowOrigin.PREEXISTING;

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
                int slot = table.find(key);
                if (slot >= 0) {
                    for (FlowAnalyzer a : as) {
                        a.onClose(r, t, table, slot, false);
                    }
                    table.removeSlot(slot);
                }
                open(r, t, FlowOrigin.NEW);
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

    private void updateOrOpen(ConntrackRecord r, long t, int originIfNew) {
        int slot = table.findOrInsert(key);
        if (table.lastInsertWasNew()) {
            table.open(slot, r, t, originIfNew);
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

    private void open(ConntrackRecord r, long t, int origin) {
        int slot = table.findOrInsert(key);
        table.open(slot, r, t, origin);
        for (FlowAnalyzer a : analyzers) {
            a.onOpen(r, t, table, slot);
        }
    }

    @Override
    public void contribute(Report report) {
        for (FlowAnalyzer a : analyzers) {
            a.contribute(report, table);
        }
    }
}
