package io.ctscope.analysis.flow;

import io.ctscope.ingest.record.ConntrackRecord;

/**
 * What happens to flows while {@link FlowTracker} rebuilds the table, in input order. Every callback
 * gets the record, its time ({@code -o timestamp} in µs, or {@link FlowTable#NO_TIME}) and, where the
 * flow is in the table, the table and the flow's slot; the slot is valid only during the call.
 * The record is reused after the call: copy what you keep.
 */
public interface FlowListener {
    /** Every record, before the callbacks below. */
    default void onRecord(ConntrackRecord r, long timeMicros) {
    }

    /** A flow entered the table; {@link FlowTable#origin(int)} tells how. The slot already holds the record. */
    default void onOpen(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
    }

    /**
     * A record about a flow already in the table. Called before the table takes the record in, so
     * the slot still holds the previous state, flags and {@link FlowTable#stateSinceMicros(int)}.
     */
    default void onUpdate(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
    }

    /**
     * A flow leaves the table; called before it is removed. {@code observed} is true for a
     * {@code [DESTROY]}; false when a {@code [NEW]} arrived for a key still in the table, so the
     * flow's DESTROY was lost (ENOBUFS) and {@code r} is the NEW record of its successor.
     */
    default void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
    }

    /** A {@code [DESTROY]} for a flow never seen: created before the capture, seen only as it ends. */
    default void onCloseUnseen(ConntrackRecord r, long timeMicros) {
    }

    /**
     * A table dump begins: its entries are a new snapshot of the table ({@code source} is its input).
     * Several dumps are successive snapshots, not parts of one table.
     */
    default void onSnapshot(int source, ConntrackRecord first) {
    }

    /**
     * A dump entry leaves the table because the next dump begins (which of them are still there, that
     * dump tells: those enter again, marked {@link FlowTable#isRelisted}). Called before it is removed.
     */
    default void onVanish(FlowTable table, int slot) {
    }
}
