package io.ctscope.fleet.merge;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.TextTable;
import io.ctscope.analysis.report.Units;
import io.ctscope.ingest.io.Printable;

import java.util.List;
import java.util.Map;

/** The fleet report for people: the boxes' table with the fleet's sums, top sources, stopped boxes, shared flows. */
public final class FleetText {
    private FleetText() {
    }

    @SuppressWarnings("unchecked")
    public static String render(Report report, int width) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> fleet = report.section("fleet");
        List<Object> boxes = (List<Object>) report.root().get("boxes");
        List<Object> stopped = (List<Object>) report.root().get("stopped");
        Map<String, Object> events = (Map<String, Object>) fleet.get("events");
        sb.append("FLEET  ").append(fleet.get("boxes")).append(" boxes, ").append(Units.count((Long) fleet.get("records")))
            .append(" records, ").append(fleet.get("entries_now")).append(" entries now");
        if (!stopped.isEmpty()) {
            sb.append(", ").append(stopped.size()).append(" stopped reporting");
        }
        sb.append("\n\n");
        TextTable t = new TextTable("BOX", "RECORDS", "NEW", "DESTROY", "ENTRIES", "PEAK", "LAG", "LAST SEEN");
        for (Object o : boxes) {
            Map<String, Object> b = (Map<String, Object>) o;
            Map<String, Object> e = (Map<String, Object>) b.get("events");
            Object lastSeen = b.get("last_seen");
            t.row(b.get("box") + (Boolean.TRUE.equals(b.get("stopped")) ? " (stopped)" : ""),
                Units.count((Long) b.get("records")), Units.count((Long) e.get("NEW")), Units.count((Long) e.get("DESTROY")),
                Units.count((Long) b.get("entries_now")), Units.count((Long) b.get("entries_peak")),
                Units.count((Long) b.get("lag_records")),
                lastSeen == null ? "-" : Units.utcTime((Double) lastSeen));
        }
        t.row("fleet", Units.count((Long) fleet.get("records")), Units.count((Long) events.get("NEW")),
            Units.count((Long) events.get("DESTROY")), Units.count((Long) fleet.get("entries_now")),
            Units.count((Long) fleet.get("entries_peak_at_once")), "", "");
        t.appendTo(sb, "  ", width);

        Map<String, Object> top = report.section("top");
        List<Object> src = (List<Object>) top.get("src");
        sb.append("\nTOP SOURCES by flows opened, merged sketches (each within [low, high]; max error ")
            .append(top.get("max_error")).append(")\n");
        TextTable s = new TextTable("SOURCE", "FLOWS", "LOW", "HIGH");
        for (Object o : src) {
            Map<String, Object> r = (Map<String, Object>) o;
            s.row(r.get("address"), Units.count((Long) r.get("flows")), Units.count((Long) r.get("lower_bound")),
                Units.count((Long) r.get("upper_bound")));
        }
        s.appendTo(sb, "  ", width);

