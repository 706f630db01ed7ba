package io.ctscope.analysis.duration;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.TextTable;
import io.ctscope.analysis.report.TextWidth;
import io.ctscope.analysis.report.Units;

import java.util.Locale;
import java.util.Map;

import static io.ctscope.analysis.report.ReportValues.map;

/**
 * Renders the {@code durations} section for a terminal: one aligned table, lifetimes per protocol, then
 * time in each protocol state, with human durations ({@code 850ms}, {@code 3.2s}, {@code 2m00s}).
 */
public final class DurationText {
    private static final String[] COLUMNS = {"COUNT", "P50", "P90", "P99", "MAX", "MEAN"};
    private static final String[] STAT_KEYS = {"p50", "p90", "p99", "max", "mean"};

    private DurationText() {
    }

    /** Appends the block; nothing when the report has no {@code durations} section. */
    public static void appendTo(Report report, StringBuilder sb) {
        appendTo(report, sb, TextWidth.DEFAULT);
    }

    /** As {@link #appendTo(Report, StringBuilder)}, tables fitted to {@code width} columns. */
    public static void appendTo(Report report, StringBuilder sb, int width) {
        Map<String, Object> durations = map(report.get("durations"));
        if (durations == null) {
            return;
        }
        Map<String, Object> lifetimes = map(durations.get("lifetime"));
        Map<String, Object> states = map(durations.get("state"));
        long recorded = 0;
        if (lifetimes != null) {
            for (Object v : lifetimes.values()) {
                recorded += count(map(v));
            }
        }
        sb.append("DURATIONS  ").append(Units.count(recorded)).append(" lifetimes measured, ")
            .append(Units.count(number(durations.get("censored")))).append(" flows still open at the end (censored, not included)\n");
        sb.append("           lifetimes timed by events include the reaping lag (up to ~60 s); ktimestamp ones do not\n\n");
        TextTable t = new TextTable(header("LIFETIME"));
        addRows(t, lifetimes);
        if (states != null && !states.isEmpty()) {
            if (!t.isEmpty()) {
                t.row();
            }
            t.row((Object[]) header("STATE"));
            addRows(t, states);
        }
        t.appendTo(sb, "  ", width);
        sb.append('\n');
    }

    private static String[] header(String first) {
        String[] h = new String[COLUMNS.length + 1];
        h[0] = first;
        System.arraycopy(COLUMNS, 0, h, 1, COLUMNS.length);
        return h;
    }

    private static void addRows(TextTable t, Map<String, Object> entries) {
        if (entries == null) {
            return;
        }
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            Map<String, Object> stats = map(e.getValue());
            if (stats == null) {
                continue;
            }
            Object[] row = new Object[COLUMNS.length + 1];
            row[0] = e.getKey();
            row[1] = Units.count(count(stats));
            for (int i = 0; i < STAT_KEYS.length; i++) {
                Object v = stats.get(STAT_KEYS[i]);
                row[i + 2] = v instanceof Number ? human(((Number) v).doubleValue()) : "-";
            }
            t.row(row);
        }
    }

    /** Durations for people: milliseconds below 1 s, tenths below 10 s, then {@link Units#duration}. */
    static String human(double seconds) {
        if (seconds < 1) {
            return Math.round(seconds * 1000) + "ms";
        }
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        return Units.duration(Math.round(seconds));
    }

    private static long count(Map<String, Object> stats) {
        return stats == null ? 0 : number(stats.get("count"));
    }

    private static long number(Object o) {
        return o instanceof Number ? ((Number) o).longValue() : 0;
    }
}
