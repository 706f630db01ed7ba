package io.ctscope.fleet.summary;

import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import org.HdrHistogram.Histogram;
import org.apache.datasketches.frequencies.ItemsSketch;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a box's journal, record by record in journal order, into {@link BoxSummary} deltas: the table is
 * rebuilt by the analyzers' own {@link FlowTracker} (so entries mean what {@code report} means), and each
 * record lands in the delta of its time bucket ({@code --interval} of event time). {@link #cut()} hands over
 * every delta with records since the last cut (the shipper sends them in the transaction that carries those
 * records) and keeps the table, so the next deltas continue from it. With a proposal ({@code ship --set}) the
 * journal also feeds whatif's own pipeline ({@link ProposalProjector}), and a cut asked to project gives the
 * last delta the box's projection so far and each delta its interval's projected figures.
 */
public final class SummaryRecorder implements FlowAnalyzer {
    private static final int NAT_NOW = 0;
    private static final int NAT_PEAK = 1;

    private final String box;
    private final int intervalSeconds;
    private final long intervalMicros;
    private final FlowTracker tracker;
    private final List<BoxSummary> closed = new ArrayList<>();
    private final KeyMap nat = new KeyMap(3, 2, 64);
    private final long[] natKey = new long[3];
    private final ProposalProjector projector;
    private BoxSummary current;
    private long lastTimedMicros = Long.MIN_VALUE;

    public SummaryRecorder(String box, int intervalSeconds) {
        this(box, intervalSeconds, null);
    }

    /** @param proposal the timeouts to project under, or null for none */
    public SummaryRecorder(String box, int intervalSeconds, io.ctscope.analysis.whatif.WhatifOptions proposal) {
        this.projector = proposal == null ? null : new ProposalProjector(proposal);
        this.box = box;
        this.intervalSeconds = intervalSeconds;
        this.intervalMicros = intervalSeconds * 1_000_000L;
        this.tracker = new FlowTracker(List.of(this));
    }

    /** Summarises the record at journal index {@code index}. */
    public void accept(ConntrackRecord r, long index) {
        long bucket = r.has(Field.TIMESTAMP) ? Math.floorDiv(r.timestampMicros, intervalMicros) * intervalMicros
            : BoxSummary.UNTIMED;
        if (current == null || current.bucketMicros != bucket) {
            if (current != null && current.records > 0) {
                closed.add(current);
            }
            current = fresh(bucket);
        }
        BoxSummary s = current;
        s.events[EventCells.cell(r.kind, r.protocol, r.has(Field.STATE), r.state)]++;
        tracker.accept(r);
        if (projector != null) {
            projector.accept(r);
            if (r.has(Field.TIMESTAMP)) {
                s.lastTimedMicros = Math.max(s.lastTimedMicros, r.timestampMicros);
                lastTimedMicros = Math.max(lastTimedMicros, r.timestampMicros);
            }
        }
        long entries = tracker.table().size();
        s.entriesEnd = entries;
        if (entries > s.entriesMax || s.records == 0) {
            s.entriesMax = entries;
        }
        if (s.firstIndex < 0) {
            s.firstIndex = index;
        }
        s.lastIndex = index;
        s.records++;
    }

    /** Whether this recorder projects a proposal. */
    public boolean projects() {
        return projector != null;
    }

    /** Every delta with records since the last cut, in journal order; the deltas start again empty. */
    public List<BoxSummary> cut() {
        return cut(false);
    }

    /**
     * As {@link #cut()}; with {@code project} (and a proposal), the journal so far is projected: each timed
     * delta gets its interval's projected figures, the last one the box-wide ones too. Projecting replays the
     * whole journal's flows, so the shipper asks for it about once an interval, not every transaction.
     */
    public List<BoxSummary> cut(boolean project) {
        List<BoxSummary> out = new ArrayList<>(closed);
        closed.clear();
        if (current != null && current.records > 0) {
            out.add(current);
            current = fresh(current.bucketMicros);
        }
        for (BoxSummary s : out) {
            fillNatPeaks(s);
        }
        if (project && projector != null && !out.isEmpty()) {
            BoxProjection whole = project();
            for (BoxSummary s : out) {
                BoxProjection p = whole.copy();
                if (whole.isKnown() && s.bucketMicros != BoxSummary.UNTIMED && s.lastTimedMicros != Long.MIN_VALUE) {
                    p.intervalEnd = projector.peakWithin(s.lastTimedMicros, s.lastTimedMicros);
                    p.intervalMax = projector.peakWithin(s.bucketMicros, s.lastTimedMicros);
                }
                s.projection = p;
            }
        }
        return out;
    }

    private BoxProjection project() {
        BoxProjection p = projector.project();
        p.asOfMicros = lastTimedMicros;
        return p;
    }

    /**
     * A heartbeat that carries the box's projection of the journal so far (and the projected entries at its last
     * record, but no interval maximum: it has no interval): the end of a run whose last records went out before
     * their projection was due.
     */
    public BoxSummary projectingHeartbeat() {
        BoxSummary s = heartbeat();
        if (projector != null) {
            s.projection = project();
            if (s.projection.isKnown() && lastTimedMicros != Long.MIN_VALUE) {
                s.projection.intervalEnd = projector.peakWithin(lastTimedMicros, lastTimedMicros);
            }
        }
        return s;
    }

    /** A delta without records: the box is alive (its lag is filled in by the shipper). */
    public BoxSummary heartbeat() {
        BoxSummary s = new BoxSummary();
        s.box = box;
        s.intervalSeconds = intervalSeconds;
        s.entriesEnd = tracker.table().size();
        s.entriesMax = s.entriesEnd;
        return s;
    }

    private BoxSummary fresh(long bucket) {
        BoxSummary s = new BoxSummary();
        s.box = box;
        s.bucketMicros = bucket;
        s.intervalSeconds = intervalSeconds;
        return s;
    }

    /** NAT peaks are per delta; all deltas of one cut share them (a cut spans one bucket but rarely more). */
    private void fillNatPeaks(BoxSummary s) {
        for (int slot = 0; slot < nat.capacity(); slot++) {
            if (nat.isUsed(slot) && nat.value(slot, NAT_PEAK) > 0) {
                int family = (int) nat.key(slot, 2);
                s.natPeak.merge(Addresses.toString(family, nat.key(slot, 0), nat.key(slot, 1)), nat.value(slot, NAT_PEAK), Math::max);
            }
        }
        for (int slot = 0; slot < nat.capacity(); slot++) {
            if (nat.isUsed(slot)) {
                nat.setValue(slot, NAT_PEAK, nat.value(slot, NAT_NOW));
            }
        }
    }

    @Override
    public void onOpen(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
        BoxSummary s = current;
        s.flowsOpened++;
        if (s.sources == null) {
            s.sources = new ItemsSketch<>(BoxSummary.SKETCH_MAP_SIZE);
        }
        s.sources.update(Addresses.toString(table.family(slot), table.origSrcHi(slot), table.origSrcLo(slot)));
        if (table.isSourceNat(slot)) {
            int n = natSlot(table, slot);
            nat.addValue(n, NAT_NOW, 1);
            if (nat.value(n, NAT_NOW) > nat.value(n, NAT_PEAK)) {
                nat.setValue(n, NAT_PEAK, nat.value(n, NAT_NOW));
            }
        }
    }

    @Override
    public void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
        leave(table, slot);
        if (observed && timeMicros != FlowTable.NO_TIME && table.firstSeenMicros(slot) != FlowTable.NO_TIME) {
            BoxSummary s = current;
            if (s.lifetimesMs == null) {
                s.lifetimesMs = new Histogram(3);
            }
            s.lifetimesMs.recordValue(Math.max(0, (timeMicros - table.firstSeenMicros(slot)) / 1000));
        }
    }

    @Override
    public void onVanish(FlowTable table, int slot) {
        leave(table, slot);
    }

    private void leave(FlowTable table, int slot) {
        current.flowsClosed++;
        if (table.isSourceNat(slot)) {
            int n = natSlot(table, slot);
            nat.addValue(n, NAT_NOW, -1);
        }
    }

    private int natSlot(FlowTable table, int slot) {
        natKey[0] = table.replyDstHi(slot);
        natKey[1] = table.replyDstLo(slot);
        natKey[2] = table.family(slot);
        return nat.findOrInsert(natKey);
    }

    /** Not a report analyzer: the fleet report is built from the deltas. */
    @Override
    public void contribute(Report report, FlowTable table) {
    }
}
