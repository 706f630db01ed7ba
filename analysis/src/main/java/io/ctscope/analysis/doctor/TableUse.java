package io.ctscope.analysis.doctor;

import io.ctscope.ingest.sysctl.SysctlSetting;
import io.ctscope.ingest.stats.ConntrackStats;

import java.util.Optional;

/**
 * One namespace's entry count and the limit it is checked against, each with what it is. The kernel
 * checks a namespace's own count against the one global {@code nf_conntrack_max}, and it counts expired
 * entries not yet reaped: {@code nf_conntrack_count} (and /proc/net/stat's {@code entries}) is that
 * count; a dump read from /proc or {@code conntrack -L} reaps as it reads and shows fewer.
 */
public record TableUse(long count, String countSource, long max, String maxSource, long buckets) {
    public static final long UNKNOWN = -1;

    public static TableUse of(NamespaceFacts ns, long globalMax, String globalMaxSource, long globalBuckets) {
        long count = UNKNOWN;
        String from = null;
        Optional<SysctlSetting> c = ns.settings.get("nf_conntrack_count");
        if (c.isPresent()) {
            count = c.get().value();
            from = "nf_conntrack_count (" + c.get().where() + "; expired entries not yet reaped count too)";
        } else {
            for (int i = ns.samples.size() - 1; i >= 0 && count < 0; i--) {
                ConntrackStats s = ns.samples.get(i).stats();
                if (s.entries() >= 0) {
                    count = s.entries();
                    from = "entries in " + s.input() + " (the kernel's count)";
                }
            }
            if (count < 0 && ns.table != null && ns.table.entries() + ns.table.events() > 0) {
                count = ns.table.entries();
                from = "entries in the dump " + ns.tableSource + (ns.tableReaped
                    ? " (a reaping read: expired entries are not in it, the kernel's count can be higher)" : "");
            }
        }
        long max = globalMax;
        String maxFrom = globalMaxSource;
        Optional<SysctlSetting> m = ns.settings.get("nf_conntrack_max");
        if (max < 0 && m.isPresent()) {
            max = m.get().value();
            maxFrom = "nf_conntrack_max (" + m.get().where() + ")";
        }
        long buckets = ns.settings.value("nf_conntrack_buckets").orElse(globalBuckets);
        return new TableUse(count, from, max, maxFrom, buckets);
    }

    public boolean known() {
        return count >= 0 && max > 0;
    }

    public double percent() {
        return known() ? 100.0 * count / max : Double.NaN;
    }
}
