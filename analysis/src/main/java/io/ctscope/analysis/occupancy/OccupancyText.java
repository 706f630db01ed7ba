package io.ctscope.analysis.occupancy;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.TextTable;
import io.ctscope.analysis.report.Units;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.ctscope.analysis.report.ReportValues.map;
import static io.ctscope.analysis.report.ReportValues.num;

/**
 * Renders the {@code occupancy} and {@code rates} sections for a terminal: the peak and mean of live
 * entries with when and over how long, the NEW/DESTROY/event rates, flows already in the table at the
 * start, a per-protocol table and a sparkline of the whole series. Renders nothing when the sections
 * are absent (no timestamps in the input).
 */
public final class OccupancyText {
    private static final int SPARK_COLUMNS = 60;
    private static final String CONTINUED = "           ";

    private OccupancyText() {
    }

    public static void appendTo(Report report, StringBuilder sb) {
        Map<String, Object> occ = map(report.get("occupancy"));
        if (occ == null) {
            return;
        }
        double start = dbl(occ.get("start_ts"));
        double end = dbl(occ.get("end_ts"));
        sb.append("OCCUPANCY  peak ").append(Units.count(num(occ.get("peak")))).append(" entries at ")
            .append(Units.utc(dbl(occ.get("peak_ts")))).append(", mean ").append(amount(dbl(occ.get("mean"))))
            .append(" over ").append(Units.duration((long) (end - start)))
            .append(" (").append(num(occ.get("resolution_s"))).append(" s intervals)\n");
        appendRates(map(report.get("rates")), sb);
        long preexisting = num(occ.get("preexisting"));
        if (preexisting > 0) {
            sb.append(CONTINUED).append(Units.count(preexisting))
                .append(preexisting == 1 ? " flow was" : " flows were").append(" already in the table when the capture began\n");
        }
        long untimed = num(occ.get("untimed"));
        if (untimed > 0) {
            sb.append(CONTINUED).append(Units.count(untimed)).append(untimed == 1 ? " record" : " records").append(" without a timestamp left out\n");
        }
        appendOutliers(map(occ.get("outliers")), sb);
        if (Boolean.FALSE.equals(occ.get("peak_exact"))) {
            sb.append(CONTINUED).append("the peak is an upper bound: events came too far out of time order to place\n");
        }
        Map<String, Object> byProtocol = map(occ.get("by_protocol"));
        if (byProtocol != null && !byProtocol.isEmpty()) {
            TextTable t = new TextTable("PROTOCOL", "PEAK", "AT", "MEAN");
            for (Map.Entry<String, Object> e : byProtocol.entrySet()) {
                Map<String, Object> p = map(e.getValue());
                t.row(e.getKey(), Units.count(num(p.get("peak"))), Units.utc(dbl(p.get("peak_ts"))), amount(dbl(p.get("mean"))));
            }
            t.appendTo(sb, "  ");
        }
        long[] entries = entries(occ.get("series"));
        if (entries.length > 0) {
            sb.append("  |").append(Sparkline.of(entries, SPARK_COLUMNS)).append("|  entries from ")
                .append(Units.utc(start)).append(" to ").append(Units.utc(end)).append('\n');
        }
        sb.append('\n');
    }

    private static void appendOutliers(Map<String, Object> outliers, StringBuilder sb) {
        long n = outliers == null ? 0 : num(outliers.get("records"));
        if (n == 0) {
            return;
        }
        sb.append(CONTINUED).append(Units.count(n)).append(n == 1 ? " record" : " records")
            .append(" stamped far outside the capture left out");
        Object ranges = outliers.get("ranges");
        if (ranges instanceof List && !((List<?>) ranges).isEmpty()) {
            Map<String, Object> first = map(((List<?>) ranges).get(0));
            sb.append(", e.g. at ").append(first.get("first_ts"));
        }
        sb.append('\n');
    }

    private static void appendRates(Map<String, Object> rates, StringBuilder sb) {
        if (rates == null) {
            return;
        }
        sb.append(CONTINUED).append(rate("NEW", map(rates.get("new_per_s"))))
            .append("; ").append(rate("DESTROY", map(rates.get("destroy_per_s"))))
            .append("; ").append(rate("events", map(rates.get("events_per_s"))));
        long resolution = num(rates.get("resolution_s"));
        if (resolution > 1) {
            sb.append(" (").append(resolution).append(" s intervals)");
        }
        sb.append('\n');
    }

    private static String rate(String what, Map<String, Object> r) {
        if (r == null) {
            return what + " -";
        }
        return what + ' ' + amount(dbl(r.get("peak"))) + "/s peak, " + amount(dbl(r.get("mean"))) + "/s mean";
    }

    /** Whole or large numbers as counts (12.3 k); small fractional ones with one decimal (2.5), two below 1 (0.13). */
    private static String amount(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return Units.count(Math.round(v));
        }
        String s = String.format(Locale.ROOT, Math.abs(v) >= 1 ? "%.1f" : "%.2f", v);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    /** The entries column of a series, whether its points are {@code long[]} or lists of numbers. */
    private static long[] entries(Object series) {
        if (!(series instanceof List)) {
            return new long[0];
        }
        List<?> points = (List<?>) series;
        long[] out = new long[points.size()];
        for (int i = 0; i < out.length; i++) {
            Object p = points.get(i);
            if (p instanceof long[]) {
                out[i] = ((long[]) p)[1];
            } else if (p instanceof List) {
                out[i] = num(((List<?>) p).get(1));
            }
        }
        return out;
    }

    private static double dbl(Object o) {
        return o instanceof Number ? ((Number) o).doubleValue() : 0;
    }
}
