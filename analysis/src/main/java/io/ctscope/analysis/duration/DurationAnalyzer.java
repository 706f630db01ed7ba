package io.ctscope.analysis.duration;

import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowOrigin;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Protocols;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long flows live, per protocol, and how long they stay in each protocol state (tcp, sctp, dccp),
 * as HdrHistogram distributions ({@link DurationStats}).
 *
 * <p>Lifetime of a flow whose end was observed (a {@code [DESTROY]}): when the DESTROY carries
 * {@code -o ktimestamp} start and stop, their difference, which is the kernel's own figure, exact to the
 * second and known even for flows created before the capture (first seen as UPDATE, or destroyed
 * unseen); otherwise, for a flow the capture saw being created ({@code [NEW]} with a timestamp), the
 * DESTROY's time minus the NEW's. Event-time lifetimes include the reaping lag: a DESTROY is sent when the
 * gc worker reaps the entry, up to ~60 s after it really expired, so they can run up to a minute long;
 * ktimestamp lifetimes do not, as the kernel back-dates {@code stop} to the expiry. A flow whose start is
 * unknown and whose DESTROY has no ktimestamp is not recorded, nor is one whose DESTROY was lost (its end
 * is unknown). Flows still open at the end are censored: counted, never given an invented end.
 *
 * <p>Time in a state: when an UPDATE changes a flow's state, the time since the previous state began,
 * under {@code proto/PREVIOUS_STATE}; on an observed DESTROY, the time in the final state (which includes
 * the same reaping lag). The first state observed for a flow not seen created is skipped, its beginning
 * being unknown, and so is anything without timestamps.
 *
 * <p>Contributes {@code durations.unit} ({@code "s"}), {@code durations.censored} (flows first seen as
 * NEW or UPDATE still open at the end; dump entries are a snapshot, not lifetimes under observation),
 * {@code durations.lifetime.<proto>} and {@code durations.state.<proto/STATE>}, each
 * {@code {count, p50, p90, p99, max, mean}} in seconds with millisecond precision, most counted first.
 * The section is absent when nothing was recorded and nothing censored.
 */
public final class DurationAnalyzer implements FlowAnalyzer {
    private static final int PROTOCOLS = Protocols.MAX + 1;
    private static final int STATES = ConnState.MAX_STATES;

    /** Per protocol number; created on first use (at most once per protocol). */
    private final DurationStats[] lifetime = new DurationStats[PROTOCOLS];
    /** Per protocol number × state code; created on first use. */
    private final DurationStats[] inState = new DurationStats[PROTOCOLS * STATES];
    /** Flows open at the end in the tables of analyzers merged in ({@link #merge}). */
    private long mergedCensored;

    @Override
    public void onUpdate(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
        if (r.has(Field.STATE) && table.hasState(slot) && r.state != table.state(slot)) {
            recordTimeInState(table, slot, timeMicros);
        }
    }

