package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --state}: keeps records whose printed protocol state (tcp, sctp, dccp) is one of the given
 * names. Records that print no state (udp, icmp, most DESTROY lines of older kernels) never match.
 * {@code [UNREPLIED]} and {@code [ASSURED]} are status bits, not states: they are refused here with a
 * pointer to {@code --status} ({@link StatusMatcher}).
 *
 * <p>Names are checked against the states {@link ConnState} knows when the filter is built (every name
 * conntrack-tools prints is registered up front) rather than passed to {@link ConnState#code(String)}:
 * that call registers any unknown name as a new state, so a typo would silently match nothing.
 */
final class StateMatcher implements RecordFilter {
    private static final List<String> STATUS_NAMES = List.of("UNREPLIED", "ASSURED", "SEEN_REPLY", "OFFLOAD", "HW_OFFLOAD");

    private final boolean[] states = new boolean[ConnState.MAX_STATES];
    private final String description;

    private StateMatcher(List<String> names) {
        for (String name : names) {
            states[knownCode(name)] = true;
        }
        description = "--state " + String.join(",", names);
    }

    /** One matcher for items already split at commas, e.g. {@code [established, UNREPLIED]}. */
    static StateMatcher of(List<String> items) {
        List<String> names = new ArrayList<>();
        for (String item : items) {
            String name = item.toUpperCase(Locale.ROOT);
            if (STATUS_NAMES.contains(name)) {
                throw new IllegalArgumentException("bad --state \"" + item + "\": " + name + " is a status, not a state:"
                    + " use --status " + name);
            }
            if (knownCode(name) < 0) {
                throw new IllegalArgumentException("bad --state \"" + item + "\": use one of " + acceptedNames());
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return new StateMatcher(names);
    }

    /** The code of a registered state name, or -1; never registers a new one. */
    private static int knownCode(String name) {
        int n = ConnState.count();
        for (int code = 0; code < n; code++) {
            if (ConnState.name(code).equals(name)) {
                return code;
            }
        }
        return -1;
    }

    private static String acceptedNames() {
        List<String> names = new ArrayList<>();
        int n = ConnState.count();
        for (int code = 0; code < n; code++) {
            if (code != ConnState.OTHER) {
                names.add(ConnState.name(code));
            }
        }
        return String.join(", ", names) + " (for UNREPLIED, ASSURED use --status)";
    }

    @Override
    public boolean test(ConntrackRecord r) {
        int s = r.state;
        return r.has(Field.STATE) && s >= 0 && s < states.length && states[s];
    }

    @Override
    public String describe() {
        return description;
    }
}
