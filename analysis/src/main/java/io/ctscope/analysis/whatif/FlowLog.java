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

    final LongColumn start = new LongColumn();
    final LongColumn last = new LongColumn();
    final LongColumn end = new LongColumn();
    final LongColumn stop = new LongColumn();
    private final LongColumn meta = new LongColumn();
    final LongColumn tuple = new LongColumn();

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
