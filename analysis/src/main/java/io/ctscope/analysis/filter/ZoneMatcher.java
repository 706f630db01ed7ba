package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code -w/--zone N}: keeps records of conntrack zone N (0-65535, set by an iptables/nft {@code CT
 * zone} rule). The zone is {@code zone=}, else the original direction's {@code zone-orig=}, else 0:
 * conntrack prints no zone for the default zone 0 (the flow keys use the same rule).
 */
final class ZoneMatcher implements RecordFilter {
    private static final int MAX_ZONE = 65_535;

    private final boolean[] zones = new boolean[MAX_ZONE + 1];
    private final String description;

    private ZoneMatcher(List<Integer> accepted) {
        List<String> shown = new ArrayList<>();
        for (int z : accepted) {
            if (!zones[z]) {
                zones[z] = true;
                shown.add(Integer.toString(z));
            }
        }
        description = "--zone " + String.join(",", shown);
    }

    /** One matcher for items already split at commas, e.g. {@code [0, 3]}. */
    static ZoneMatcher of(List<String> items) {
        List<Integer> accepted = new ArrayList<>();
        for (String item : items) {
            boolean digits = !item.isEmpty() && item.length() <= 5 && item.chars().allMatch(c -> c >= '0' && c <= '9');
            int z = digits ? Integer.parseInt(item) : -1;
            if (z < 0 || z > MAX_ZONE) {
                throw new IllegalArgumentException("bad --zone \"" + item + "\": use a zone number 0-65535");
            }
            accepted.add(z);
        }
        return new ZoneMatcher(accepted);
    }

    @Override
    public boolean test(ConntrackRecord r) {
        int z = r.has(Field.ZONE) ? r.zone : r.orig.hasZone ? r.orig.zone : 0;
        return z >= 0 && z <= MAX_ZONE && zones[z];
    }

    @Override
    public String describe() {
        return description;
    }
}
