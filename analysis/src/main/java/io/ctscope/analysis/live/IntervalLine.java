package io.ctscope.analysis.live;

import io.ctscope.analysis.report.Report;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compact line {@code ctscope live} prints on stderr every {@code --interval}: rates over the
 * interval (the difference of two published reports), live entries and their share of
 * {@code nf_conntrack_max}, the top 3 sources, bad lines, loss warnings, pipeline lag and the
 * interval's ingest→analyzer latency.
 */
public final class IntervalLine {
    private IntervalLine() {
    }

    /**
     * @param max {@code nf_conntrack_max}, or 0 when unreadable
     */
    public static String format(Report previous, Report current, double seconds, long max, double lagSeconds, Histogram latency) {
        ReportReader p = new ReportReader(previous);
        ReportReader c = new ReportReader(current);
        double span = Math.max(seconds, 1e-9);
        StringBuilder sb = new StringBuilder(160);
        sb.append(String.format(Locale.ROOT, "%.0f ev/s, %.0f new/s, %d entries",
            (c.events() - p.events()) / span, (c.num("events.NEW") - p.num("events.NEW")) / span, c.num("table.entries")));
        if (max > 0) {
            sb.append(String.format(Locale.ROOT, " (%.1f%% of max %d)", 100.0 * c.num("table.entries") / max, max));
        }
        List<Map<String, Object>> top = c.rows("top.src", 3);
        if (!top.isEmpty()) {
            sb.append(", top");
            for (int i = 0; i < top.size(); i++) {
                sb.append(i == 0 ? " " : ", ").append(top.get(i).get("key")).append(' ').append(top.get(i).get("flows"));
            }
        }
        sb.append(String.format(Locale.ROOT, "; bad %d, loss %d, lag %.1f s", c.num("input.bad_lines"), c.lossWarnings(), lagSeconds));
        if (latency.getTotalCount() > 0) {
            sb.append(", latency p50 ").append(duration(latency.getValueAtPercentile(50)))
                .append(" p99 ").append(duration(latency.getValueAtPercentile(99)))
                .append(" max ").append(duration(latency.getMaxValue()));
        }
        return sb.toString();
    }

    /** Nanoseconds as µs, ms or s with three digits. */
    static String duration(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%d µs", nanos / 1000);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
