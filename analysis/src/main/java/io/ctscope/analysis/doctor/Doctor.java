package io.ctscope.analysis.doctor;

import io.ctscope.analysis.report.Units;
import io.ctscope.ingest.kernlog.KernelLogEvent;
import io.ctscope.ingest.stats.ConntrackStats;
import io.ctscope.ingest.stats.CounterNames;
import io.ctscope.ingest.sysctl.SysctlSetting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Walks what the operator would check by hand when the table fills (table use against the limit,
 * the kernel's table-full messages, the drop counters, the hash size, what holds the table, memory,
 * NAT ports) and turns each into a {@link Finding} with its evidence, most urgent first. Time is
 * injected ({@code now}): a table-full episode in the last day is current, an older one is history.
 */
public final class Doctor {
    static final long RECENT_MICROS = 24L * 3600 * 1_000_000;
    /** Entries per bucket at a full table from which lookups walk long chains. */
    static final long LONG_CHAINS = 8;
    /** The source ports Linux picks from for SNAT without --to-ports. */
    static final long NAT_PORTS = 65_535 - 1024 + 1;
    static final long DEFAULT_BYTES_PER_ENTRY = 256;

    private final DoctorFacts facts;
    private final Thresholds thresholds;
    private final long nowMicros;
    private final List<Finding> findings = new ArrayList<>();
    private long globalMax = TableUse.UNKNOWN;
    private String globalMaxSource;
    private long globalBuckets = TableUse.UNKNOWN;

