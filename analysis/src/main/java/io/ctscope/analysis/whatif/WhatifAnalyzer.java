package io.ctscope.analysis.whatif;

import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowKeys;
import io.ctscope.analysis.flow.FlowOrigin;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.timeout.Setting;
import io.ctscope.analysis.timeout.TimeoutPolicy;
import io.ctscope.analysis.timeout.TimeoutSettings;
import io.ctscope.analysis.timeout.TimeoutSource;
import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.RecordKind;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ctscope whatif}: what the table would hold under proposed timeouts. A flow listener on the
 * same tracker as the report. Table dumps give {@link RemovedNow} (exact, per entry); event streams give
 * the {@link Projection} over the capture with a low/high band, and {@link AtRisk}: idle gaps between
 * events longer than the proposed timeout of the state, where the proposal could cut a flow still in use.
 * Dumps taken beside a stream reach it through {@link #onDumpEntry}, not through the flow tracker: they
 * are {@link DumpEvidence} on the stream's flows (the earliest their last packet can have come), and the
 * last of them gives {@link RemovedNow}.
 * Settles the timeouts in force at the end ({@link StreamTimeouts} over {@code --current} over the
 * defaults), then writes its sections ({@link WhatifSections}).
 */
public final class WhatifAnalyzer implements FlowAnalyzer {
    private static final long SECOND = 1_000_000L;

    private final WhatifOptions options;
    private final TimeoutPolicy policy;
    private final StreamTimeouts stream = new StreamTimeouts();
    private final RemovedNow removedNow;
    private final FlowLog flows = new FlowLog();
    private final LagEstimate lags = new LagEstimate();
    private final Curve lowWithGaps = new Curve();
    private final AtRisk atRisk = new AtRisk();
    private final DumpEvidence dumps = new DumpEvidence();
    /** The tuple hash of each open flow keyed by conntrack id (dumps print no id): table key to hash. */
    private final KeyMap tupleOfIdKeyed = new KeyMap(FlowKeys.WIDTH, 1);
    private final long[] key = new long[FlowKeys.WIDTH];
    private int dumpSource = Integer.MIN_VALUE;
    private long dumpTakenMicros = -1;
    private long untimedDumpEntries;
    private final int timeWait = ConnState.code("TIME_WAIT");
    private final int close = ConnState.code("CLOSE");
    private final int synSent = ConnState.code("SYN_SENT");
    private long firstMicros = Long.MAX_VALUE;
    private long lastMicros = Long.MIN_VALUE;
    private long events;
    private long timedEvents;
    private long stopTimes;
    /** The projection of the last {@link #contribute}, for {@link #projectedPeak}; null before one, or without timed events. */
    private Projection lastProjection;

    public WhatifAnalyzer(WhatifOptions options) {
        this.options = options;
        this.policy = new TimeoutPolicy(options.rules);
        this.removedNow = new RemovedNow(policy, options.proposedOver(options.current), options.deleteCommands);
    }

    /** True when the input had events but none with a timestamp, and no dump: nothing to project from. */
    public boolean lacksTimestamps() {
        return events > 0 && timedEvents == 0 && removedNow.isEmpty();
    }

    /** The {@code conntrack -D} commands for the removable entries of the last dump (with {@code deleteCommands}). */
    public List<String> deleteCommands() {
        return removedNow.commands();
    }

    /**
     * A table-dump entry: for {@link RemovedNow}, and as evidence on the stream's flows when the dump's
     * time is known (its lines' timestamps, else {@link WhatifOptions#inputTakenMicros}).
     */
    public void onDumpEntry(ConntrackRecord r) {
        removedNow.entry(r, options.current);
        if (!r.has(Field.TIMEOUT) || r.hasFlag(Flags.OFFLOAD) || r.hasFlag(Flags.HW_OFFLOAD)) {
            return;
        }
        int s = policy.settingFor(r.protocol, r.has(Field.STATE) ? r.state : ConnState.NONE, r.flags);
        if (s < 0) {
            return;
        }
        if (r.source != dumpSource) {
            dumpSource = r.source;
            dumpTakenMicros = options.inputTakenMicros.applyAsLong(r.source);
        }
        long taken = r.has(Field.TIMESTAMP) ? r.timestampMicros : dumpTakenMicros;
        if (taken < 0) {
            untimedDumpEntries++;
            return;
        }
        FlowKeys.pack(r, false, key);
        dumps.add(DumpEvidence.hash(key), taken, r.timeout, s);
    }

    @Override
    public void onOpen(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
        if (r.has(Field.ID)) {
            FlowKeys.pack(r, false, key);
            long hash = DumpEvidence.hash(key);
            table.copyKey(slot, key);
            tupleOfIdKeyed.setValue(tupleOfIdKeyed.findOrInsert(key), 0, hash);
        }
    }

    /**
     * The tuple hash of the flow in {@code slot}; {@code r}, when given, is a record of it (its DESTROY), and
     * then an id-keyed flow's tuple is forgotten (a flow still open keeps it).
     */
    private long tupleHash(FlowTable table, int slot, ConntrackRecord r) {
        table.copyKey(slot, key);
        int at = tupleOfIdKeyed.size() == 0 ? -1 : tupleOfIdKeyed.find(key);
        if (at >= 0) {
            long hash = tupleOfIdKeyed.value(at, 0);
            if (r != null) {
                tupleOfIdKeyed.removeSlot(at);
            }
            return hash;
        }
        if (r != null) {
            FlowKeys.pack(r, false, key);
        }
        return DumpEvidence.hash(key);
    }

    @Override
    public void onRecord(ConntrackRecord r, long timeMicros) {
        if (r.kind == RecordKind.ENTRY) {
            return; // dumps come through onDumpEntry
        }
        events++;
        if (timeMicros != FlowTable.NO_TIME) {
            timedEvents++;
            firstMicros = Math.min(firstMicros, timeMicros);
            lastMicros = Math.max(lastMicros, timeMicros);
        }
        if (r.kind != RecordKind.DESTROY && r.has(Field.TIMEOUT) && !r.hasFlag(Flags.OFFLOAD)) {
            int s = policy.settingFor(r.protocol, r.has(Field.STATE) ? r.state : ConnState.NONE, r.flags);
            if (s >= 0) {
                stream.observe(s, r.timeout);
            }
        }
    }

    @Override
    public void onUpdate(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
        long previous = table.lastSeenMicros(slot);
        if (r.kind != RecordKind.UPDATE || timeMicros == FlowTable.NO_TIME || previous == FlowTable.NO_TIME) {
            return;
        }
        int s = policy.settingFor(table.protocol(slot), table.hasState(slot) ? table.state(slot) : ConnState.NONE, table.flags(slot));
        long observed = table.timeout(slot);
        if (s < 0 || observed < 0 || Flags.has(table.flags(slot), Flags.OFFLOAD)) {
            return;
        }
        long inForce = stream.seen(s) ? stream.mode(s) : options.current.get(s);
        if (Math.abs(observed - inForce) > 1 || options.proposed[s] < 0 || options.proposed[s] >= observed) {
            return;
        }
        long cutAt = previous + options.proposed[s] * SECOND;
        if (timeMicros > cutAt) {
            lowWithGaps.addAbsence(cutAt, timeMicros);
            atRisk.cut(table, slot, StateKeys.of(table.protocol(slot), table.state(slot)), r, timeMicros - previous, options.proposed[s]);
        }
    }

    @Override
    public void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
        long tuple = tupleHash(table, slot, r); // also forgets an id-keyed flow's tuple
        long opened = table.firstSeenMicros(slot);
        if (timeMicros == FlowTable.NO_TIME || opened == FlowTable.NO_TIME) {
            return;
        }
        log(flows, table, slot, timeMicros, r.has(Field.STOP) ? r.stopSec * SECOND : FlowTable.NO_TIME, tuple);
    }

    /** Logs a flow into {@code into}: the flows ended so far, or a projection's copy of them for the open ones. */
    private void log(FlowLog into, FlowTable table, int slot, long endMicros, long stopMicros, long tupleHash) {
        int protocol = table.protocol(slot);
        int state = table.hasState(slot) ? table.state(slot) : ConnState.NONE;
        int flags = table.flags(slot);
        long last = table.lastSeenMicros(slot);
        long timeout = table.timeout(slot);
        int bits = 0;
        if (table.origin(slot) == FlowOrigin.PREEXISTING) {
            bits |= FlowLog.PREEXISTING;
        }
        if (Flags.has(flags, Flags.OFFLOAD) || Flags.has(flags, Flags.HW_OFFLOAD)) {
            bits |= FlowLog.OFFLOAD;
        }
        if (timeout < 0) {
            bits |= FlowLog.TIMEOUT_UNKNOWN;
            timeout = 0;
        }
        boolean tcp = protocol == Protocols.TCP;
        if (tcp && (state == timeWait || state == close || (state == synSent && Flags.has(flags, Flags.UNREPLIED)))) {
            bits |= FlowLog.KNOWN_LAST;
        }
        long stop = FlowTable.NO_TIME;
        if (endMicros != FlowTable.NO_TIME && stopMicros != FlowTable.NO_TIME
            && stopMicros >= last - SECOND && stopMicros <= endMicros + SECOND) {
            stop = stopMicros;
            stopTimes++;
            lags.add(endMicros - stopMicros - SECOND / 2);
        } else if (endMicros != FlowTable.NO_TIME && (bits & FlowLog.KNOWN_LAST) != 0
            && (bits & FlowLog.TIMEOUT_UNKNOWN) == 0 && endMicros >= last + (timeout - 1) * SECOND) {
            lags.add(endMicros - last - timeout * SECOND);
        }
        into.add(table.origin(slot) == FlowOrigin.PREEXISTING ? FlowTable.NO_TIME : table.firstSeenMicros(slot), last,
            endMicros, stop, policy.settingFor(protocol, state, flags), StateKeys.of(protocol, state), bits, timeout, tupleHash);
    }

    @Override
    public void onCloseUnseen(ConntrackRecord r, long timeMicros) {
        if (timeMicros == FlowTable.NO_TIME) {
            return;
        }
        int state = r.has(Field.STATE) ? r.state : ConnState.NONE;
        int bits = FlowLog.PREEXISTING | FlowLog.TIMEOUT_UNKNOWN;
        if (r.hasFlag(Flags.OFFLOAD) || r.hasFlag(Flags.HW_OFFLOAD)) {
            bits |= FlowLog.OFFLOAD;
        }
        FlowKeys.pack(r, false, key);
        flows.add(FlowTable.NO_TIME, FlowTable.NO_TIME, timeMicros, FlowTable.NO_TIME,
            policy.settingFor(r.protocol, state, r.flags), StateKeys.of(r.protocol, state), bits, 0, DumpEvidence.hash(key));
    }

    /**
     * Projects the input so far, the flows still open censored at its last event. Repeatable: the open flows
     * go into a copy of the flow log, so more records may follow and a later report sees them (ship projects
     * a box's journal every interval while it grows).
     */
    @Override
    public void contribute(Report report, FlowTable table) {
        FlowLog all = flows.copy();
        for (int slot = 0; slot < table.capacity(); slot++) {
            if (table.isUsed(slot) && table.origin(slot) != FlowOrigin.DUMP && table.lastSeenMicros(slot) != FlowTable.NO_TIME) {
                log(all, table, slot, FlowTable.NO_TIME, FlowTable.NO_TIME, tupleHash(table, slot, null));
            }
        }
        List<String> warnings = new ArrayList<>();
        TimeoutSettings inForce = inForce(warnings);
        TimeoutSettings proposed = options.proposedOver(inForce);
        Projection projection = timedEvents == 0 ? null
            : Projection.of(all, lags, lowWithGaps.copy(), dumps, inForce, proposed, firstMicros, lastMicros);
        lastProjection = projection;
        new WhatifSections(options, report, inForce, proposed, warnings)
            .write(projection, firstMicros, lastMicros, removedNow, atRisk, stopTimes);
        if (projection != null) {
            WhatifSections.dumpEvidence(report, dumps.size(), untimedDumpEntries, projection.dumpBounded);
        }
    }

    /**
     * The projected (point) peak within {@code [fromMicros, toMicros]} of the projection the last report made
     * ({@code from == to}: the projected entries at that instant), or -1 when it made none.
     */
    public long projectedPeak(long fromMicros, long toMicros) {
        return lastProjection == null ? -1 : lastProjection.point.sweep(fromMicros, toMicros, 0, 1, 0).peak();
    }

    /** The settings in force: what the stream printed most, else what was given or found, else the default. */
    private TimeoutSettings inForce(List<String> warnings) {
        TimeoutSettings s = options.current.copy();
        for (Setting setting : Setting.values()) {
            int i = setting.ordinal();
            if (!stream.seen(i)) {
                continue;
            }
            long seen = stream.mode(i);
            TimeoutSource given = options.current.source(setting);
            if ((given == TimeoutSource.FILE || given == TimeoutSource.KERNEL) && Math.abs(seen - s.get(setting)) > 1) {
                warnings.add(setting.shortName() + ": the stream shows " + seen + " s in force (" + stream.observations(i)
                    + " events), the " + given.label + " says " + s.get(setting) + " s; using the stream's value");
            }
            s.set(setting, seen, TimeoutSource.STREAM);
        }
        return s;
    }
}
