package io.ctscope.analysis.top;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.TextTable;
import io.ctscope.analysis.report.TextWidth;
import io.ctscope.analysis.report.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ctscope.analysis.report.ReportValues.mapOrEmpty;
import static io.ctscope.analysis.report.ReportValues.num;

/**
 * Renders the {@code top} section for a terminal: one aligned table per non-empty list, saying whether
 * its counts are exact or sketched and, when sketched, the range each flows count lies in.
 */
public final class TopText {
    private static final String[] NAMES = {"src", "dst", "dport", "pair", "nat"};
    private static final String[] TITLES = {"SOURCES", "DESTINATIONS", "DESTINATION PORTS", "PAIRS", "NAT ADDRESSES"};
    private static final String[] KEY_HEADERS = {"SOURCE", "DESTINATION", "PORT", "SOURCE -> DESTINATION", "NAT ADDRESS"};

    private TopText() {
    }

    public static void appendTo(Report report, StringBuilder sb) {
        appendTo(report, sb, TextWidth.DEFAULT);
    }

    /** As {@link #appendTo(Report, StringBuilder)}, tables fitted to {@code width} columns. */
    public static void appendTo(Report report, StringBuilder sb, int width) {
        Map<String, Object> top = mapOrEmpty(report.get("top"));
        if (top == null) {
            return;
        }
        for (int i = 0; i < NAMES.length; i++) {
            List<?> entries = top.get(NAMES[i]) instanceof List ? (List<?>) top.get(NAMES[i]) : List.of();
            if (entries.isEmpty()) {
                continue;
            }
            boolean exact = Boolean.TRUE.equals(mapOrEmpty(top.get("exact")).get(NAMES[i]));
            sb.append("TOP ").append(TITLES[i]).append(" by flows");
            if (exact) {
                sb.append(", exact (").append(Units.count(num(mapOrEmpty(top.get("distinct")).get(NAMES[i]))))
                    .append(" distinct)\n");
            } else {
                long maxError = num(mapOrEmpty(top.get("max_error")).get(NAMES[i]));
                sb.append(maxError == 0 ? ", sketched (no error so far)\n"
                    : ", sketched: each count may be up to " + maxError + " above the truth\n");
            }
            table(entries, KEY_HEADERS[i], exact).appendTo(sb, "  ", width);
            sb.append('\n');
        }
    }

    /** Columns: key, flows, [range when sketched], unreplied, peak entries, [bytes, packets when counted]. */
    private static TextTable table(List<?> entries, String keyHeader, boolean exact) {
        boolean counters = mapOrEmpty(entries.get(0)).containsKey("bytes");
        List<String> headers = new ArrayList<>(List.of(keyHeader, "FLOWS"));
        if (!exact) {
            headers.add("RANGE");
        }
        headers.addAll(List.of("UNREPLIED", "PEAK ENTRIES"));
        if (counters) {
            headers.addAll(List.of("BYTES", "PACKETS"));
        }
        TextTable t = new TextTable(headers.toArray(new String[0]));
        for (Object o : entries) {
            Map<String, Object> e = mapOrEmpty(o);
            List<Object> cells = new ArrayList<>(List.of(e.get("key"), Units.count(num(e.get("flows")))));
            if (!exact) {
                // in full: the bounds are what this column is for, 1.2 M..1.2 M would hide them
                cells.add(num(e.get("flows_low")) + ".." + num(e.get("flows_high")));
            }
            cells.add(Units.count(num(e.get("unreplied"))));
            cells.add(Units.count(num(e.get("peak_entries"))));
            if (counters) {
                cells.add(Units.bytes(num(e.get("bytes"))));
                cells.add(Units.count(num(e.get("packets"))));
            }
            t.row(cells.toArray());
        }
        return t;
    }
}