    private Doctor(DoctorFacts facts, Thresholds thresholds, Instant now) {
        this.facts = facts;
        this.thresholds = thresholds;
        this.nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    public static Diagnosis diagnose(DoctorFacts facts, Thresholds thresholds, Instant now) {
        return new Doctor(facts, thresholds, now).run();
    }

    private Diagnosis run() {
        findGlobalLimits();
        List<TableUse> uses = new ArrayList<>();
        for (NamespaceFacts ns : facts.namespaces) {
            TableUse use = TableUse.of(ns, globalMax, globalMaxSource, globalBuckets);
            uses.add(use);
            tableUse(ns, use);
            counters(ns);
            states(ns);
            nat(ns);
        }
        tableFull();
        buckets();
        memory(uses);
        if (findings.isEmpty() || findings.stream().allMatch(f -> f.code().equals("memory"))) {
            findings.add(new Finding(Severity.UNKNOWN, "nothing_to_check", null,
                "nothing to diagnose: no table count, counters, table dump or kernel-log message was read",
                List.of("give sysctl -a output, conntrack -S, /proc/net/stat/nf_conntrack, a table dump or dmesg, or --live")));
        }
        if (facts.logUnreadable != null) {
            findings.add(new Finding(Severity.OK, "kernel_log", null, "kernel log not read", List.of(facts.logUnreadable)));
        }
        findings.sort(Comparator.comparingInt((Finding f) -> -f.severity().urgency()));
        SysctlProposal proposal = SysctlProposal.propose(facts, uses, thresholds, globalMax, globalBuckets,
            bytesPerEntry(), findings);
        return new Diagnosis(findings, facts, uses, thresholds, proposal, bytesPerEntry());
    }

    private void findGlobalLimits() {
        for (NamespaceFacts ns : facts.namespaces) {
            Optional<SysctlSetting> m = ns.settings.get("nf_conntrack_max");
            if (m.isPresent() && globalMax < 0) {
                globalMax = m.get().value();
                globalMaxSource = "nf_conntrack_max (" + m.get().where() + ")";
            }
            if (globalBuckets < 0) {
                globalBuckets = ns.settings.value("nf_conntrack_buckets").orElse(TableUse.UNKNOWN);
            }
        }
        if (globalMax < 0 && facts.log.bannerMax() > 0) {
            globalMax = facts.log.bannerMax();
            globalMaxSource = "the module banner in the kernel log (the limit when nf_conntrack was loaded)";
        }
        if (globalBuckets < 0 && facts.log.bannerBuckets() > 0) {
            globalBuckets = facts.log.bannerBuckets();
        }
    }

    private void tableUse(NamespaceFacts ns, TableUse use) {
        if (use.count() < 0) {
            return;
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(n(use.count()) + " entries: " + use.countSource());
        if (use.max() <= 0) {
            evidence.add("nf_conntrack_max unknown: give sysctl -a output (or --live)");
            findings.add(new Finding(Severity.UNKNOWN, "table_use", ns.name,
                ns.label() + ": " + n(use.count()) + " entries, limit unknown", evidence));
            return;
        }
        double pct = use.percent();
        long warn = Thresholds.entriesAt(thresholds.warnPercent(), use.max());
        long crit = Thresholds.entriesAt(thresholds.critPercent(), use.max());
        evidence.add("limit " + n(use.max()) + ": " + use.maxSource() + ", global: every namespace's own count is checked against it");
        evidence.add("warning from " + n(warn) + " (" + fmt(thresholds.warnPercent()) + "%), critical from "
            + n(crit) + " (" + fmt(thresholds.critPercent()) + "%)");
        if (ns.inode > 0 && facts.log.place(ns.inode) != null) {
            evidence.add("the table was full (100%) at each of its " + facts.log.place(ns.inode).messages + " table-full messages in the kernel log");
        }
        Severity sev = pct >= thresholds.critPercent() ? Severity.CRITICAL : pct >= thresholds.warnPercent() ? Severity.WARNING : Severity.OK;
        findings.add(new Finding(sev, "table_use", ns.name, ns.label() + ": table " + n(use.count()) + " of "
            + n(use.max()) + " entries (" + fmt(pct) + "% of nf_conntrack_max)", evidence));
    }

    private void tableFull() {
        for (TableFullLog.Place p : facts.log.places()) {
            String where = describePlace(p);
            TableFullLog.Episode last = p.lastEpisode();
            boolean history = last != null && last.last != KernelLogEvent.NO_TIME
                && nowMicros - wallOf(last.last, last.wall) > RECENT_MICROS && (last.wall || facts.bootMicros >= 0);
            List<String> evidence = new ArrayList<>();
            int shown = 0;
            for (int i = p.episodes.size() - 1; i >= 0 && shown < 5; i--, shown++) {
                TableFullLog.Episode e = p.episodes.get(i);
                evidence.add(n(e.messages) + " message" + (e.messages == 1 ? "" : "s") + " " + span(e));
            }
            if (p.episodes.size() + p.episodesDropped > shown) {
                evidence.add((p.episodes.size() + p.episodesDropped - shown) + " earlier episodes not shown");
            }
            if (p.busiestMinute != KernelLogEvent.NO_TIME) {
                evidence.add("busiest minute: " + p.busiestMinuteMessages + " messages from " + time(p.busiestMinute, last != null && last.wall));
            }
            if (facts.log.suppressed() > 0) {
                evidence.add("+ " + n(facts.log.suppressed()) + " messages suppressed by the ratelimiter ("
                    + facts.log.suppressedLines() + " lines; it names no namespace and net_ratelimit is shared by every networking message: at most that many more)");
            }
            evidence.add("the message is rate-limited: conntrack -S drop= counts every dropped packet");
            if (history) {
                evidence.add("the last one is older than a day: history, not now");
            }
            findings.add(new Finding(history ? Severity.WARNING : Severity.CRITICAL, "table_full", p.netns > 0 ? placeNamespace(p) : null,
                "table full: " + n(p.messages) + " kernel message" + (p.messages == 1 ? "" : "s") + " '" + "table full, dropping packet' in " + where,
                evidence));
        }
    }

    private String placeNamespace(TableFullLog.Place p) {
        for (NamespaceFacts ns : facts.namespaces) {
            if (ns.inode == p.netns) {
                return ns.name;
            }
        }
        return p.key;
    }

    private String describePlace(TableFullLog.Place p) {
        if (p.netns > 0) {
            for (NamespaceFacts ns : facts.namespaces) {
                if (ns.inode == p.netns) {
                    return ns.label();
                }
            }
            return "netns " + p.netns + " (not among the namespaces read)";
        }
        if (p.key.equals(TableFullLog.HOST)) {
            return "the host namespace (or any namespace on a kernel before 6.17, whose message names none)";
        }
        return "OpenVZ container " + p.key;
    }

    private String span(TableFullLog.Episode e) {
        if (e.first == KernelLogEvent.NO_TIME) {
            return "(the log has no time stamps)";
        }
        return e.first == e.last ? "at " + time(e.first, e.wall) : "from " + time(e.first, e.wall) + " to " + time(e.last, e.wall);
    }

    private String time(long micros, boolean wall) {
        if (wall) {
            return Units.utc(micros / 1e6);
        }
        String up = String.format(Locale.ROOT, "uptime %.6f s", micros / 1e6);
        return facts.bootMicros >= 0 ? up + " (" + Units.utc(wallOf(micros, false) / 1e6) + ")" : up;
    }

    /** A log time as epoch µs: as is when wall-clock, else boot + uptime (only meaningful with {@link DoctorFacts#bootMicros}). */
    private long wallOf(long micros, boolean wall) {
        return wall ? micros : facts.bootMicros + micros;
    }

    private void counters(NamespaceFacts ns) {
        if (ns.samples.isEmpty()) {
            return;
        }
        StatsSample last = ns.samples.get(ns.samples.size() - 1);
        StatsSample first = ns.samples.get(0);
        ConntrackStats s = last.stats();
        double seconds = ns.samples.size() >= 2 ? (last.takenMicros() - first.takenMicros()) / 1e6 : 0;
        boolean rates = seconds > 0;
        List<String> evidence = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, Long> e : s.counters().entrySet()) {
            all.append(all.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
        }
        evidence.add((s.input().startsWith(s.form().label()) ? s.input() : s.form().label() + " " + s.input()) + (s.cpus() > 1 ? " (" + s.cpus() + " CPUs, summed)" : "") + ": " + all);
        Severity sev = Severity.OK;
        List<String> bad = new ArrayList<>();
        for (String name : List.of(CounterNames.DROP, CounterNames.EARLY_DROP, CounterNames.INSERT_FAILED, CounterNames.CHAIN_TOO_LONG)) {
            long v = s.get(name);
            if (v <= 0) {
                continue;
            }
            bad.add(name + "=" + v);
            Severity worst = name.equals(CounterNames.DROP) ? Severity.CRITICAL : Severity.WARNING;
            if (rates) {
                long delta = v - Math.max(0, first.stats().get(name));
                evidence.add(name + ": " + rate(delta, seconds) + " over the " + Units.duration((long) seconds) + " between " + first.takenFrom() + " and " + last.takenFrom());
                sev = sev.worst(delta > 0 ? worst : Severity.OK);
            } else {
                sev = sev.worst(Severity.WARNING);
            }
        }
        if (!rates && !bad.isEmpty()) {
            evidence.add("totals since the namespace's counters started: give two samples (two files, or --every SECONDS) for a rate");
        }
        describeCounter(evidence, s, CounterNames.DROP, "packets dropped: no entry could be made (table full, or an insert clash)");
        describeCounter(evidence, s, CounterNames.EARLY_DROP, "non-ASSURED entries evicted to make room (the table was full)");
        describeCounter(evidence, s, CounterNames.INSERT_FAILED, "inserts that failed: unresolved clashes or chains too long");
        describeCounter(evidence, s, CounterNames.CHAIN_TOO_LONG, "hash chains over the kernel's limit: undersized hash, or a hash attack");
        describeCounter(evidence, s, CounterNames.CLASH_RESOLVE, "insert races resolved without a drop (parallel DNS queries)");
        String title = bad.isEmpty() ? ns.label() + ": no drops, early drops, failed inserts or long chains in the counters"
            : ns.label() + ": " + String.join(" ", bad);
        findings.add(new Finding(sev, "counters", ns.name, title, evidence));
    }

    private static void describeCounter(List<String> evidence, ConntrackStats s, String name, String meaning) {
        if (s.get(name) > 0) {
            evidence.add(name + "=" + s.get(name) + ": " + meaning);
        }
    }

    private static String rate(long delta, double seconds) {
        return String.format(Locale.ROOT, "%d more (%.2f/s)", delta, delta / seconds);
    }

    private void buckets() {
        if (globalMax <= 0 || globalBuckets <= 0) {
            return;
        }
        double chain = (double) globalMax / globalBuckets;
        String chainText = String.format(Locale.ROOT, "%.1f", chain);
        List<String> evidence = new ArrayList<>();
        evidence.add("nf_conntrack_max " + n(globalMax) + " / nf_conntrack_buckets " + n(globalBuckets) + " = "
            + chainText + " entries per bucket at a full table");
        evidence.add("kernels from 5.15 size buckets = max by default; the old advice was buckets = max/4");
        Severity sev = chain >= LONG_CHAINS ? Severity.WARNING : Severity.OK;
        findings.add(new Finding(sev, "buckets", null, chain >= LONG_CHAINS
            ? "hash table small for the limit: " + chainText + " entries per bucket when full"
            : "hash table sized for the limit (" + chainText + " entries per bucket when full)", evidence));
    }

    private void states(NamespaceFacts ns) {
        TableProfile t = ns.table;
        if (t == null || t.entries() == 0) {
            return;
        }
        Map<String, Object> byState = t.counts().byState();
        List<String> evidence = new ArrayList<>();
        String top = null;
        int n = 0;
        for (Map.Entry<String, Object> e : byState.entrySet()) {
            long c = (Long) e.getValue();
            if (top == null) {
                top = e.getKey();
            }
            if (n++ < 5) {
                evidence.add(e.getKey() + ": " + n(c) + " (" + Units.percent(c, t.entries()) + ")" + idle(t.idleOf(e.getKey())));
            }
        }
        evidence.add(n(t.assured()) + " assured, " + n(t.unreplied()) + " unreplied, " + n(t.offload())
            + " offloaded; idle = timeout in force - remaining (whole seconds)");
        long topCount = (Long) byState.get(top);
        findings.add(new Finding(Severity.OK, "states", ns.name, ns.label() + ": " + top + " holds " + Units.percent(topCount, t.entries())
            + " of the " + n(t.entries()) + " entries in " + ns.tableSource, evidence));
    }

    private static String idle(long[] bands) {
        if (bands == null) {
            return "";
        }
        String[] names = {"idle <1m", "1m-1h", "1h-1d", ">1d", "unknown"};
        StringBuilder sb = new StringBuilder("; ");
        boolean any = false;
        for (int i = 0; i < bands.length; i++) {
            if (bands[i] > 0) {
                sb.append(any ? ", " : "").append(names[i]).append(' ').append(n(bands[i]));
                any = true;
            }
        }
        return any ? sb.toString() : "";
    }

    private void nat(NamespaceFacts ns) {
        TableProfile t = ns.table;
        if (t == null || t.snat() == 0) {
            return;
        }
        TableProfile.NatAddress busiest = null;
        for (TableProfile.NatAddress a : t.natAddresses()) {
            if (busiest == null || a.ports.cardinality() > busiest.ports.cardinality()) {
                busiest = a;
            }
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(n(t.snat()) + " source-NATed entries (reply to another address than the original source)");
        if (busiest == null) {
            findings.add(new Finding(Severity.OK, "nat_ports", ns.name, ns.label() + ": source NAT without ports", evidence));
            return;
        }
        int ports = busiest.ports.cardinality();
        double pct = 100.0 * ports / NAT_PORTS;
        String addr = io.ctscope.ingest.record.Addresses.toString(busiest.family, busiest.hi, busiest.lo) + " "
            + io.ctscope.ingest.record.Protocols.reportName(busiest.protocol);
        evidence.add(addr + ": " + n(ports) + " distinct source ports of the " + n(NAT_PORTS)
            + " Linux picks from (1024-65535 without --to-ports), " + fmt(pct) + "%");
        evidence.add("several flows can share a port to different destinations; ctscope report shows pressure per destination");
        if (t.natUntracked() > 0) {
            evidence.add(t.natUntracked() + " entries on addresses past the " + TableProfile.MAX_NAT_ADDRESSES + " tracked");
        }
        Severity sev = pct >= thresholds.critPercent() ? Severity.CRITICAL : pct >= thresholds.warnPercent() ? Severity.WARNING : Severity.OK;
        findings.add(new Finding(sev, "nat_ports", ns.name, ns.label() + ": NAT source ports on " + addr + " " + fmt(pct) + "% in use", evidence));
    }

    long bytesPerEntry() {
        return facts.slabBytesPerEntry > 0 ? facts.slabBytesPerEntry : DEFAULT_BYTES_PER_ENTRY;
    }

    private void memory(List<TableUse> uses) {
        long count = 0;
        boolean any = false;
        for (TableUse u : uses) {
            if (u.count() >= 0) {
                count += u.count();
                any = true;
            }
        }
        if (!any && globalMax <= 0) {
            return;
        }
        long b = bytesPerEntry();
        List<String> evidence = new ArrayList<>();
        evidence.add(b + " bytes per entry: " + (facts.slabBytesPerEntry > 0 ? "the nf_conntrack slab's object size (/proc/slabinfo)"
            : "assumed (a 6.x slab object; about 300-350 on 2.6 kernels)") + ", plus extensions");
        String title = "memory";
        if (any) {
            evidence.add("now: " + n(count) + " entries x " + b + " = " + Units.bytes(count * b)
                + (uses.size() > 1 ? " (all namespaces read)" : ""));
            title += " " + Units.bytes(count * b) + " now";
        }
        if (globalMax > 0) {
            long buckets = Math.max(0, globalBuckets);
            long atMax = globalMax * b + buckets * 8;
            evidence.add("at nf_conntrack_max: " + n(globalMax) + " x " + b + " + " + n(buckets)
                + " buckets x 8 = " + Units.bytes(atMax) + " (one limit for all namespaces together)");
            title += (any ? ", " : " ") + Units.bytes(atMax) + " at the limit";
        }
        findings.add(new Finding(Severity.OK, "memory", null, title, evidence));
    }

    /** Exact figures: an operator copies them into sysctl.conf and compares them with conntrack -S. */
    static String n(long v) {
        return Long.toString(v);
    }

    static String fmt(double v) {
        if (v > 0 && v < 0.1) {
            return "<0.1";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
