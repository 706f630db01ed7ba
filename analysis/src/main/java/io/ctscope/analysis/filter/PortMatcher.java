package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --port}: keeps records whose ORIGINAL tuple has the given port, or one in the given range
 * ({@code 1024-65535}), as source OR destination port; {@code --sport}, {@code --dport} (conntrack's
 * {@code --orig-port-src}, {@code --orig-port-dst}), {@code --reply-port-src} and
 * {@code --reply-port-dst} look at one port of one direction only. Records without ports (icmp, gre,
 * unknown) never match. The ports are a 65536-bit set, so the test is two bit lookups whatever the ranges.
 */
final class PortMatcher implements RecordFilter {
    /** Which port(s) of the record the matcher looks at, and the option that names them. */
    enum Which {
        EITHER_ORIGINAL("--port"), ORIGINAL_SOURCE("--sport"), ORIGINAL_DESTINATION("--dport"),
        REPLY_SOURCE("--reply-port-src"), REPLY_DESTINATION("--reply-port-dst");

        final String option;

        Which(String option) {
            this.option = option;
        }
    }

    private static final int MAX_PORT = 65535;

    private final Which which;
    private final long[] bits = new long[(MAX_PORT + 1) / 64];
    private final String description;

    private PortMatcher(Which which, List<int[]> ranges) {
        this.which = which;
        List<String> shown = new ArrayList<>();
        for (int[] range : ranges) {
            String text = range[0] == range[1] ? Integer.toString(range[0]) : range[0] + "-" + range[1];
            if (!shown.contains(text)) {
                shown.add(text);
            }
            for (int p = range[0]; p <= range[1]; p++) {
                bits[p >>> 6] |= 1L << p;
            }
        }
        description = which.option + " " + String.join(",", shown);
    }

    /** One matcher for items already split at commas, e.g. {@code [53, 1024-65535]}. */
    static PortMatcher of(List<String> items) {
        return of(Which.EITHER_ORIGINAL, items);
    }

    static PortMatcher of(Which which, List<String> items) {
        List<int[]> ranges = new ArrayList<>();
        for (String item : items) {
            ranges.add(PortRange.parse(which.option, item));
        }
        return new PortMatcher(which, ranges);
    }

    @Override
    public boolean test(ConntrackRecord r) {
        switch (which) {
            case ORIGINAL_SOURCE:
                return r.orig.hasPorts() && has(r.orig.sport);
            case ORIGINAL_DESTINATION:
                return r.orig.hasPorts() && has(r.orig.dport);
            case REPLY_SOURCE:
                return r.reply.hasPorts() && has(r.reply.sport);
            case REPLY_DESTINATION:
                return r.reply.hasPorts() && has(r.reply.dport);
            default:
                Tuple t = r.orig;
                return t.hasPorts() && (has(t.sport) || has(t.dport));
        }
    }

    private boolean has(int port) {
        return port <= MAX_PORT && (bits[port >>> 6] & (1L << port)) != 0;
    }

    @Override
    public String describe() {
        return description;
    }
}
