package io.ctscope.analysis.live;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.flow.FlowKeys;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.RecordKind;

import java.util.Map;

/**
 * Corrects the rebuilt table with periodic table reads, as conntrackd resyncs its caches. A table read
 * reaches the analyzers as one uninterrupted run of dump entries among the events; flows are matched by
 * conntrack id (events from {@code -o id}, reads from {@code conntrack -L -o extended,id}).
 *
 * <ul>
 *   <li>An entry for a flow that is not open <em>appeared without a NEW</em> (created before the
 *   listener, or its NEW was lost); the tracker opens it from the entry.</li>
 *   <li>A flow open before the read, not in it and not touched by it <em>vanished without a
 *   DESTROY</em>: after a grace of {@link #GRACE_MICROS} of event time (a read reaps expired entries and
 *   their DESTROYs arrive just after it; events already on their way arrive late too) it is closed in
 *   the tracker with a synthesized DESTROY, which no event counter sees.</li>
 *   <li>An event within the grace that contradicts the read (the DESTROY of a vanished flow, the NEW of
 *   an appeared one) is the read's race with the event stream, counted as {@code raced}: the vanished
 *   flow is closed by its own DESTROY; an appeared flow whose NEW follows is counted by the tracker as a
 *   lost DESTROY.</li>
 * </ul>
 * Records without an id pass through untouched. Contributes the {@code resync} section.
 *
 * <p>Until the first table read nothing is kept here (a piped stream or a followed file may never hold
 * one): the flows open at that read are then taken from the tracker's table, so events cost no second
 * lookup of their own (JFR: it was a seventh of the analyzer thread at 100k open flows).
 */
public final class SnapshotResync implements Analyzer {
    static final long GRACE_MICROS = 2_000_000L;
    private static final long NO_TIME = Long.MIN_VALUE;
    private static final int GENERATION = 0;
    private static final int META = 1;

    private final ReportBuilder builder;
    private final FlowTracker tracker;
    private final KeyMap open = new KeyMap(FlowKeys.WIDTH, 2, 1 << 12);
    private final KeyMap vanished = new KeyMap(FlowKeys.WIDTH, 1);
    private final KeyMap appeared = new KeyMap(FlowKeys.WIDTH, 0);
    private final long[] key = new long[FlowKeys.WIDTH];
    private final ConntrackRecord synthetic = new ConntrackRecord();
    private long generation;
    private boolean inRead;
    private boolean tracking;
    private int readSource;
    private boolean graceRunning;
    private long readEndMicros = NO_TIME;
    private long lastEventMicros = NO_TIME;
    private long reads;
    private long appearedWithoutNew;
    private long vanishedWithoutDestroy;
    private long raced;

    public SnapshotResync(ReportBuilder builder) {
        this.builder = builder;
        this.tracker = builder.tracker();
        this.tracking = tracker == null;
    }

    @Override
    public void accept(ConntrackRecord r) {
        accept(r, r.source);
    }

    /**
     * A record replayed from the journal of earlier runs. Each table read is journaled under a source of
     * its own, the next read under another ({@code TableReadSources}), since conntrack's summary line that
     * ends a read on the live path is not journaled: a change of source among entries starts a new read.
     * The analyzers behind see the record as the live path showed it, as the feed's own line (source 0),
     * so a restarted run's state is the one it had.
     */
    public void acceptReplayed(ConntrackRecord r) {
        int source = r.source;
        r.source = 0;
        accept(r, source);
        r.source = source;
    }

    private void accept(ConntrackRecord r, int source) {
        if (!r.has(Field.ID)) {
            builder.accept(r);
            return;
        }
        if (r.kind == RecordKind.ENTRY) {
            FlowKeys.pack(r, true, key);
            if (inRead && source != readSource) {
                endRead();
            }
            if (!inRead) {
                startRead();
                readSource = source;
            }
            int slot = open.findOrInsert(key);
            if (open.lastInsertWasNew()) {
                appearedWithoutNew++;
                appeared.findOrInsert(key);
            }
            open.setValue(slot, GENERATION, generation);
            open.setValue(slot, META, meta(r));
            builder.accept(r);
            return;
        }
        if (inRead) {
            endRead();
        }
        if (r.has(Field.TIMESTAMP) && r.timestampMicros > lastEventMicros) {
            lastEventMicros = r.timestampMicros;
        }
        if (!tracking) {
            builder.accept(r);
            return;
        }
        FlowKeys.pack(r, true, key);
        switch (r.kind) {
            case DESTROY:
                removeKey(open);
                if (removeKey(vanished)) {
                    raced++;
                }
                break;
            case NEW:
                if (removeKey(appeared)) {
                    appearedWithoutNew--;
                    raced++;
                }
                touch(r);
                break;
            default:
                if (removeKey(vanished)) {
                    raced++;
                }
                touch(r);
        }
        builder.accept(r);
        if (graceRunning && lastEventMicros != NO_TIME && readEndMicros != NO_TIME && lastEventMicros - readEndMicros >= GRACE_MICROS) {
            closeVanished();
        }
    }

