package io.ctscope.analysis.whatif;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.ReportValues;
import io.ctscope.analysis.report.Units;
import io.ctscope.analysis.timeout.Setting;
import io.ctscope.analysis.timeout.TimeoutSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the what-if report sections, keys as documented in the README ("What-if JSON"). */
final class WhatifSections {
    private static final long SECOND = 1_000_000L;
    /** The smallest nf_conntrack_max worth recommending (the kernel's own default on a small machine). */
    private static final long MIN_RECOMMENDED_MAX = 65_536;

    private final WhatifOptions options;
    private final Report report;
    private final TimeoutSettings inForce;
    private final TimeoutSettings proposed;
    private final List<String> warnings;
    private final List<String> assumptions = new ArrayList<>();

    WhatifSections(WhatifOptions options, Report report, TimeoutSettings inForce, TimeoutSettings proposed, List<String> warnings) {
        this.options = options;
        this.report = report;
        this.inForce = inForce;
        this.proposed = proposed;
        this.warnings = warnings;
    }

    void write(Projection p, long firstMicros, long lastMicros, RemovedNow removedNow, AtRisk atRisk, long stopTimes) {
        report.root().put("verdict", "");
        timeouts();
        long currentPeak = -1;
        long projectedPeak = -1;
        if (p != null) {
            Map<String, Object> occupancy = ReportValues.mapOrEmpty(report.get("occupancy"));
            Map<String, Object> current = report.section("current");
            currentPeak = ReportValues.num(occupancy.get("peak"));
            current.put("peak", occupancy.get("peak"));
            current.put("peak_ts", occupancy.get("peak_ts"));
            if (occupancy.containsKey("peak_exact")) {
                current.put("peak_exact", occupancy.get("peak_exact"));
            }
            current.put("mean", occupancy.get("mean"));
            current.put("count", "entries from NEW to DESTROY: the count the kernel checks (nf_conntrack_count),"
                + " expired entries included until reaped");
            projectedPeak = projected(p, firstMicros, lastMicros);
            breakdown(p, lastMicros);
            report.section("at_risk").putAll(atRisk.section(p.flows));
            Map<String, Object> censored = report.section("censored");
            censored.put("flows", p.censored);
            censored.put("ended_in_capture", p.censoredEndedInWindow);
            Map<String, Object> drain = new LinkedHashMap<>();
            for (int i = 0; i < RemovedNow.DRAIN_LABELS.length; i++) {
                drain.put(RemovedNow.DRAIN_LABELS[i], p.censoredDrainBound[i]);
            }
            censored.put("drain_bound", drain);
            censored.put("treatment", "flows open at the end of the capture: low assumes each went quiet at its last"
                + " event, high that it is still active at the end, point that its last packet came as late as the"
                + " timeout in force allows without its entry being due (max(last event, end - timeout - lag))");
            evidence(p, stopTimes);
        }
        if (!removedNow.isEmpty()) {
            report.section("removed_now").putAll(removedNow.section());
            assumptions.add("dump: idle = timeout in force - seconds remaining (to the second); an entry is removed"
                + " when its idle time exceeds the proposed timeout of its state; a per-rule timeout shorter than the"
                + " sysctl cannot be told apart from idle time in a dump");
            if (raises()) {
                assumptions.add("dump: a raise removes nothing, and a dump cannot show the entries the current"
                    + " timeouts already expired: give an event stream for the raised table");
            }
        }
        capacity(currentPeak, removedNow);
        report.section("assumptions").put("list", assumptions);
        report.root().put("verdict", verdictLine(p, currentPeak, projectedPeak, removedNow, atRisk));
    }

    private boolean raises() {
        for (Setting s : Setting.values()) {
            if (proposed.get(s) > inForce.get(s)) {
                return true;
            }
        }
        return false;
    }

    private void timeouts() {
        Map<String, Object> t = report.section("timeouts");
        Map<String, Object> current = new LinkedHashMap<>();
        Map<String, Object> prop = new LinkedHashMap<>();
        Map<String, Object> source = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        for (Setting s : Setting.values()) {
            current.put(s.shortName(), inForce.get(s));
            prop.put(s.shortName(), proposed.get(s));
            source.put(s.shortName(), inForce.source(s).label);
            if (proposed.get(s) != inForce.get(s)) {
                changed.add(s.shortName());
            }
        }
        t.put("changed", changed);
        t.put("current", current);
        t.put("proposed", prop);
        t.put("source", source);
        t.put("kernel_rules", options.rules == io.ctscope.analysis.timeout.KernelRules.CURRENT ? "5.0+" : "before 5.0");
        t.put("warnings", warnings);
    }