        if (!stopped.isEmpty()) {
            sb.append("\nSTOPPED REPORTING  ").append(names(stopped)).append('\n');
        }
        Map<String, Object> shared = (Map<String, Object>) report.root().get("shared_flows");
        if (shared.get("flows") == null) {
            sb.append("\nSHARED FLOWS  unknown: ").append(shared.get("reason")).append('\n');
        } else {
            sb.append("\nSHARED FLOWS  ").append(shared.get("flows")).append(" flows seen on two or more boxes\n");
            for (Object o : (List<Object>) shared.get("examples")) {
                Map<String, Object> ex = (Map<String, Object>) o;
                sb.append("  ").append(ex.get("flow")).append("  ").append(Printable.of(String.join(" ", ((List<Object>) ex.get("boxes"))
                    .stream().map(String::valueOf).toList()))).append('\n');
            }
        }
        whatif(sb, (Map<String, Object>) report.root().get("whatif"), width);
        Map<String, Object> skipped = report.section("skipped");
        for (Object p : (List<Object>) skipped.get("problems")) {
            sb.append("\nSKIPPED  ").append(Printable.of(String.valueOf(p))).append('\n');
        }
        Map<String, Object> source = (Map<String, Object>) report.root().get("source");
        if (source != null) {
            sb.append("\nREAD FROM  ").append(Printable.of(String.valueOf(source.get("topic"))));
            if ("folded".equals(source.get("read"))) {
                Object age = source.get("fold_age_seconds");
                sb.append(": ").append(source.get("reason")).append(" (").append(source.get("tail_summaries")).append(" summaries past the fold")
                    .append(age == null ? "" : String.format(java.util.Locale.ROOT, ", oldest partition folded %.1f s ago", (Double) age))
                    .append(")\n");
            } else {
                sb.append(" from its start (").append(Printable.of(String.valueOf(source.get("reason")))).append(")\n");
            }
        }
        return sb.toString();
    }

    /** The boxes each box's own projection says the proposal helps most, largest peak reduction first. */
    @SuppressWarnings("unchecked")
    private static void whatif(StringBuilder sb, Map<String, Object> w, int width) {
        List<Object> proposals = (List<Object>) w.get("proposals");
        if (proposals.isEmpty()) {
            sb.append("\nWHERE THE PROPOSED TIMEOUTS HELP MOST  no projection: no box was shipped with --set\n");
            return;
        }
        boolean same = Boolean.TRUE.equals(w.get("same_proposal"));
        sb.append("\nWHERE THE PROPOSED TIMEOUTS HELP MOST  ")
            .append(same ? Printable.of(String.valueOf(proposals.get(0))) : "the boxes were asked different proposals (PROPOSAL)")
            .append("; each box's own what-if of its journal, peak now against projected peak\n");
        TextTable t = same ? new TextTable("BOX", "PEAK NOW", "PROJECTED", "LOW", "HIGH", "CUT", "MAX", "FULL NOW", "FULL THEN")
            : new TextTable("BOX", "PEAK NOW", "PROJECTED", "LOW", "HIGH", "CUT", "MAX", "FULL NOW", "FULL THEN", "PROPOSAL");
        for (Object o : (List<Object>) w.get("boxes")) {
            Map<String, Object> r = (Map<String, Object>) o;
            Object max = r.get("nf_conntrack_max");
            List<Object> cells = new java.util.ArrayList<>(List.of(Printable.of(String.valueOf(r.get("box"))),
                Units.count((Long) r.get("current_peak")), Units.count((Long) r.get("projected_peak")),
                Units.count((Long) r.get("projected_peak_low")), Units.count((Long) r.get("projected_peak_high")),
                Units.count((Long) r.get("peak_reduction")), max == null ? "?" : Units.count((Long) max),
                max == null ? "-" : r.get("full_now_pct") + " %", max == null ? "-" : r.get("full_projected_pct") + " %"));
            if (!same) {
                cells.add(Printable.of(String.valueOf(r.get("proposal"))));
            }
            t.row(cells.toArray());
        }
        t.appendTo(sb, "  ", width);
        List<Object> none = (List<Object>) w.get("no_projection");
        if (!none.isEmpty()) {
            sb.append("  no projection (shipped without --set): ").append(names(none)).append('\n');
        }
        List<Object> untimed = (List<Object>) w.get("no_timed_events");
        if (!untimed.isEmpty()) {
            sb.append("  no projection (no timestamped events: conntrack -E -o timestamp): ").append(names(untimed)).append('\n');
        }
    }

    private static String names(List<Object> boxes) {
        return Printable.of(String.join(", ", boxes.stream().map(String::valueOf).toList()));
    }

    /** The boxes' table as CSV, fixed columns. */
    @SuppressWarnings("unchecked")
    public static String csv(Report report) {
        StringBuilder sb = new StringBuilder("box,records,new,update,destroy,entries_now,entries_peak,flows_opened,"
            + "flows_closed,lag_records,lag_seconds,last_seen,stopped,projected_peak\n");
        for (Object o : (List<Object>) report.root().get("boxes")) {
            Map<String, Object> b = (Map<String, Object>) o;
            Map<String, Object> e = (Map<String, Object>) b.get("events");
            sb.append(Printable.of(String.valueOf(b.get("box")))).append(',').append(b.get("records")).append(',').append(e.get("NEW")).append(',')
                .append(e.get("UPDATE")).append(',').append(e.get("DESTROY")).append(',').append(b.get("entries_now"))
                .append(',').append(b.get("entries_peak")).append(',').append(b.get("flows_opened")).append(',')
                .append(b.get("flows_closed")).append(',').append(b.get("lag_records")).append(',')
                .append(b.get("lag_seconds") == null ? "" : b.get("lag_seconds")).append(',')
                .append(b.get("last_seen") == null ? "" : b.get("last_seen")).append(',').append(b.get("stopped")).append(',')
                .append(b.get("projected_peak") == null ? "" : b.get("projected_peak")).append('\n');
        }
        return sb.toString();
    }
}
