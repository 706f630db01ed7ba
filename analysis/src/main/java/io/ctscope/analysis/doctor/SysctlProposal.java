package io.ctscope.analysis.doctor;

import io.ctscope.analysis.report.Units;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code sysctl.conf} snippet for what the findings show. The limit part follows from the box's own
 * numbers (double it, to a power of two, when the table is near full or overflowed) with its memory
 * cost. The timeout part is backed by the what-if projection on the table dump when there is one
 * ({@link #basis} {@code whatif}); without one it is the articles' rule of thumb and says so.
 */
public record SysctlProposal(List<String> lines, String basis, List<String> notes) {
    public static final String WHATIF = "whatif";
    public static final String RULE_OF_THUMB = "rule of thumb";
    public static final String DUMP_IDLE = "the dump's idle times";
    /** The articles' tcp_timeout_established (15 h) instead of the kernel's 5 days. */
    public static final long ESTABLISHED_RULE_OF_THUMB = 54_000;
    static final long DEFAULT_ESTABLISHED = 432_000;

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    static SysctlProposal propose(DoctorFacts facts, List<TableUse> uses, Thresholds thresholds, long max, long buckets,
                                  long bytesPerEntry, List<Finding> findings) {
        List<String> lines = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> why = new ArrayList<>();
        long peak = 0;
        for (TableUse u : uses) {
            if (u.known() && u.percent() >= thresholds.warnPercent()) {
                why.add("the table at " + u.count() + " of " + u.max());
            }
            peak = Math.max(peak, u.count());
        }
        for (Finding f : findings) {
            if (f.severity() != Severity.OK && f.code().equals("table_full") && !why.contains("table-full messages")) {
                why.add("table-full messages");
            }
            if (f.severity() != Severity.OK && f.code().equals("counters") && !why.contains("drop counters")) {
                why.add("drop counters");
            }
        }
        boolean pressure = !why.isEmpty();
        if (pressure && max > 0) {
            long proposed = Long.highestOneBit(Math.max(max, peak) * 2 - 1) << 1;
            lines.add("# " + String.join(", ", why) + ": twice the limit (global: every namespace counts against it)");
            lines.add("net.netfilter.nf_conntrack_max = " + proposed);
            lines.add("# memory at that limit: " + Units.bytes(proposed * bytesPerEntry + proposed * 8)
                + " (" + bytesPerEntry + " bytes per entry + 8 per bucket)");
            if (buckets > 0 && proposed / buckets >= Doctor.LONG_CHAINS / 2) {
                lines.add("net.netfilter.nf_conntrack_buckets = " + proposed
                    + "   # one bucket per entry (5.15+ default); older kernels: hashsize=" + proposed / 4 + " module option");
            }
        }
        String basis = "";
        DoctorFacts.WhatifEvidence w = facts.whatif;
        if (w != null && w.removed() > 0) {
            lines.add("# " + (w.basis().equals(WHATIF) ? "whatif" : "idle times") + " on " + w.dump() + ": " + w.verdict());
            lines.add("net.netfilter.nf_conntrack_" + w.setting() + " = " + w.proposedSeconds());
            basis = w.basis();
            notes.add("a sysctl change reaches an entry at its next packet: the table drains to that level as old expiries run"
                + " out, unless the idle entries are deleted (ctscope whatif --print-deletes)");
        } else if (w != null) {
            notes.add(w.basis() + " on " + w.dump() + ": " + w.verdict() + " - no timeout change proposed");
        } else if (pressure && establishedInForce(facts) >= DEFAULT_ESTABLISHED) {
            lines.add("# rule of thumb (no table dump to project it on): 15 h instead of the kernel's 5 days");
            lines.add("net.netfilter.nf_conntrack_tcp_timeout_established = " + ESTABLISHED_RULE_OF_THUMB);
            basis = RULE_OF_THUMB;
            notes.add("give a table dump (or --live) to back the timeout with a whatif projection");
        }
        if (basis.isEmpty() && !lines.isEmpty()) {
            basis = "the box's own numbers";
        }
        return new SysctlProposal(lines, basis, notes);
    }

    static long establishedInForce(DoctorFacts facts) {
        for (NamespaceFacts ns : facts.namespaces) {
            java.util.OptionalLong v = ns.settings.value("nf_conntrack_tcp_timeout_established");
            if (v.isPresent()) {
                return v.getAsLong();
            }
        }
        return DEFAULT_ESTABLISHED;
    }
}