    private long projected(Projection p, long first, long last) {
        long width = Math.max(1, options.resolutionSeconds) * SECOND;
        long firstInterval = Math.floorDiv(first, width);
        int points = (int) Math.min(Integer.MAX_VALUE - 8, Math.floorDiv(last, width) - firstInterval + 1);
        Curve.Sweep point = p.point.sweep(first, last, firstInterval, width, points);
        Curve.Sweep low = p.low.sweep(first, last, firstInterval, width, points);
        Curve.Sweep high = p.high.sweep(first, last, firstInterval, width, points);
        Curve.Sweep counted = p.counted.sweep(first, last, firstInterval, width, points);
        Map<String, Object> m = report.section("projected");
        m.put("peak", point.peak());
        m.put("peak_low", low.peak());
        m.put("peak_high", high.peak());
        m.put("peak_ts", Units.epochSeconds(point.peakAtMicros()));
        m.put("peak_counted", counted.peak());
        m.put("mean", point.mean());
        m.put("mean_low", low.mean());
        m.put("mean_high", high.mean());
        m.put("count", "live entries (what a reaping read of the table shows); peak_counted adds the reaping lag:"
            + " the count the kernel checks");
        m.put("resolution_s", width / SECOND);
        List<long[]> series = new ArrayList<>(points);
        for (int k = 0; k < points; k++) {
            series.add(new long[] {(firstInterval + k + 1) * width / SECOND, point.series()[k], low.series()[k], high.series()[k]});
        }
        m.put("series", series);
        return point.peak();
    }

    private void breakdown(Projection p, long last) {
        Map<String, Object> b = report.section("breakdown");
        for (int k = 0; k < p.byState.length; k++) {
            long[] row = p.byState[k];
            if (row == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flows", row[0]);
            m.put("entry_seconds_current", row[1] / SECOND);
            m.put("entry_seconds_projected", row[2] / SECOND);
            b.put(StateKeys.name(k), m);
        }
    }

    private void evidence(Projection p, long stopTimes) {
        Map<String, Object> e = report.section("evidence");
        e.put("flows", p.flows);
        e.put("known_last_packet", p.lagSamples - stopTimes);
        e.put("ktimestamp_stop", stopTimes);
        e.put("lag_median_s", seconds(p.lagMedianMicros));
        e.put("lag_max_s", seconds(p.lagMaxMicros));
        e.put("per_rule", p.perRule);
        e.put("offload", p.offload);
        e.put("fixed_timeout", p.fixed);
        e.put("destroyed_early", p.killedEarly);
        assumptions.add("events: a flow's last packet lies between its last event and DESTROY - timeout in force;"
            + " low takes the first, high the second; point takes the last event when the DESTROY came within the"
            + " timeout + the largest reaping lag measured (" + seconds(p.lagMaxMicros) + " s, from " + p.lagSamples
            + " flows whose last packet or expiry the capture shows) + 1 s, else DESTROY - timeout - the median lag ("
            + seconds(p.lagMedianMicros) + " s)");
        assumptions.add("events: the flows and their packet times stay as captured; a tuple reused within the proposed"
            + " timeout would be one entry, not two, and is counted twice during the overlap");
        assumptions.add("events: -o timestamp is when conntrack -E printed an event, after its packet (a few ms on a"
            + " quiet machine; up to 0.19 s behind the reaping read that caused a DESTROY in the lab under a load of 20"
            + " on 2 cores): every curve is that much late");
        if (p.perRule + p.offload > 0) {
            assumptions.add(p.perRule + " flows printed a timeout other than the setting in force (per-rule policy:"
                + " nft ct timeout, CT --timeout) and " + p.offload + " are offloaded: kept at their observed timeouts");
        }
    }

    /** {@code evidence.dump_entries|dump_entries_untimed|dump_bounded}: what dumps beside the stream added. */
    static void dumpEvidence(Report report, long entries, long untimed, long bounded) {
        if (entries + untimed == 0) {
            return;
        }
        Map<String, Object> e = report.section("evidence");
        e.put("dump_entries", entries);
        e.put("dump_entries_untimed", untimed);
        e.put("dump_bounded", bounded);
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) report.section("assumptions").get("list");
        list.add("dumps beside the stream: an entry listed at time D with r s left of a state timed T had its last"
            + " packet at D - T + r or later; for the " + bounded + " flows whose last event came before that, low puts"
            + " the last packet there less 1 s (the dump's rounding, its read before the file's time) and point half a"
            + " second after it; the time of a dump is its"
            + " lines' timestamps, else its file's modification time" + (untimed > 0 ? " (" + untimed
            + " entries of dumps with no time were not used)" : ""));
    }

