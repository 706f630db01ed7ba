package io.ctscope.analysis.report;

import io.ctscope.analysis.duration.DurationText;
import io.ctscope.analysis.nat.NatText;
import io.ctscope.analysis.occupancy.OccupancyText;
import io.ctscope.analysis.table.SnapshotText;
import io.ctscope.analysis.top.TopText;
import io.ctscope.ingest.decode.InputFormat;

import java.util.Map;

import static io.ctscope.analysis.report.ReportValues.map;
import static io.ctscope.analysis.report.ReportValues.num;

/**
 * Renders a {@link Report} for a person at a terminal, most important first: how full the table is,
 * how it grew, what is in it (state, protocol), who fills it (top talkers, NAT ports), how long flows
 * live, then the event counts and what was read. Aligned columns, human
 * units; the JSON output carries the exact numbers.
 */
public final class TextRenderer {
    private TextRenderer() {
    }

    public static String render(Report report) {
        return render(report, TextWidth.DEFAULT);
    }

    /** The report laid out for {@code width} columns ({@link TextWidth}): no line is longer unless it cannot break. */
    public static String render(Report report, int width) {
        StringBuilder sb = new StringBuilder(4096);
        Warnings.appendText(report, sb);
        renderHeadline(report, sb);
        OccupancyText.appendTo(report, sb, width);
        renderCounts(report, sb, width);
        SnapshotText.appendTo(report, sb, width);
        TopText.appendTo(report, sb, width);
        NatText.appendTo(report, sb, width);
        DurationText.appendTo(report, sb, width);
        renderEvents(report, sb);
        renderInput(report, sb, width);
        return TextWrap.fit(sb.toString(), width);
    }

    private static void renderHeadline(Report report, StringBuilder sb) {
        Map<String, Object> table = map(report.get("table"));
        if (table == null) {
            return;
        }
        long entries = num(table.get("entries"));
        int dumps = io.ctscope.analysis.table.SnapshotText.count(report);
        String what = isEventStream(report) ? "flows open at the end of the capture"
            : dumps > 1 ? "entries in the latest of " + dumps + " dumps" : "entries in the dump";
        sb.append("TABLE  ").append(Units.count(entries)).append(' ').append(what)
            .append(" (").append(Units.count(num(table.get("assured")))).append(" assured, ")
            .append(Units.count(num(table.get("unreplied")))).append(" unreplied)\n");
        long beforeCapture = num(table.get("first_seen_as_update"));
        long unseen = num(table.get("destroyed_unseen"));
        if (beforeCapture > 0 || unseen > 0) {
            sb.append("       created before the capture: ").append(Units.count(beforeCapture))
                .append(" first seen as UPDATE, ").append(Units.count(unseen)).append(" destroyed unseen\n");
        }
        Map<String, Object> filter = map(report.get("filter"));
        if (filter != null) {
            sb.append("       filtered: ").append(filter.get("expression")).append(" (")
                .append(Units.count(num(filter.get("matched")))).append(" records matched, ")
                .append(Units.count(num(filter.get("excluded")))).append(" left out)\n");
        }
        sb.append('\n');
    }

    private static void renderCounts(Report report, StringBuilder sb, int width) {
        Map<String, Object> table = map(report.get("table"));
        if (table == null) {
            return;
        }
        long entries = num(table.get("entries"));
        appendCounts(sb, "STATE", map(table.get("by_state")), entries, width);
        appendCounts(sb, "PROTOCOL", map(table.get("by_protocol")), entries, width);
    }

    private static void appendCounts(StringBuilder sb, String header, Map<String, Object> counts, long total, int width) {
        if (counts == null || counts.isEmpty()) {
            return;
        }
        TextTable t = new TextTable(header, "ENTRIES", "SHARE");
        for (Map.Entry<String, Object> e : counts.entrySet()) {
            long n = num(e.getValue());
            t.row(e.getKey(), Units.count(n), Units.percent(n, total));
        }
        t.appendTo(sb, "  ", width);
        sb.append('\n');
    }

    private static void renderEvents(Report report, StringBuilder sb) {
        Map<String, Object> events = map(report.get("events"));
        if (events == null) {
            return;
        }
        long total = num(events.get("NEW")) + num(events.get("UPDATE")) + num(events.get("DESTROY"));
        if (total == 0) {
            return;
        }
        sb.append("EVENTS ").append(Units.count(total)).append(" in all: ")
            .append("NEW ").append(Units.count(num(events.get("NEW"))))
            .append(", UPDATE ").append(Units.count(num(events.get("UPDATE"))))
            .append(", DESTROY ").append(Units.count(num(events.get("DESTROY")))).append("\n\n");
    }

    private static void renderInput(Report report, StringBuilder sb, int width) {
        Map<String, Object> input = map(report.get("input"));
        if (input == null) {
            return;
        }
        sb.append("INPUT  ").append(Units.count(num(input.get("lines")))).append(" lines, ")
            .append(Units.count(num(input.get("records")))).append(" records, ")
            .append(Units.count(num(input.get("bad_lines")))).append(" bad lines, ")
            .append(Units.count(num(input.get("loss_warnings")))).append(" loss warnings (ENOBUFS)\n");
        Object first = input.get("first_ts");
        Object last = input.get("last_ts");
        if (first instanceof Number && last instanceof Number) {
            double a = ((Number) first).doubleValue();
            double b = ((Number) last).doubleValue();
            sb.append("       from ").append(Units.utc(a)).append(" to ").append(Units.utc(b))
                .append(" (").append(Units.duration((long) (b - a))).append(")\n");
        }
        Map<String, Object> formats = map(input.get("formats"));
        if (formats != null && !formats.isEmpty()) {
            TextTable t = new TextTable("FILE", "FORMAT");
            for (Map.Entry<String, Object> e : formats.entrySet()) {
                t.row(e.getKey(), e.getValue());
            }
            sb.append('\n');
            t.appendTo(sb, "  ", width);
        }
    }

    static boolean isEventStream(Report report) {
        Map<String, Object> formats = map(report.get("input.formats"));
        if (formats == null) {
            return false;
        }
        for (Object f : formats.values()) {
            if (InputFormat.ofLabel(String.valueOf(f)).isEventStream()) {
                return true;
            }
        }
        return false;
    }
}
