package io.ctscope.analysis.top;

import java.util.Comparator;

/** One key's totals as a dimension reports them; built once, at the end, for the candidates of a top list. */
final class TalkerRow {
    /** Most flows first; equal counts in key order (IPv4 before IPv6, then numerically). */
    static final Comparator<TalkerRow> BY_FLOWS_THEN_KEY = (a, b) -> {
        int c = Long.compare(b.flows, a.flows);
        return c != 0 ? c : compareKeys(a.key, b.key);
    };

    final long[] key;
    final long flows;
    final long flowsLow;
    final long flowsHigh;
    final long bytes;
    final long packets;
    final long unreplied;

    TalkerRow(long[] key, long flows, long flowsLow, long flowsHigh, long bytes, long packets, long unreplied) {
        this.key = key;
        this.flows = flows;
        this.flowsLow = flowsLow;
        this.flowsHigh = flowsHigh;
        this.bytes = bytes;
        this.packets = packets;
        this.unreplied = unreplied;
    }

    static int compareKeys(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Long.compareUnsigned(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
