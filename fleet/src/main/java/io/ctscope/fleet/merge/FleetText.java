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
            sb.append("\nSTOPPED REPORTING  ").append(Printable.of(String.join(", ", stopped.stream().map(String::valueOf).toList()))).append('\n');
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

    /** The boxes' table as CSV, fixed columns. */
    @SuppressWarnings("unchecked")
    public static String csv(Report report) {
        StringBuilder sb = new StringBuilder("box,records,new,update,destroy,entries_now,entries_peak,flows_opened,"
            + "flows_closed,lag_records,lag_seconds,last_seen,stopped\n");
        for (Object o : (List<Object>) report.root().get("boxes")) {
            Map<String, Object> b = (Map<String, Object>) o;
            Map<String, Object> e = (Map<String, Object>) b.get("events");
            sb.append(Printable.of(String.valueOf(b.get("box")))).append(',').append(b.get("records")).append(',').append(e.get("NEW")).append(',')
                .append(e.get("UPDATE")).append(',').append(e.get("DESTROY")).append(',').append(b.get("entries_now"))
                .append(',').append(b.get("entries_peak")).append(',').append(b.get("flows_opened")).append(',')
                .append(b.get("flows_closed")).append(',').append(b.get("lag_records")).append(',')
                .append(b.get("lag_seconds") == null ? "" : b.get("lag_seconds")).append(',')
                .append(b.get("last_seen") == null ? "" : b.get("last_seen")).append(',').append(b.get("stopped")).append('\n');
        }
        return sb.toString();
    }
}
