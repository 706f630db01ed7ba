package io.ctscope.analysis.whatif;

import io.ctscope.analysis.flow.FlowTable;

/**
 * What the event stream says about each flow once it has ended (or the capture has): six longs a flow,
 * in columns. The projection needs the settings in force, which the stream only settles at its end, so
 * flows are judged then, not as they close.
 * <pre>
 * START   µs the entry appeared (the capture start for flows older than the capture)
 * LAST    µs of its last NEW/UPDATE: a packet certainly came then
 * END     µs of its DESTROY, or {@link FlowTable#NO_TIME} when still open at the end (censored)
 * STOP    µs of the ktimestamp stop (the real expiry, whole seconds), or NO_TIME
 * META    timeout:32 (32) | bits:8 (24) | setting+1:8 (16) | stateKey:16 (0)
 * TUPLE   hash of its original tuple and zone ({@link DumpEvidence#hash}), to find it in dumps
 * </pre>
 */
final class FlowLog {
    /** The last packet's time is known: the last event was the flow's last refresh. */
    static final int KNOWN_LAST = 1;
    static final int OFFLOAD = 1 << 1;
    static final int PREEXISTING = 1 << 2;
    /** The stream printed no timeout for this flow (seen only as a DESTROY): the setting in force applies. */
    static final int TIMEOUT_UNKNOWN = 1 << 3;

    final LongColumn start;
    final LongColumn last;
    final LongColumn end;
    final LongColumn stop;
    private final LongColumn meta;
    final LongColumn tuple;

    FlowLog() {
        this(new LongColumn(), new LongColumn(), new LongColumn(), new LongColumn(), new LongColumn(), new LongColumn());
    }

    private FlowLog(LongColumn start, LongColumn last, LongColumn end, LongColumn stop, LongColumn meta, LongColumn tuple) {
        this.start = start;
        this.last = last;
        this.end = end;
        this.stop = stop;
        this.meta = meta;
        this.tuple = tuple;
    }

    /** An independent copy: the flows ended so far, to which a projection made before the end adds the open ones. */
    FlowLog copy() {
        return new FlowLog(start.copy(), last.copy(), end.copy(), stop.copy(), meta.copy(), tuple.copy());
    }

    void add(long startMicros, long lastMicros, long endMicros, long stopMicros, int setting, int stateKey,
             int bits, long timeoutSeconds, long tupleHash) {
        start.add(startMicros);
        last.add(lastMicros);
        end.add(endMicros);
        stop.add(stopMicros);
        meta.add((Math.min(timeoutSeconds, 0xffffffffL) << 32) | ((long) (bits & 0xff) << 24)
            | ((long) ((setting + 1) & 0xff) << 16) | (stateKey & 0xffff));
        tuple.add(tupleHash);
    }

    int size() {
        return start.size();
    }

    long timeout(int i) {
        return meta.get(i) >>> 32;
    }

    int bits(int i) {
        return (int) (meta.get(i) >>> 24) & 0xff;
    }

    /** Setting ordinal, or -1. */
    int setting(int i) {
        return ((int) (meta.get(i) >>> 16) & 0xff) - 1;
    }

    int stateKey(int i) {
        return (int) meta.get(i) & 0xffff;
    }
}
