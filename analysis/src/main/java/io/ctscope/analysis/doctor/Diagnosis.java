package io.ctscope.analysis.doctor;

import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.stats.ConntrackStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The doctor's answer: findings most urgent first, the overall status (the worst finding's), the
 * per-namespace figures they came from, the proposed sysctl snippet, and Nagios performance data.
 */
public final class Diagnosis {
    private final List<Finding> findings;
    private final DoctorFacts facts;
    private final List<TableUse> uses;
    private final Thresholds thresholds;
    private final SysctlProposal proposal;
    private final long bytesPerEntry;

    Diagnosis(List<Finding> findings, DoctorFacts facts, List<TableUse> uses, Thresholds thresholds, SysctlProposal proposal,
              long bytesPerEntry) {
        this.findings = List.copyOf(findings);
        this.facts = facts;
        this.uses = uses;
        this.thresholds = thresholds;
        this.proposal = proposal;
        this.bytesPerEntry = bytesPerEntry;
    }

    public List<Finding> findings() {
        return findings;
    }

    public SysctlProposal proposal() {
        return proposal;
    }

    public Severity status() {
        Severity s = Severity.OK;
        for (Finding f : findings) {
            s = s.worst(f.severity());
        }
        return s;
    }

    public int exitCode() {
        return status().exitCode();
    }

