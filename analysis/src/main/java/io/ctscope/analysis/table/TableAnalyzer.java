package io.ctscope.analysis.table;

import io.ctscope.analysis.count.ProtocolStateCounts;
import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowOrigin;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.Units;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.RecordKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * <p>Several dumps are successive snapshots: the table is the latest, and {@code table.snapshots} lists
 * each one's counts, {@code {input, taken_ts, time_source, entries, by_protocol, by_state}}, in input
 * order. {@code taken_ts} is the latest record timestamp of the dump when its lines carry one
 * ({@code time_source} {@code records}), else what {@link SnapshotInputs} says (the file's
 * {@code mtime}, or when /proc was {@code read}), else null.
 */
public final class TableAnalyzer implements FlowAnalyzer {
    private final SnapshotInputs inputs;
    private final List<Snapshot> snapshots = new ArrayList<>();
    private Snapshot current;
    /** Open flows of tables merged in ({@link #merge}): the report counts them beside its own table's. */
    private final OpenFlows mergedOpen = new OpenFlows();
    private long firstSeenAsUpdate;
    private long destroyedUnseen;
    private long lostDestroy;

    public TableAnalyzer() {
        this(new SnapshotInputs());
    }

    public TableAnalyzer(SnapshotInputs inputs) {
        this.inputs = inputs;
    }

    /** Counts of the flows open in a table. */
    private static final class OpenFlows {
        final ProtocolStateCounts counts = new ProtocolStateCounts();
        long entries;
        long unreplied;
        long assured;
        long preexisting;

        void addAll(FlowTable table) {
            for (int s = 0; s < table.capacity(); s++) {
                if (!table.isUsed(s)) {
                    continue;
                }
                entries++;
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
        }

        void merge(OpenFlows o) {
            counts.merge(o.counts);
            entries += o.entries;
            unreplied += o.unreplied;
            assured += o.assured;
            preexisting += o.preexisting;
        }
    }

    /** One dump's own counts. */
    private static final class Snapshot {
        final int source;
        final ProtocolStateCounts counts = new ProtocolStateCounts();
        long entries;
        long lastTimestampMicros = Long.MIN_VALUE;

        Snapshot(int source) {
            this.source = source;
        }
    }

    @Override
    public void onSnapshot(int source, ConntrackRecord first) {
        current = new Snapshot(source);
        snapshots.add(current);
    }

    @Override
    public void onRecord(ConntrackRecord r, long timeMicros) {
        Snapshot s = current;
        if (s == null || r.kind != RecordKind.ENTRY || r.source != s.source) {
            return;
        }
        s.entries++;
        s.counts.add(r.protocol, r.has(Field.STATE), r.state);
        if (timeMicros != FlowTable.NO_TIME && timeMicros > s.lastTimestampMicros) {
            s.lastTimestampMicros = timeMicros;
        }
    }

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

    /**
     * Takes in what {@code other} saw of a disjoint set of flows (another shard of the same input, by
     * flow key), with {@code otherTable}, its rebuilt table at the end: counts add, the open flows count
     * beside this analyzer's own table, and dump snapshots, which every shard sees begin, add up one by one.
     */
    public void merge(TableAnalyzer other, FlowTable otherTable) {
        firstSeenAsUpdate += other.firstSeenAsUpdate;
        destroyedUnseen += other.destroyedUnseen;
        lostDestroy += other.lostDestroy;
        mergedOpen.merge(other.mergedOpen);
        mergedOpen.addAll(otherTable);
        for (int i = 0; i < other.snapshots.size(); i++) {
            Snapshot o = other.snapshots.get(i);
            if (i >= snapshots.size()) {
                Snapshot copy = new Snapshot(o.source);
                snapshots.add(copy);
            }
            Snapshot s = snapshots.get(i);
            s.entries += o.entries;
            s.counts.merge(o.counts);
            s.lastTimestampMicros = Math.max(s.lastTimestampMicros, o.lastTimestampMicros);
        }
    }

    @Override
    public void contribute(Report report, FlowTable table) {
        OpenFlows open = new OpenFlows();
        open.addAll(table);
        open.merge(mergedOpen);
        Map<String, Object> section = report.section("table");
        section.put("entries", open.entries);
        section.put("by_protocol", open.counts.byProtocol());
        section.put("by_state", open.counts.byState());
        section.put("unreplied", open.unreplied);
        section.put("assured", open.assured);
        section.put("first_seen_as_update", firstSeenAsUpdate);
        section.put("destroyed_unseen", destroyedUnseen);
        section.put("lost_destroy", lostDestroy);
        section.put("preexisting_open", open.preexisting);
        if (snapshots.size() > 1) {
            section.put("snapshots", snapshotList());
        }
    }

    private List<Object> snapshotList() {
        List<Object> out = new ArrayList<>();
        for (Snapshot s : snapshots) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", inputs.name(s.source));
            boolean stamped = s.lastTimestampMicros != Long.MIN_VALUE;
            long taken = stamped ? s.lastTimestampMicros : inputs.takenMicros(s.source);
            m.put("taken_ts", taken >= 0 || stamped ? Units.epochSeconds(taken) : null);
            m.put("time_source", stamped ? SnapshotInputs.FROM_RECORDS : taken >= 0 ? inputs.timeSource(s.source) : null);
            m.put("entries", s.entries);
            m.put("by_protocol", s.counts.byProtocol());
            m.put("by_state", s.counts.byState());
            out.add(m);
        }
        return out;
    }
}
