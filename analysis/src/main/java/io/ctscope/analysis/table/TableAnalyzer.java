package io.ctscope.analysis.table;

import io.ctscope.analysis.count.ProtocolStateCounts;
import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowOrigin;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Flags;

import java.util.Map;

/**
 * Summarises the rebuilt table ({@link io.ctscope.analysis.flow.FlowTracker}): for a dump the result is the dump; for an event
 * stream it is the flows open at the end (seen and not destroyed). Flows first seen as UPDATE or DESTROY
 * existed before the capture began (with {@code nf_conntrack_events=1}) and are counted as such.
 *
 * <p>Contributes {@code table.entries}, {@code table.by_protocol}, {@code table.by_state},
 * {@code table.unreplied}, {@code table.assured}, {@code table.first_seen_as_update},
 * {@code table.destroyed_unseen}, {@code table.lost_destroy} (NEW for a flow still open: its DESTROY
 * was lost), {@code table.preexisting_open} (open flows first seen as UPDATE).
 */
public final class TableAnalyzer implements FlowAnalyzer {
    private long firstSeenAsUpdate;
    private long destroyedUnseen;
    private long lostDestroy;

    @Override
    public void onOpen(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
        if (table.origin(slot) == FlowOrigin.PREEXISTING) {
            firstSeenAsUpdate++;
        }
    }

    @Override
    public void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
        if (!observed) {
            lostDestroy++;
        }
    }

    @Override
    public void onCloseUnseen(ConntrackRecord r, long timeMicros) {
        destroyedUnseen++;
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
    public void contribute(Report report, FlowTable table) {
        ProtocolStateCounts counts = new ProtocolStateCounts();
        long unreplied = 0;
        long assured = 0;
        long preexisting = 0;
        for (int s = 0; s < table.capacity(); s++) {
            if (!table.isUsed(s)) {
                continue;
            }
            counts.add(table.protocol(s), table.hasState(s), table.state(s));
            int f = table.flags(s);
            if ((f & Flags.UNREPLIED) != 0) {
                unreplied++;
            }
            if ((f & Flags.ASSURED) != 0) {
                assured++;
            }
            if (table.origin(s) == FlowOrigin.PREEXISTING) {
                preexisting++;
            }
        }
        Map<String, Object> section = report.section("table");
        section.put("entries", (long) table.size());
        section.put("by_protocol", counts.byProtocol());
        section.put("by_state", counts.byState());
        section.put("unreplied", unreplied);
        section.put("assured", assured);
        section.put("first_seen_as_update", firstSeenAsUpdate);
        section.put("destroyed_unseen", destroyedUnseen);
        section.put("lost_destroy", lostDestroy);
        section.put("preexisting_open", preexisting);
    }
}
