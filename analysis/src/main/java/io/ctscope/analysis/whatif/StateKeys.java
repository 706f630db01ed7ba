package io.ctscope.analysis.whatif;

import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.Protocols;

/**
 * Protocol and state as one small int ({@code protocol * MAX_STATES + state}), so per-state counters are
 * array rows, and its report name: {@code tcp/ESTABLISHED}, or the protocol alone when it has no states.
 */
final class StateKeys {
    static final int COUNT = (Protocols.MAX + 1) * ConnState.MAX_STATES;

    private StateKeys() {
    }

    static int of(int protocol, int state) {
        return (protocol & Protocols.MAX) * ConnState.MAX_STATES + (Protocols.hasState(protocol) ? state & (ConnState.MAX_STATES - 1) : 0);
    }

    static String name(int key) {
        int protocol = key / ConnState.MAX_STATES;
        int state = key % ConnState.MAX_STATES;
        String p = Protocols.reportName(protocol);
        return Protocols.hasState(protocol) ? p + "/" + ConnState.name(state) : p;
    }
}
