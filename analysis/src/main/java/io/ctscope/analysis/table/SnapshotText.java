package io.ctscope.analysis.table;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.TextTable;
import io.ctscope.analysis.report.TextWidth;
import io.ctscope.analysis.report.Units;

import java.util.List;
import java.util.Map;

import static io.ctscope.analysis.report.ReportValues.map;
import static io.ctscope.analysis.report.ReportValues.num;

/** The text report's list of dump snapshots ({@code table.snapshots}), when there are several. */
public final class SnapshotText {
    private SnapshotText() {
    }

    /** How many snapshots the report lists (0 when it lists none: one dump, or none). */
    public static int count(Report report) {
        Object list = report.get("table.snapshots");
        return list instanceof List ? ((List<?>) list).size() : 0;
    }

    public static void appendTo(Report report, StringBuilder sb) {
        appendTo(report, sb, TextWidth.DEFAULT);
    }

    /** The snapshot table laid out for {@code width} columns. */
    public static void appendTo(Report report, StringBuilder sb, int width) {
        Object list = report.get("table.snapshots");
        if (!(list instanceof List) || ((List<?>) list).isEmpty()) {
            return;
        }
        List<?> snapshots = (List<?>) list;
        sb.append("SNAPSHOTS  ").append(snapshots.size()).append(" dumps; the table is the latest\n");
        TextTable t = new TextTable("INPUT", "TAKEN", "ENTRIES", "TOP STATE");
        for (Object o : snapshots) {
            Map<String, Object> s = map(o);
            if (s == null) {
                continue;
            }
            Object taken = s.get("taken_ts");
            String when = taken instanceof Number
                ? Units.utc(((Number) taken).doubleValue()) + " (" + s.get("time_source") + ")" : "unknown";
            Map<String, Object> states = map(s.get("by_state"));
            String top = "";
            if (states != null && !states.isEmpty()) {
                Map.Entry<String, Object> first = states.entrySet().iterator().next();
                top = first.getKey() + " " + Units.percent(num(first.getValue()), num(s.get("entries")));
            }
            t.row(String.valueOf(s.get("input")), when, Units.count(num(s.get("entries"))), top);
        }
        t.appendTo(sb, "  ", width);
        sb.append('\n');
    }
}
