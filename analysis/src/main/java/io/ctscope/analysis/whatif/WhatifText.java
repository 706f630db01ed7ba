package io.ctscope.analysis.whatif;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.ReportValues;
import io.ctscope.analysis.report.TextTable;
import io.ctscope.analysis.report.Units;

import java.util.List;
import java.util.Map;

/** The what-if report for people: the verdict first, then what changes, the projection, what it cuts, capacity. */
public final class WhatifText {
    private WhatifText() {
    }

    public static String render(Report report) {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("WHATIF  ").append(Printable.of(String.valueOf(report.get("verdict")))).append("\n\n");
        timeouts(report, sb);
        projected(report, sb);
        atRisk(report, sb);
        removedNow(report, sb);
        capacity(report, sb);
        evidence(report, sb);
        Object assumptions = report.get("assumptions.list");
        if (assumptions instanceof List && !((List<?>) assumptions).isEmpty()) {
            sb.append("ASSUMPTIONS\n");
            for (Object a : (List<?>) assumptions) {
                wrap(sb, "  - ", "    ", String.valueOf(a));
            }
        }
        return sb.toString();
    }

    private static void timeouts(Report report, StringBuilder sb) {
        List<?> changed = (List<?>) report.get("timeouts.changed");
        Map<String, Object> current = ReportValues.mapOrEmpty(report.get("timeouts.current"));
        Map<String, Object> proposed = ReportValues.mapOrEmpty(report.get("timeouts.proposed"));
        Map<String, Object> source = ReportValues.mapOrEmpty(report.get("timeouts.source"));
        TextTable t = new TextTable("SETTING", "IN FORCE", "SOURCE", "PROPOSED");
        for (Object name : changed == null ? List.of() : changed) {
            t.row(name, current.get(name) + " s", source.get(name), proposed.get(name) + " s");
        }
        sb.append("TIMEOUTS  ").append(t.isEmpty() ? "the proposal changes nothing" : "changed by the proposal").append('\n');
        if (!t.isEmpty()) {
            t.appendTo(sb, "  ");
        }
        Object warnings = report.get("timeouts.warnings");
        if (warnings instanceof List) {
            for (Object w : (List<?>) warnings) {
                wrap(sb, "  warning: ", "    ", Printable.of(String.valueOf(w)));
            }
        }
        sb.append('\n');
    }

    private static void projected(Report report, StringBuilder sb) {
        if (report.get("projected") == null) {
            return;
        }
        sb.append("PROJECTED  peak ").append(n(report, "projected.peak")).append(" live entries (band ")
            .append(n(report, "projected.peak_low")).append(" \u2013 ").append(n(report, "projected.peak_high"))
            .append(") at ").append(Units.utc(ReportValues.num(report.get("projected.peak_ts")))).append('\n');
        sb.append("           now peak ").append(n(report, "current.peak")).append(" entries, mean ")
            .append(report.get("current.mean")).append("; projected mean ").append(report.get("projected.mean"))
            .append(" (").append(report.get("projected.mean_low")).append(" \u2013 ").append(report.get("projected.mean_high"))
            .append(")\n");
        sb.append("           on the kernel's count (reaping lag added): peak ").append(n(report, "projected.peak_counted"))
            .append('\n');
        sb.append("           censored: ").append(n(report, "censored.flows")).append(" flows open at the end of the capture\n");
        Map<String, Object> breakdown = ReportValues.mapOrEmpty(report.get("breakdown"));
        TextTable t = new TextTable("STATE", "FLOWS", "ENTRY-S NOW", "ENTRY-S PROJECTED");
        for (Map.Entry<String, Object> e : breakdown.entrySet()) {
            Map<String, Object> m = ReportValues.mapOrEmpty(e.getValue());
            t.row(e.getKey(), count(m.get("flows")), count(m.get("entry_seconds_current")), count(m.get("entry_seconds_projected")));
        }
        t.appendTo(sb, "  ");
        sb.append('\n');
    }

    private static void atRisk(Report report, StringBuilder sb) {
        if (report.get("at_risk") == null) {
            return;
        }
        sb.append("AT RISK  ").append(n(report, "at_risk.flows")).append(" of ").append(n(report, "at_risk.flows_seen"))
            .append(" flows idle longer than the proposed timeout (").append(n(report, "at_risk.cuts")).append(" gaps)\n");
        Map<String, Object> byState = ReportValues.mapOrEmpty(report.get("at_risk.by_state"));
        for (Map.Entry<String, Object> e : byState.entrySet()) {
            sb.append("  ").append(e.getKey()).append(": ").append(count(e.getValue())).append(" flows\n");
        }
        Object examples = report.get("at_risk.examples");
        if (examples instanceof List) {
            for (Object o : (List<?>) examples) {
                Map<String, Object> m = ReportValues.mapOrEmpty(o);
                sb.append("  e.g. idle ").append(Units.duration(ReportValues.num(m.get("idle_s")))).append(" in ")
                    .append(m.get("state")).append(", then: ").append(Printable.of(String.valueOf(m.get("next_event")))).append('\n');
            }
        }
        wrap(sb, "  known: ", "    ", String.valueOf(report.get("at_risk.known")));
        wrap(sb, "  not known: ", "    ", String.valueOf(report.get("at_risk.unknown")));
        sb.append('\n');
    }