    private static Object seconds(long micros) {
        return Units.epochSeconds(micros);
    }

    private void capacity(long currentPeak, RemovedNow removedNow) {
        Map<String, Object> c = report.section("capacity");
        long peakCounted = ReportValues.num(report.get("projected.peak_counted"));
        long projectedHigh = ReportValues.num(report.get("projected.peak_high"));
        if (currentPeak < 0) {
            // a dump: the table now and what the proposal leaves of it (nothing at all: an empty table)
            currentPeak = ReportValues.num(report.get("removed_now.entries"));
            peakCounted = ReportValues.num(report.get("removed_now.left"));
            projectedHigh = peakCounted;
        }
        c.put("max", options.max >= 0 ? options.max : null);
        c.put("max_source", options.maxSource);
        c.put("current_peak", currentPeak);
        c.put("projected_peak_counted", peakCounted);
        if (options.max > 0) {
            c.put("headroom_current", options.max - currentPeak);
            c.put("headroom_projected", options.max - peakCounted);
        }
        c.put("bytes_per_entry", options.bytesPerEntry);
        c.put("memory_current_bytes", Math.max(0, currentPeak) * options.bytesPerEntry);
        c.put("memory_projected_bytes", Math.max(0, peakCounted) * options.bytesPerEntry);
        long recommended = Math.max(MIN_RECOMMENDED_MAX, Long.highestOneBit(Math.max(1, 2 * Math.max(projectedHigh, peakCounted)) - 1) << 1);
        c.put("recommended_max", recommended);
        c.put("recommended_buckets", recommended);
        c.put("recommended_memory_bytes", recommended * options.bytesPerEntry + recommended * 8);
        c.put("rule", "max = twice the projected high peak on the kernel's count, rounded up to a power of two"
            + " (at least 65,536);"
            + " buckets = max (the kernel's own ratio since 5.15; 8 bytes each); memory = max x bytes per entry + buckets x 8");
        c.put("count", "current_peak and projected_peak_counted are on the count the kernel checks (nf_conntrack_count),"
            + " which holds expired entries until the gc reaps them");
    }

    private String verdictLine(Projection p, long currentPeak, long projectedPeak, RemovedNow removedNow, AtRisk atRisk) {
        if (p == null && removedNow.isEmpty()) {
            return "nothing to project: the input holds no table entry and no timestamped event";
        }
        StringBuilder sb = new StringBuilder();
        if (p != null) {
            sb.append("peak ").append(grouped(currentPeak)).append(" \u2192 ").append(grouped(projectedPeak))
                .append(" (band ").append(grouped(ReportValues.num(report.get("projected.peak_low")))).append(" \u2013 ")
                .append(grouped(ReportValues.num(report.get("projected.peak_high")))).append(")");
            long flows = p.flows;
            sb.append("; ").append(flows == 0 ? "0" : String.format(Locale.ROOT, "%.1f", 100.0 * atRisk.flows() / flows))
                .append("% of flows at risk");
        }
        if (!removedNow.isEmpty()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            long entries = ReportValues.num(report.get("removed_now.entries"));
            long removed = ReportValues.num(report.get("removed_now.removed"));
            sb.append("table now ").append(grouped(entries)).append(" \u2192 ").append(grouped(entries - removed))
                .append(" (").append(grouped(removed)).append(" idle past the proposal");
            long ambiguous = ReportValues.num(report.get("removed_now.ambiguous"));
            if (ambiguous > 0) {
                sb.append(", ").append(grouped(ambiguous)).append(" ambiguous kept");
            }
            sb.append(")");
        }
        return sb.toString();
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
