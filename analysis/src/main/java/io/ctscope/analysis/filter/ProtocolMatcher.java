package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Protocols;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --proto}: keeps records whose layer-4 protocol is one of the given names or numbers. A table
 * indexed by protocol number makes the test one array load.
 */
final class ProtocolMatcher implements RecordFilter {
    /** The names conntrack prints that an operator may type; everything else goes by number. */
    private static final String[] NAMES = {"tcp", "udp", "icmp", "icmpv6", "gre", "sctp", "dccp", "udplite"};
    private static final int[] NUMBERS = {
        Protocols.TCP, Protocols.UDP, Protocols.ICMP, Protocols.ICMPV6, Protocols.GRE, Protocols.SCTP,
        Protocols.DCCP, Protocols.UDPLITE,
    };

    private final boolean[] accepted = new boolean[Protocols.MAX + 1];
    private final String description;

    private ProtocolMatcher(List<Integer> protocols) {
        List<String> shown = new ArrayList<>();
        for (int p : protocols) {
            if (!accepted[p]) {
                accepted[p] = true;
                shown.add(display(p));
            }
        }
        description = "--proto " + String.join(",", shown);
    }

    /** One matcher for items already split at commas, e.g. {@code [tcp, 17]}. */
    static ProtocolMatcher of(List<String> items) {
        List<Integer> protocols = new ArrayList<>();
        for (String item : items) {
            protocols.add(parse(item));
        }
        return new ProtocolMatcher(protocols);
    }

    static int parse(String item) {
        String name = item.toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return NUMBERS[i];
            }
        }
        if (!name.isEmpty() && name.length() <= 3 && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int n = Integer.parseInt(name);
            if (n <= Protocols.MAX) {
                return n;
            }
        }
        throw new IllegalArgumentException("bad --proto \"" + item + "\": use a protocol number 0-255 or one of "
            + String.join(", ", NAMES));
    }

    /** The name for protocols that have one, the number for the rest (conntrack calls them all "unknown"). */
    private static String display(int protocol) {
        for (int i = 0; i < NUMBERS.length; i++) {
            if (NUMBERS[i] == protocol) {
                return NAMES[i];
            }
        }
        return Integer.toString(protocol);
    }

    @Override
    public boolean test(ConntrackRecord r) {
        int p = r.protocol;
        return p >= 0 && p <= Protocols.MAX && accepted[p];
    }

    @Override
    public String describe() {
        return description;
    }
}
