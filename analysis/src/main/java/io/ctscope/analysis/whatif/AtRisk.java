package io.ctscope.analysis.whatif;

import io.ctscope.analysis.flow.FlowKeys;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.keys.KeyMap;
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
 * invisible. Gaps are counted as {@code cuts}; flows are counted once each however many of their gaps
 * are cuts ({@code flows}), and once per state they had a cut in ({@code by_state}), with one example a
 * flow for the first few. A flow is its key and its first-seen time, so a tuple reused by a later entry
 * is another flow.
 */
final class AtRisk {
    private static final int EXAMPLES = 5;
    private static final int FIRST_SEEN = 0;
    private final long[] byState = new long[StateKeys.COUNT];
    private final List<Map<String, Object>> examples = new ArrayList<>();
    /** Flows with a cut: key to first-seen µs. */
    private final KeyMap flowsCut = new KeyMap(FlowKeys.WIDTH, 1);
    /** Flows with a cut in a state: key and state key to first-seen µs. */
    private final KeyMap statesCut = new KeyMap(FlowKeys.WIDTH + 1, 1);
    private final long[] key = new long[FlowKeys.WIDTH + 1];
    private final long[] flowKey = new long[FlowKeys.WIDTH];
    private long cuts;
    private long flows;

    /** A gap of {@code gapMicros} in state {@code stateKey} of the flow in {@code slot}, ended by {@code after}. */
    void cut(FlowTable table, int slot, int stateKey, ConntrackRecord after, long gapMicros, long proposedSeconds) {
        cuts++;
        long firstSeen = table.firstSeenMicros(slot);
        table.copyKey(slot, flowKey);
        System.arraycopy(flowKey, 0, key, 0, FlowKeys.WIDTH);
        key[FlowKeys.WIDTH] = stateKey;
        if (firstCut(statesCut, key, firstSeen)) {
            byState[stateKey]++;
        }
        if (firstCut(flowsCut, flowKey, firstSeen)) {
            flows++;
            if (examples.size() < EXAMPLES) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("state", StateKeys.name(stateKey));
                e.put("idle_s", gapMicros / 1_000_000L);
                e.put("proposed_s", proposedSeconds);
                e.put("next_event", Printable.of(after.toString().replace('\t', ' ')));
                examples.add(e);
            }
        }
    }

    /** True the first time {@code key} is cut in the flow that began at {@code firstSeen}. */
    private static boolean firstCut(KeyMap map, long[] key, long firstSeen) {
        int slot = map.findOrInsert(key);
        if (!map.lastInsertWasNew() && map.value(slot, FIRST_SEEN) == firstSeen) {
            return false;
        }
        map.setValue(slot, FIRST_SEEN, firstSeen);
        return true;
    }

    long cuts() {
        return cuts;
    }

    long flows() {
        return flows;
    }

    Map<String, Object> section(long flowsSeen) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cuts", cuts);
        out.put("flows", flows);
        out.put("flows_seen", flowsSeen);
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