    private void touch(ConntrackRecord r) {
        int slot = open.findOrInsert(key);
        open.setValue(slot, GENERATION, generation);
        open.setValue(slot, META, meta(r));
    }

    private boolean removeKey(KeyMap map) {
        int slot = map.find(key);
        if (slot < 0) {
            return false;
        }
        map.removeSlot(slot);
        return true;
    }

    private static long meta(ConntrackRecord r) {
        return ((long) r.family << 8) | (r.protocol & 0xff);
    }

    private void startRead() {
        if (!tracking) {
            openFromTracker();
            tracking = true;
        }
        if (graceRunning) {
            closeVanished();
        }
        generation++;
        inRead = true;
        appeared.clear();
    }

    /** At the first read: the id-keyed flows the tracker holds open are those open before it. */
    private void openFromTracker() {
        FlowTable table = tracker.table();
        long[] k = new long[FlowKeys.WIDTH];
        for (int s = 0; s < table.capacity(); s++) {
            if (table.isUsed(s)) {
                table.copyKey(s, k);
                if (k[0] < 0) { // id-keyed (the tag is the sign bit)
                    int slot = open.findOrInsert(k);
                    open.setValue(slot, GENERATION, generation);
                    open.setValue(slot, META, ((long) table.family(s) << 8) | (table.protocol(s) & 0xff));
                }
            }
        }
    }

    /** The read is over: flows it did not list become vanished candidates. */
    private void endRead() {
        inRead = false;
        reads++;
        long[] k = new long[FlowKeys.WIDTH];
        for (int s = 0; s < open.capacity(); s++) {
            if (open.isUsed(s) && open.value(s, GENERATION) < generation) {
                open.copyKey(s, k);
                vanished.setValue(vanished.findOrInsert(k), 0, open.value(s, META));
            }
        }
        for (int s = 0; s < vanished.capacity(); s++) {
            if (vanished.isUsed(s)) {
                vanished.copyKey(s, k);
                int o = open.find(k);
                if (o >= 0) {
                    open.removeSlot(o);
                }
            }
        }
        readEndMicros = lastEventMicros;
        graceRunning = true;
    }

    private void closeVanished() {
        for (int s = 0; s < vanished.capacity(); s++) {
            if (!vanished.isUsed(s)) {
                continue;
            }
            long meta = vanished.value(s, 0);
            synthetic.clear();
            synthetic.kind = RecordKind.DESTROY;
            synthetic.present = Field.ID;
            synthetic.id = vanished.key(s, 0) & Long.MAX_VALUE;
            synthetic.family = (int) (meta >>> 8);
            synthetic.protocol = (int) (meta & 0xff);
            if (lastEventMicros != NO_TIME) {
                synthetic.present |= Field.TIMESTAMP;
                synthetic.timestampMicros = lastEventMicros;
            }
            vanishedWithoutDestroy++;
            if (tracker != null && tracker.isOpen(synthetic)) {
                tracker.accept(synthetic);
            }
        }
        vanished.clear();
        graceRunning = false;
    }

    /**
     * conntrack's {@code N flow entries have been shown.} line after a read: the read is over even if no
     * event follows. (The journal keeps records only: a replay separates reads by their sources, see
     * {@link #acceptReplayed}.)
     */
    public void endOfTableRead() {
        if (inRead) {
            endRead();
        }
    }

    /** At the end of the run: a read in progress ends, and its vanished flows close without waiting for the grace. */
    public void finish() {
        if (inRead) {
            endRead();
        }
        if (graceRunning) {
            closeVanished();
        }
    }

    @Override
    public void contribute(Report report) {
        Map<String, Object> s = report.section("resync");
        s.put("table_reads", reads);
        s.put("appeared_without_new", appearedWithoutNew);
        s.put("vanished_without_destroy", vanishedWithoutDestroy);
        s.put("pending", (long) vanished.size());
        s.put("raced", raced);
    }
}
