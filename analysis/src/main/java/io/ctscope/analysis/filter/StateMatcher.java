package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --state}: keeps records whose printed protocol state (tcp, sctp, dccp) is one of the given
 * names, or that carry the {@code [UNREPLIED]} / {@code [ASSURED]} flag when those pseudo-states are
 * given. Records that print no state (udp, icmp, most DESTROY lines of older kernels) match only
 * through the pseudo-states.
 *
 * <p>Names are checked against the states {@link ConnState} knows when the filter is built (every name
 * conntrack-tools prints is registered up front) rather than passed to {@link ConnState#code(String)}:
 * that call registers any unknown name as a new state, so a typo would silently match nothing.
 */
final class StateMatcher implements RecordFilter {
    private static final String UNREPLIED = "UNREPLIED";
    private static final String ASSURED = "ASSURED";

    private final boolean[] states = new boolean[ConnState.MAX_STATES];
    private final int flagMask;
    private final String description;

    private StateMatcher(List<String> names) {
        int mask = 0;
        for (String name : names) {
            if (UNREPLIED.equals(name)) {
                mask |= Flags.UNREPLIED;
            } else if (ASSURED.equals(name)) {
                mask |= Flags.ASSURED;
            } else {
                states[knownCode(name)] = true;
            }
        }
        flagMask = mask;
        description = "--state " + String.join(",", names);
    }

    /** One matcher for items already split at commas, e.g. {@code [established, UNREPLIED]}. */
    static StateMatcher of(List<String> items) {
        List<String> names = new ArrayList<>();
        for (String item : items) {
            String name = item.toUpperCase(Locale.ROOT);
            if (!UNREPLIED.equals(name) && !ASSURED.equals(name) && knownCode(name) < 0) {
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
        names.add(UNREPLIED);
        names.add(ASSURED);
        return String.join(", ", names);
    }

    @Override
    public boolean test(ConntrackRecord r) {
        if ((r.flags & flagMask) != 0) {
            return true;
        }
        int s = r.state;
        return r.has(Field.STATE) && s >= 0 && s < states.length && states[s];
    }

    @Override
    public String describe() {
        return description;
    }
}
