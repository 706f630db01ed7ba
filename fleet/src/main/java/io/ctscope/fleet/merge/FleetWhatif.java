package io.ctscope.fleet.merge;

import io.ctscope.analysis.report.Units;
import io.ctscope.fleet.summary.BoxProjection;
import io.ctscope.fleet.summary.BoxSummary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fleet report's {@code whatif} section: where the timeouts proposed with {@code ship --set} help most. A
 * flow table is per box and does not merge, so each box's own projection (the one {@code ctscope whatif
 * --queue} reports for its journal, from its first record to its last one in the window) is set beside its
 * peak now and its {@code nf_conntrack_max}; the boxes are ranked by the peak the proposal takes off (the
 * headroom it gains), largest first. Boxes shipped without {@code --set} are listed as having no projection,
 * and whether every box was asked the same is said, with each box's proposal in its row.
 */
final class FleetWhatif {
    private FleetWhatif() {
    }

    static Map<String, Object> section(FleetView view) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Object> none = new ArrayList<>();
        List<Object> unknown = new ArrayList<>();
        TreeSet<String> proposals = new TreeSet<>();
        for (FleetView.Box b : view.boxes().values()) {
            BoxProjection p = b.total.projection();
            if (p == null) {
                none.add(b.name);
                continue;
            }
            proposals.add(p.proposal);
            if (!p.isKnown()) {
                unknown.add(b.name);
                continue;
            }
            rows.add(row(b.name, b.total, p));
        }
        rows.sort(Comparator.comparingLong((Map<String, Object> r) -> -(Long) r.get("peak_reduction"))
            .thenComparing(r -> (String) r.get("box")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proposals", new ArrayList<Object>(proposals));
        m.put("same_proposal", proposals.isEmpty() ? null : (Object) (proposals.size() == 1));
        m.put("boxes", new ArrayList<Object>(rows));
        m.put("no_projection", none);
        m.put("no_timed_events", unknown);
        m.put("scope", "each box's own projection (ctscope whatif --queue) of its journal from its first record to its"
            + " last one in the window; window_peak is the largest projected interval maximum in the window, as the"
            + " journal told at each interval");
        return m;
    }

    private static Map<String, Object> row(String box, BoxSummary t, BoxProjection p) {
        Map<String, Object> r = new LinkedHashMap<>();
        long max = t.conntrackMax;
        r.put("box", box);
        r.put("proposal", p.proposal);
        r.put("current_peak", p.currentPeak);
        r.put("projected_peak", p.projectedPeak);
        r.put("projected_peak_low", p.projectedPeakLow);
        r.put("projected_peak_high", p.projectedPeakHigh);
        r.put("projected_peak_counted", p.projectedPeakCounted);
        r.put("projected_peak_ts", p.projectedPeakMicros == Long.MIN_VALUE ? null : Units.epochSeconds(p.projectedPeakMicros));
        r.put("peak_reduction", p.currentPeak - p.projectedPeak);
        r.put("window_peak", p.intervalMax >= 0 ? (Object) p.intervalMax : null);
        r.put("projected_now", p.intervalEnd >= 0 ? (Object) p.intervalEnd : null);
        r.put("nf_conntrack_max", max > 0 ? (Object) max : null);
        r.put("headroom_now", max > 0 ? (Object) (max - p.currentPeak) : null);
        r.put("headroom_projected", max > 0 ? (Object) (max - p.projectedPeak) : null);
        r.put("full_now_pct", max > 0 ? (Object) pct(p.currentPeak, max) : null);
        r.put("full_projected_pct", max > 0 ? (Object) pct(p.projectedPeak, max) : null);
        return r;
    }

    private static double pct(long n, long max) {
        return Math.round(n * 1000.0 / max) / 10.0;
    }
}
