package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code -u/--status ASSURED|SEEN_REPLY|OFFLOAD|HW_OFFLOAD}: conntrack's status bits as the text shows
 * them. {@code SEEN_REPLY} is a record without {@code [UNREPLIED]}; {@code OFFLOAD} is {@code [OFFLOAD]}
 * or {@code [HW_OFFLOAD]} (hardware offload sets both bits; the tools print the stronger one). These bits
 * are set once and stay, so like {@code --state} the matcher picks a flow at its first record showing
 * the bit. {@code UNREPLIED} (never got a reply) can only be decided at a flow's end: it is not a
 * record test, see {@link NeverRepliedFlows}. The other bits conntrack names (FIXED_TIMEOUT, EXPECTED)
 * never appear in its text output, so they are refused rather than silently matching nothing.
 */
final class StatusMatcher implements RecordFilter {
    static final String UNREPLIED = "UNREPLIED";
    private static final String[] NAMES = {"ASSURED", "SEEN_REPLY", "OFFLOAD", "HW_OFFLOAD"};
    private static final int SEEN_REPLY = 1 << 30;
    private static final int[] BITS = {Flags.ASSURED, SEEN_REPLY, Flags.OFFLOAD | Flags.HW_OFFLOAD, Flags.HW_OFFLOAD};

    private final int mask;
    private final String description;

    private StatusMatcher(int mask, String description) {
        this.mask = mask;
        this.description = description;
    }

    /** The status names of items already split at commas, upper-cased, checked; UNREPLIED only alone. */
    static List<String> names(List<String> items) {
        List<String> names = new ArrayList<>();
        for (String item : items) {
            String name = item.toUpperCase(Locale.ROOT);
            if (!UNREPLIED.equals(name) && bit(name) == 0) {
                throw new IllegalArgumentException("bad --status \"" + item + "\": use UNREPLIED (never got a reply), "
                    + String.join(", ", NAMES) + (name.equals("FIXED_TIMEOUT") || name.equals("EXPECTED")
                    ? " (conntrack's text output never shows " + name + ")" : ""));
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        if (names.contains(UNREPLIED) && names.size() > 1) {
            throw new IllegalArgumentException("--status UNREPLIED picks flows that never got a reply: it cannot be"
                + " combined with other statuses");
        }
        return names;
    }

    private static int bit(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return BITS[i];
            }
        }
        return 0;
    }

    /** The matcher of checked names other than UNREPLIED (see {@link #names}). */
    static StatusMatcher of(List<String> names) {
        int mask = 0;
        for (String name : names) {
            mask |= bit(name);
        }
        return new StatusMatcher(mask, "--status " + String.join(",", names));
    }

    @Override
    public boolean test(ConntrackRecord r) {
        int flags = r.flags;
        if ((flags & Flags.UNREPLIED) == 0) {
            flags |= SEEN_REPLY;
        }
        return (flags & mask) != 0;
    }

    @Override
    public String describe() {
        return description;
    }
}