    private static void removedNow(Report report, StringBuilder sb) {
        if (report.get("removed_now") == null) {
            return;
        }
        sb.append("REMOVED NOW (dump)  ").append(n(report, "removed_now.removed")).append(" of ")
            .append(n(report, "removed_now.entries")).append(" entries idle past the proposal, ")
            .append(n(report, "removed_now.left")).append(" left\n  ").append(n(report, "removed_now.ambiguous"))
            .append(" ambiguous (TCP at the retransmit cap) kept, not counted as removable\n");
        Map<String, Object> byState = ReportValues.mapOrEmpty(report.get("removed_now.by_state"));
        TextTable t = new TextTable("STATE", "ENTRIES", "REMOVED", "LEFT", "AMBIGUOUS", "OFFLOAD");
        for (Map.Entry<String, Object> e : byState.entrySet()) {
            Map<String, Object> m = ReportValues.mapOrEmpty(e.getValue());
            t.row(e.getKey(), count(m.get("entries")), count(m.get("removed")), count(m.get("left")),
                count(m.get("ambiguous")), count(m.get("offload")));
        }
        t.appendTo(sb, "  ");
        sb.append("  applied now, they leave on their own: within 1m ")
            .append(n(report, "removed_now.drain.within_1m")).append(", 1h ").append(n(report, "removed_now.drain.within_1h"))
            .append(", 1d ").append(n(report, "removed_now.drain.within_1d")).append(", later ")
            .append(n(report, "removed_now.drain.later")).append("\n  (a sysctl change does not retime existing entries;\n"
                + "  --print-deletes prints one conntrack -D per removable entry)\n\n");
    }

    private static void capacity(Report report, StringBuilder sb) {
        sb.append("CAPACITY  nf_conntrack_max ");
        Object max = report.get("capacity.max");
        sb.append(max == null ? "unknown (give --max or a sysctl file)" : count(max) + " (" + report.get("capacity.max_source") + ")");
        sb.append('\n');
        if (max != null) {
            sb.append("  headroom now ").append(n(report, "capacity.headroom_current")).append(", projected ")
                .append(n(report, "capacity.headroom_projected")).append(" (on the kernel's count)\n");
        }
        sb.append("  memory at peak now ").append(Units.bytes(ReportValues.num(report.get("capacity.memory_current_bytes"))))
            .append(", projected ").append(Units.bytes(ReportValues.num(report.get("capacity.memory_projected_bytes"))))
            .append(" (").append(report.get("capacity.bytes_per_entry")).append(" B per entry)\n");
        sb.append("  recommended nf_conntrack_max ").append(n(report, "capacity.recommended_max"))
            .append(", nf_conntrack_buckets ").append(n(report, "capacity.recommended_buckets")).append('\n');
        wrap(sb, "  rule: ", "    ", String.valueOf(report.get("capacity.rule")));
        sb.append('\n');
    }

    private static void evidence(Report report, StringBuilder sb) {
        if (report.get("evidence") == null) {
            return;
        }
        wrap(sb, "EVIDENCE  ", "  ", n(report, "evidence.flows") + " flows; reaping lag median "
            + report.get("evidence.lag_median_s") + " s, max " + report.get("evidence.lag_max_s") + " s (from "
            + n(report, "evidence.known_last_packet") + " flows with a known last packet, "
            + n(report, "evidence.ktimestamp_stop") + " with a ktimestamp stop); per-rule " + n(report, "evidence.per_rule")
            + ", offload " + n(report, "evidence.offload")
            + (report.get("evidence.dump_entries") == null ? "" : "; dumps beside the stream: "
                + n(report, "evidence.dump_entries") + " entries, the last packet of " + n(report, "evidence.dump_bounded")
                + " flows later than their last event"));
        sb.append('\n');
    }

    /** Appends {@code text} in lines of at most 80 columns, the first after {@code first}, the rest after {@code rest}. */
    static void wrap(StringBuilder sb, String first, String rest, String text) {
        String indent = first;
        int width = 80;
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                sb.append(line).append('\n');
                indent = rest;
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        sb.append(line).append('\n');
    }

    private static String n(Report report, String path) {
        return count(report.get(path));
    }

    private static String count(Object o) {
        return WhatifSections.grouped(ReportValues.num(o));
    }
}
