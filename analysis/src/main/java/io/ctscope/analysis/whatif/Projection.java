package io.ctscope.analysis.whatif;

import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.timeout.Setting;
import io.ctscope.analysis.timeout.TimeoutSettings;

/**
 * The live table over the capture had the proposed settings been in force, from the event stream.
 *
 * <p>Each flow's last packet {@code L} is bounded: after its last event, and no later than
 * {@code DESTROY - timeout in force} (the DESTROY comes at expiry plus the reaping lag). Under the
 * proposal the entry would live from its start to {@code L + proposed}. The low curve takes the earliest
 * L (and leaves the entry out during every idle gap between events longer than the
 * proposed timeout of that state, where it could have expired), the high curve the latest L (the DESTROY
 * on time), the point curve the exact L when known; else L = the last event when the DESTROY came no later than
 * timeout + the largest reaping lag the capture measured (+1 s) after it (gc passes reap in batches, so
 * lags differ flow by flow: a flow that fits is read as quiet after its last event), else L = DESTROY -
 * timeout - the median lag ({@link LagEstimate}): a flow active without events after its last one. Every flow's true interval lies between its low and high ones,
 * so the true table lies between the curves at every instant. A flow destroyed before its timeout could
 * have run out (RST on an unanswered SYN, conntrack -D, early drop) ends then under the proposal too, if
 * not earlier. Flows under a per-rule timeout (printed timeout not the setting in force), {@code [OFFLOAD]}
 * entries and states no sysctl times keep their observed timeout. Flows still open at the end are
 * censored: low assumes they went quiet at their last event, high that they are active at the end, point
 * that they went quiet as late as the current timeout allows ({@code max(last event, end - timeout -
 * lag)}). The counted curve adds the point lag: the count the kernel checks against nf_conntrack_max
 * holds expired entries until they are reaped.
 *
 * <p>Dumps taken beside the stream ({@link DumpEvidence}) raise L where they listed the flow: its last
 * packet came no earlier than {@code D - T + r}, so low starts there less 1 s (the second the dump rounds
 * down to, and a read of the table that takes up to a second before the file's time), point half a second
 * after it; neither passes high. Flows whose last packet is known already take nothing from dumps.
 */
final class Projection {
    /** A DESTROY this close to the largest lag the capture measured is read as "no packet after the last event". */
    static final long LAG_SLACK_MICROS = 1_000_000L;
    /** A dump's seconds left are rounded down, and its file is written after the read: 1 s either way. */
    static final long DUMP_SLACK_MICROS = 1_000_000L;
    final Curve low;
    final Curve point = new Curve();
    final Curve high = new Curve();
    final Curve counted = new Curve();
    /** Flows projected: every entry the capture shows. */
    long flows;
    long censored;
    long censoredEndedInWindow;
    /**
     * Applied at the end of the capture, the open flows keep the expiry their last packet set under the
     * current timeouts: each leaves on its own, if quiet from then on, between {@code last event +
     * timeout} and {@code end + timeout}; counted by the later bound, seconds after the end, in the
     * buckets of {@link RemovedNow#DRAIN_LABELS}.
     */
    final long[] censoredDrainBound = new long[RemovedNow.DRAIN_LABELS.length];
    long perRule;
    long offload;
    long fixed;
    long killedEarly;
    long knownLast;
    /** Flows whose earliest last packet a dump beside the stream moved later than their last event. */
    long dumpBounded;
    long lagMedianMicros;
    long lagMaxMicros;
    int lagSamples;
    /** Per state key: flows, current entry-µs (start to DESTROY), projected point entry-µs, within the window. */
    final long[][] byState = new long[StateKeys.COUNT][];

    private Projection(Curve low) {
        this.low = low;
    }

    /** {@code lowWithGaps} already holds the idle gaps the proposal could cut ({@link Curve#addAbsence}). */
    static Projection of(FlowLog flows, LagEstimate lags, Curve lowWithGaps, DumpEvidence dumps, TimeoutSettings inForce,
                         TimeoutSettings proposed, long windowStart, long windowEnd) {
        Projection p = new Projection(lowWithGaps);
        long[] sortedLags = lags.sorted();
        p.lagMedianMicros = LagEstimate.median(sortedLags);
        p.lagMaxMicros = LagEstimate.max(sortedLags);
        p.lagSamples = sortedLags.length;
        p.flows = flows.size();
        for (int i = 0; i < flows.size(); i++) {
            p.project(flows, i, dumps, inForce, proposed, windowStart, windowEnd);
        }
        return p;
    }

