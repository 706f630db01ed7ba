package io.ctscope.analysis.count;

import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.Protocols;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts by protocol and state in one flat array, for the report's {@code by_protocol} and
 * {@code by_state} maps. A state is named {@code proto/STATE} ({@code tcp/ESTABLISHED}); a protocol
 * without states (udp, icmp ...) counts under its own name.
 */
public final class ProtocolStateCounts {
    private static final int STATES = ConnState.MAX_STATES + 1;
    private final long[] counts = new long[(Protocols.MAX + 1) * STATES];

    /** Counts one flow or event; {@code state} is ignored unless {@code hasState}. */
    public void add(int protocol, boolean hasState, int state) {
        counts[(protocol & Protocols.MAX) * STATES + (hasState ? state + 1 : 0)]++;
    }

    /** Adds {@code other}'s counts to these: the counts of both sets of flows or events together. */
    public void merge(ProtocolStateCounts other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** {@code {"tcp": n, "udp": m}}, largest first. */
    public Map<String, Object> byProtocol() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int p = 0; p <= Protocols.MAX; p++) {
            long n = 0;
            for (int s = 0; s < STATES; s++) {
                n += counts[p * STATES + s];
            }
            if (n > 0) {
                out.put(Protocols.reportName(p), n);
            }
        }
        return sortedByCount(out);
    }

    /** {@code {"tcp/ESTABLISHED": n, "udp": m}}, largest first. */
    public Map<String, Object> byState() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int p = 0; p <= Protocols.MAX; p++) {
            for (int s = 0; s < STATES; s++) {
                long n = counts[p * STATES + s];
                if (n > 0) {
                    out.put(s == 0 ? Protocols.reportName(p) : Protocols.reportName(p) + "/" + ConnState.name(s - 1), n);
                }
            }
        }
        return sortedByCount(out);
    }

    /** Largest count first, then by name, so reports diff cleanly. */
    public static Map<String, Object> sortedByCount(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> {
            int c = Long.compare(b.getValue(), a.getValue());
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
        });
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : entries) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