    @Override
    public void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
        if (!observed) {
            return;
        }
        int protocol = table.protocol(slot);
        if (hasKernelLifetime(r)) {
            recordLifetime(protocol, (r.stopSec - r.startSec) * 1000);
        } else if (table.origin(slot) == FlowOrigin.NEW) {
            long first = table.firstSeenMicros(slot);
            if (timeMicros != FlowTable.NO_TIME && first != FlowTable.NO_TIME) {
                recordLifetime(protocol, millis(timeMicros - first));
            }
        }
        // A DESTROY naming another state than the last one seen means a state change went unreported
        // (lost events): the last state's end is then unknown.
        boolean finalStateSeen = !r.has(Field.STATE) || r.state == table.state(slot);
        if (table.hasState(slot) && finalStateSeen) {
            recordTimeInState(table, slot, timeMicros);
        }
    }

    @Override
    public void onCloseUnseen(ConntrackRecord r, long timeMicros) {
        if (hasKernelLifetime(r)) {
            recordLifetime(r.protocol, (r.stopSec - r.startSec) * 1000);
        }
    }

    private static boolean hasKernelLifetime(ConntrackRecord r) {
        return r.has(Field.START) && r.has(Field.STOP);
    }

    /** Time from {@code stateSinceMicros} to {@code end} under the flow's current state. */
    private void recordTimeInState(FlowTable table, int slot, long endMicros) {
        int protocol = table.protocol(slot);
        if (!Protocols.hasState(protocol) || endMicros == FlowTable.NO_TIME) {
            return;
        }
        long since = table.stateSinceMicros(slot);
        if (since == FlowTable.NO_TIME) {
            return;
        }
        if (table.origin(slot) != FlowOrigin.NEW && since == table.firstSeenMicros(slot)) {
            return; // the state was already running when the flow was first seen
        }
        int state = table.state(slot);
        if (state < 0 || state >= STATES) {
            return;
        }
        long ms = millis(endMicros - since);
        if (ms < 0) {
            return; // out-of-order input (merged files): no meaningful duration
        }
        int i = protocol * STATES + state;
        DurationStats s = inState[i];
        if (s == null) {
            s = new DurationStats();
            inState[i] = s;
        }
        s.record(ms);
    }

    private void recordLifetime(int protocol, long ms) {
        if (ms < 0 || protocol < 0 || protocol >= PROTOCOLS) {
            return;
        }
        DurationStats s = lifetime[protocol];
        if (s == null) {
            s = new DurationStats();
            lifetime[protocol] = s;
        }
        s.record(ms);
    }

    /** Microseconds to milliseconds, rounded to nearest. */
    private static long millis(long micros) {
        return Math.floorDiv(micros + 500, 1000);
    }

    /**
     * Takes in what {@code other} recorded of a disjoint set of flows ({@code otherTable}: its table at
     * the end): the histograms merge, and its open flows count as censored beside this one's.
     */
    public void merge(DurationAnalyzer other, FlowTable otherTable) {
        mergeAll(lifetime, other.lifetime);
        mergeAll(inState, other.inState);
        mergedCensored += other.mergedCensored + censored(otherTable);
    }

    private static void mergeAll(DurationStats[] into, DurationStats[] from) {
        for (int i = 0; i < into.length; i++) {
            if (from[i] == null) {
                continue;
            }
            if (into[i] == null) {
                into[i] = new DurationStats();
            }
            into[i].merge(from[i]);
        }
    }

    private static long censored(FlowTable table) {
        long censored = 0;
        for (int s = 0; s < table.capacity(); s++) {
            if (table.isUsed(s) && table.origin(s) != FlowOrigin.DUMP) {
                censored++;
            }
        }
        return censored;
    }

    @Override
    public void contribute(Report report, FlowTable table) {
        long censored = censored(table) + mergedCensored;
        List<Named> lifetimes = new ArrayList<>();
        for (int p = 0; p < PROTOCOLS; p++) {
            if (lifetime[p] != null) {
                lifetimes.add(new Named(Protocols.reportName(p), lifetime[p]));
            }
        }
        List<Named> states = new ArrayList<>();
        for (int i = 0; i < inState.length; i++) {
            if (inState[i] != null) {
                states.add(new Named(Protocols.reportName(i / STATES) + "/" + ConnState.name(i % STATES), inState[i]));
            }
        }
        if (censored == 0 && lifetimes.isEmpty() && states.isEmpty()) {
            return;
        }
        Map<String, Object> section = report.section("durations");
        section.put("unit", "s");
        section.put("censored", censored);
        section.put("lifetime", byCount(lifetimes));
        section.put("state", byCount(states));
    }

    /** Most recorded first, then by name, so reports diff cleanly. */
    private static Map<String, Object> byCount(List<Named> entries) {
        entries.sort((a, b) -> {
            int c = Long.compare(b.stats.count(), a.stats.count());
            return c != 0 ? c : a.name.compareTo(b.name);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        for (Named e : entries) {
            out.put(e.name, e.stats.toMap());
        }
        return out;
    }

    private record Named(String name, DurationStats stats) {
    }
}