    private void project(FlowLog flows, int i, DumpEvidence dumps, TimeoutSettings inForce, TimeoutSettings proposed,
                         long windowStart, long windowEnd) {
        int bits = flows.bits(i);
        int setting = flows.setting(i);
        // flows older than the capture count from its start, like the report's occupancy
        long start = flows.start.get(i) == FlowTable.NO_TIME ? windowStart : flows.start.get(i);
        boolean lastUnknown = flows.last.get(i) == FlowTable.NO_TIME;
        long last = lastUnknown ? windowStart : flows.last.get(i);
        long end = flows.end.get(i);
        long stop = flows.stop.get(i);
        long tA = (bits & FlowLog.TIMEOUT_UNKNOWN) != 0 && setting >= 0 ? inForce.get(setting) : flows.timeout(i);
        long tB = proposedTimeout(bits, setting, tA, inForce, proposed);
        long a = tA * 1_000_000L;
        long b = tB * 1_000_000L;
        long lastLow;
        long lastPoint;
        long lastHigh;
        long capEnd = Long.MAX_VALUE;
        if (end == FlowTable.NO_TIME) {
            censored++;
            lastLow = last;
            lastHigh = windowEnd;
            lastPoint = Math.max(last, windowEnd - a - lagMedianMicros);
            if (lastPoint + b <= windowEnd) {
                censoredEndedInWindow++;
            }
            censoredDrainBound[RemovedNow.drainBucket(tA)]++;
        } else if (lastUnknown) {
            // seen only as its DESTROY: its last packet may even predate the capture
            lastLow = Long.MIN_VALUE / 4;
            lastHigh = end - a;
            lastPoint = end - a - lagMedianMicros;
        } else if ((bits & FlowLog.KNOWN_LAST) != 0) {
            lastLow = lastPoint = lastHigh = last;
            if (end < last + a - 1_000_000L) {
                killedEarly++;
                capEnd = end;
            }
        } else if (stop != FlowTable.NO_TIME) {
            // stop is whole seconds: the expiry lies in [stop, stop + 1 s)
            lastLow = Math.max(last, stop - a);
            lastHigh = Math.max(last, stop + 1_000_000L - a);
            lastPoint = lastLow;
        } else if (end < last + a - 1_000_000L) {
            killedEarly++;
            lastLow = lastPoint = lastHigh = last;
            capEnd = end;
        } else {
            lastLow = last;
            lastHigh = Math.max(last, end - a);
            lastPoint = end - a - last <= lagMaxMicros + LAG_SLACK_MICROS
                ? last
                : Math.max(last, Math.min(lastHigh, end - a - lagMedianMicros));
        }
        if (dumps.size() > 0 && (bits & FlowLog.KNOWN_LAST) == 0 && stop == FlowTable.NO_TIME && capEnd == Long.MAX_VALUE) {
            long from = flows.start.get(i) == FlowTable.NO_TIME ? Long.MIN_VALUE : start - DUMP_SLACK_MICROS;
            long to = end == FlowTable.NO_TIME ? Long.MAX_VALUE : end + DUMP_SLACK_MICROS;
            long seen = dumps.lastPacketAtLeast(flows.tuple.get(i), from, to, inForce, tA);
            if (seen != DumpEvidence.NONE && seen - DUMP_SLACK_MICROS > lastLow) {
                dumpBounded++;
                lastLow = Math.min(lastHigh, seen - DUMP_SLACK_MICROS);
                lastPoint = Math.max(lastPoint, Math.min(lastHigh, seen + DUMP_SLACK_MICROS / 2));
            }
        }
        long endPoint = Math.min(capEnd, lastPoint + b);
        low.add(start, Math.min(capEnd, lastLow + b));
        point.add(start, endPoint);
        high.add(start, Math.min(capEnd, lastHigh + b));
        counted.add(start, capEnd == Long.MAX_VALUE ? endPoint + lagMedianMicros : capEnd);
        long[] row = byState[flows.stateKey(i)];
        if (row == null) {
            row = new long[3];
            byState[flows.stateKey(i)] = row;
        }
        row[0]++;
        row[1] += Math.max(0, Math.min(end == FlowTable.NO_TIME ? windowEnd : end, windowEnd) - start);
        row[2] += Math.max(0, Math.min(endPoint, windowEnd) - start);
    }

    private long proposedTimeout(int bits, int setting, long tA, TimeoutSettings inForce, TimeoutSettings proposed) {
        if ((bits & FlowLog.OFFLOAD) != 0) {
            offload++;
            return tA;
        }
        if (setting < 0) {
            fixed++;
            return tA;
        }
        long current = inForce.get(setting);
        if (Math.abs(tA - current) <= 1) {
            return proposed.get(setting);
        }
        Setting s = Setting.of(setting);
        if (s.name().startsWith("TCP") && Math.abs(tA - inForce.tcpCap()) <= 1 && current > inForce.tcpCap()) {
            // a capped refresh (retransmits, unacknowledged data): capped under the proposal as well
            return Math.min(proposed.get(setting), proposed.tcpCap());
        }
        perRule++;
        return tA;
    }
}
