package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;

import java.util.List;
import java.util.Locale;

/** {@code -f/--family ipv4|ipv6}, as conntrack names the layer-3 protocol. */
final class FamilyMatcher implements RecordFilter {
    private final boolean ipv4;
    private final boolean ipv6;
    private final String description;

    private FamilyMatcher(boolean ipv4, boolean ipv6) {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
        description = "--family " + (ipv4 && ipv6 ? "ipv4,ipv6" : ipv4 ? "ipv4" : "ipv6");
    }

    /** One matcher for items already split at commas, e.g. {@code [ipv6]}. */
    static FamilyMatcher of(List<String> items) {
        boolean v4 = false;
        boolean v6 = false;
        for (String item : items) {
            switch (item.toLowerCase(Locale.ROOT)) {
                case "ipv4":
                case "inet":
                    v4 = true;
                    break;
                case "ipv6":
                case "inet6":
                    v6 = true;
                    break;
                default:
                    throw new IllegalArgumentException("bad --family \"" + item + "\": use ipv4 or ipv6");
            }
        }
        return new FamilyMatcher(v4, v6);
    }

    @Override
    public boolean test(ConntrackRecord r) {
        return r.family == Addresses.AF_INET ? ipv4 : r.family == Addresses.AF_INET6 && ipv6;
    }

    @Override
    public String describe() {
        return description;
    }
}
