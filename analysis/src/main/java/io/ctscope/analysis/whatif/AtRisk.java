package io.ctscope.analysis.whatif;

import io.ctscope.ingest.record.ConntrackRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flows the proposal could cut while still in use: an idle gap between two events of a flow longer than
 * the proposed timeout of the state it was in (a long-lived quiet SSH or database connection in
 * ESTABLISHED, above all). Known: the flow was in use after the gap. Not known: whether packets that
 * refresh without an event (most of them) crossed the gap; if they did, the proposal does not cut it.
 * So each count is an upper bound on cuts the events can see; gaps after a flow's last event are
 * invisible. Counted per gap, by the state the flow was in, with the first few as examples.
 */
final class AtRisk {
    private static final int EXAMPLES = 5;
    private final long[] byState = new long[StateKeys.COUNT];
    private final List<Map<String, Object>> examples = new ArrayList<>();
    private long cuts;

    void cut(int stateKey, ConntrackRecord after, long gapMicros, long proposedSeconds) {
        cuts++;
        byState[stateKey]++;
        if (examples.size() < EXAMPLES) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("state", StateKeys.name(stateKey));
            e.put("idle_s", gapMicros / 1_000_000L);
            e.put("proposed_s", proposedSeconds);
            e.put("next_event", Printable.of(after.toString().replace('\t', ' ')));
            examples.add(e);
        }
    }

    long cuts() {
        return cuts;
    }

    Map<String, Object> section(long flows) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cuts", cuts);
        out.put("flows", flows);
        Map<String, Object> states = new LinkedHashMap<>();
        for (int k = 0; k < byState.length; k++) {
            if (byState[k] > 0) {
                states.put(StateKeys.name(k), byState[k]);
            }
        }
        out.put("by_state", states);
        out.put("examples", examples);
        out.put("known", "each counted flow was idle between two of its events for longer than the proposed"
            + " timeout of its state, and was still in use after the gap");
        out.put("unknown", "packets that refresh the timeout without an event: if any crossed the gap, the flow"
            + " is not cut; idle time after a flow's last event is not seen at all");
        return out;
    }
}
