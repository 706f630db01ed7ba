package io.ctscope.fleet.summary;

import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.RecordKind;

/**
 * The cells of a summary's event counts: one per record kind × protocol × state (or no state), in one flat
 * index, named as the report names them ({@code events.by_state.NEW."tcp/SYN_SENT"}).
 */
final class EventCells {
    static final int STATES = ConnState.MAX_STATES + 1;
    static final int PER_KIND = (Protocols.MAX + 1) * STATES;
    static final int KINDS = RecordKind.values().length;
    static final int COUNT = KINDS * PER_KIND;

    private EventCells() {
    }

    static int cell(RecordKind kind, int protocol, boolean hasState, int state) {
        return kind.ordinal() * PER_KIND + (protocol & Protocols.MAX) * STATES + (hasState ? (state & (ConnState.MAX_STATES - 1)) + 1 : 0);
    }

    static RecordKind kind(int cell) {
        return RecordKind.values()[cell / PER_KIND];
    }

    /** {@code tcp/ESTABLISHED}, or {@code udp} for a protocol without states. */
    static String stateName(int cell) {
        int inKind = cell % PER_KIND;
        int protocol = inKind / STATES;
        int s = inKind % STATES;
        return s == 0 ? Protocols.reportName(protocol) : Protocols.reportName(protocol) + "/" + ConnState.name(s - 1);
    }

    static String protocolName(int cell) {
        return Protocols.reportName((cell % PER_KIND) / STATES);
    }
}