    /** Nagios performance data: each namespace's entries against the thresholds and the limit, and its counters. */
    public String perfdata() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < uses.size(); i++) {
            TableUse u = uses.get(i);
            NamespaceFacts ns = facts.namespaces.get(i);
            String suffix = i == 0 ? "" : "_" + label(ns.name);
            if (u.count() >= 0) {
                sb.append(sb.length() == 0 ? "" : " ").append("entries").append(suffix).append('=').append(u.count());
                if (u.max() > 0) {
                    sb.append(';').append(Thresholds.entriesAt(thresholds.warnPercent(), u.max()))
                        .append(';').append(Thresholds.entriesAt(thresholds.critPercent(), u.max()))
                        .append(";0;").append(u.max());
                }
            }
            if (!ns.samples.isEmpty()) {
                ConntrackStats s = ns.samples.get(ns.samples.size() - 1).stats();
                for (String c : List.of("drop", "early_drop", "insert_failed")) {
                    if (s.has(c)) {
                        sb.append(sb.length() == 0 ? "" : " ").append(c).append(suffix).append('=').append(s.get(c)).append('c');
                    }
                }
            }
        }
        return sb.toString();
    }

    /** A perfdata label: letters, digits, '_', '-', '.' only (no quoting needed). */
    private static String label(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** The {@code doctor} report tree (the JSON output). */
    public Report toReport() {
        Report report = new Report();
        Map<String, Object> d = report.section("doctor");
        d.put("status", status().name());
        d.put("exit_code", exitCode());
        Map<String, Object> th = new LinkedHashMap<>();
        th.put("warn_pct", thresholds.warnPercent());
        th.put("crit_pct", thresholds.critPercent());
        d.put("thresholds", th);
        List<Object> fs = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", f.severity().name());
            m.put("code", f.code());
            m.put("namespace", f.namespace());
            m.put("title", f.title());
            m.put("evidence", new ArrayList<Object>(f.evidence()));
            fs.add(m);
        }
        d.put("findings", fs);
        Map<String, Object> nss = new LinkedHashMap<>();
        for (int i = 0; i < uses.size(); i++) {
            nss.put(facts.namespaces.get(i).name, namespace(facts.namespaces.get(i), uses.get(i)));
        }
        d.put("namespaces", nss);
        d.put("kernel_log", kernelLog());
        d.put("bytes_per_entry", bytesPerEntry);
        d.put("bytes_per_entry_source", facts.slabBytesPerEntry > 0 ? "slabinfo" : "assumed");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("basis", proposal.basis().isEmpty() ? null : proposal.basis());
        p.put("lines", new ArrayList<Object>(proposal.lines()));
        p.put("notes", new ArrayList<Object>(proposal.notes()));
        if (facts.whatif != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("dump", facts.whatif.dump());
            w.put("setting", facts.whatif.setting());
            w.put("proposed_s", facts.whatif.proposedSeconds());
            w.put("entries", facts.whatif.entries());
            w.put("removed", facts.whatif.removed());
            w.put("verdict", facts.whatif.verdict());
            p.put("whatif", w);
        }
        d.put("proposal", p);
        d.put("perfdata", perfdata());
        d.put("notes", new ArrayList<Object>(facts.notes));
        return report;
    }

    private static Map<String, Object> namespace(NamespaceFacts ns, TableUse u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inode", ns.inode > 0 ? ns.inode : null);
        m.put("count", u.count() >= 0 ? u.count() : null);
        m.put("count_source", u.countSource());
        m.put("max", u.max() > 0 ? u.max() : null);
        m.put("use_pct", u.known() ? Math.round(u.percent() * 10) / 10.0 : null);
        m.put("buckets", u.buckets() > 0 ? u.buckets() : null);
        if (!ns.samples.isEmpty()) {
            StatsSample last = ns.samples.get(ns.samples.size() - 1);
            m.put("counters", new LinkedHashMap<String, Object>(last.stats().counters()));
            m.put("counters_source", last.stats().input());
            m.put("cpus", last.stats().cpus());
            if (ns.samples.size() >= 2) {
                StatsSample first = ns.samples.get(0);
                double seconds = (last.takenMicros() - first.takenMicros()) / 1e6;
                if (seconds > 0) {
                    Map<String, Object> rates = new LinkedHashMap<>();
                    for (Map.Entry<String, Long> e : last.stats().counters().entrySet()) {
                        long before = first.stats().get(e.getKey());
                        if (before >= 0) {
                            rates.put(e.getKey(), Math.round((e.getValue() - before) / seconds * 1000) / 1000.0);
                        }
                    }
                    m.put("rates_per_s", rates);
                    m.put("rate_interval_s", seconds);
                }
            }
        }
        TableProfile t = ns.table;
        if (t != null) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("source", ns.tableSource);
            tm.put("entries", t.entries());
            tm.put("assured", t.assured());
            tm.put("unreplied", t.unreplied());
            tm.put("offload", t.offload());
            tm.put("by_state", t.counts().byState());
            Map<String, Object> idle = new LinkedHashMap<>();
            for (String state : t.counts().byState().keySet()) {
                long[] bands = t.idleOf(state);
                if (bands != null) {
                    Map<String, Object> b = new LinkedHashMap<>();
                    for (int i = 0; i < bands.length; i++) {
                        b.put(TableProfile.IDLE_BANDS[i], bands[i]);
                    }
                    idle.put(state, b);
                }
            }
            tm.put("idle", idle);
            tm.put("snat", t.snat());
            tm.put("events_ignored", t.events());
            m.put("table", tm);
        }
        m.put("notes", new ArrayList<Object>(ns.notes));
        return m;
    }

    private Map<String, Object> kernelLog() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", facts.logRead);
        m.put("unreadable", facts.logUnreadable);
        m.put("sources", new ArrayList<Object>(facts.log.sources()));
        m.put("table_full_messages", facts.log.messages());
        m.put("suppressed", facts.log.suppressed());
        List<Object> places = new ArrayList<>();
        for (TableFullLog.Place p : facts.log.places()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("where", p.key);
            pm.put("netns", p.netns > 0 ? p.netns : null);
            pm.put("messages", p.messages);
            pm.put("busiest_minute_messages", p.busiestMinuteMessages);
            List<Object> eps = new ArrayList<>();
            for (TableFullLog.Episode e : p.episodes) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("clock", e.wall ? "wall" : "uptime");
                em.put("first", e.first == Long.MIN_VALUE ? null : e.first / 1e6);
                em.put("last", e.last == Long.MIN_VALUE ? null : e.last / 1e6);
                em.put("messages", e.messages);
                eps.add(em);
            }
            pm.put("episodes", eps);
            places.add(pm);
        }
        m.put("places", places);
        return m;
    }
}
