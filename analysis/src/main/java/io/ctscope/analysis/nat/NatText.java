package io.ctscope.analysis.nat;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.TextTable;
import io.ctscope.analysis.report.TextWidth;
import io.ctscope.analysis.report.Units;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.ctscope.analysis.report.ReportValues.map;

/**
 * Renders {@code nat.ports} for a terminal: the port space and range, then translated addresses and
 * destinations, most at risk first, and a one-line warning when a destination's peak took more than half
 * of the ports it can use (the range when given, else the whole port space).
 */
public final class NatText {
    /** Share of the usable ports above which a destination is called out. */
    static final double WARN_PCT = 50.0;

    private NatText() {
    }

    /** Appends the block; nothing when the report has no {@code nat.ports} section. */
    public static void appendTo(Report report, StringBuilder sb) {
        appendTo(report, sb, TextWidth.DEFAULT);
    }

    /** As {@link #appendTo(Report, StringBuilder)}, tables fitted to {@code width} columns. */
    public static void appendTo(Report report, StringBuilder sb, int width) {
        Map<String, Object> ports = map(report.get("nat.ports"));
        if (ports == null) {
            return;
        }
        long flows = number(ports.get("translated_flows"));
        Object range = ports.get("port_range");
        sb.append("NAT PORTS  ").append(Units.count(flows)).append(" source-NATed flows; port space ")
            .append(exact(number(ports.get("capacity"))));
        if (range != null) {
            sb.append(", range ").append(range).append(" (").append(exact(number(ports.get("range_size"))))
                .append(" ports)");
            long outside = number(ports.get("outside_range"));
            if (outside > 0) {
                sb.append("; ").append(Units.count(outside)).append(" flows used ports outside that range");
            }
        }
        sb.append('\n');
        List<?> addresses = (List<?>) ports.get("by_address");
        List<?> destinations = (List<?>) ports.get("by_destination");
        if (flows == 0 || addresses == null || addresses.isEmpty()) {
            sb.append('\n');
            return;
        }
        appendWarning(sb, destinations, range != null);
        sb.append('\n');
        appendPeaks(sb, "TRANSLATED ADDRESS", "PEAK PORTS", addresses, width);
        if (destinations != null && !destinations.isEmpty()) {
            appendPeaks(sb, "TRANSLATED ADDRESS -> DESTINATION", "PEAK FLOWS", destinations, width);
        }
    }

    /** One list of {@code nat.ports} as a table: key, peak, share of the port space and of the range, when. */
    private static void appendPeaks(StringBuilder sb, String keyHeader, String peakHeader, List<?> rows, int width) {
        TextTable t = new TextTable(keyHeader, peakHeader, "OF SPACE", "OF RANGE", "AT");
        for (Object o : rows) {
            Map<String, Object> e = map(o);
            t.row(e.get("key"), Units.count(number(e.get("peak_ports"))), pct(e.get("use_pct")),
                pct(e.get("range_use_pct")), time(e.get("peak_ts")));
        }
        t.appendTo(sb, "  ", width);
        sb.append('\n');
    }

    /** The list is sorted by peak, so its head is the worst destination; count the others above the mark. */
    private static void appendWarning(StringBuilder sb, List<?> destinations, boolean hasRange) {
        if (destinations == null || destinations.isEmpty()) {
            return;
        }
        String column = hasRange ? "range_use_pct" : "use_pct";
        int above = 0;
        for (Object o : destinations) {
            Object v = map(o).get(column);
            if (v instanceof Number && ((Number) v).doubleValue() > WARN_PCT) {
                above++;
            }
        }
        if (above == 0) {
            return;
        }
        Map<String, Object> worst = map(destinations.get(0));
        sb.append("  WARNING: ").append(worst.get("key")).append(" peaked at ")
            .append(Units.count(number(worst.get("peak_ports")))).append(" concurrent flows, ")
            .append(pct(worst.get(column))).append(hasRange ? " of the port range" : " of the port space");
        if (above > 1) {
            sb.append(" (").append(above - 1).append(" more listed above ")
                .append(String.format(Locale.ROOT, "%.0f%%", WARN_PCT)).append(')');
        }
        sb.append("; new connections to it fail once its ports run out\n");
    }

    /** Port counts the operator compares with sysctl values: exact, grouped (65,536). */
    private static String exact(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pct(Object v) {
        return v instanceof Number ? Units.percent(((Number) v).doubleValue()) : "-";
    }

    private static String time(Object v) {
        return v instanceof Number ? Units.utc(((Number) v).doubleValue()) : "-";
    }

    private static long number(Object o) {
        return o instanceof Number ? ((Number) o).longValue() : 0;
    }
}
