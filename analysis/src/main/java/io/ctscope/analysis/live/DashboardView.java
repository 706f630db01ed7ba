package io.ctscope.analysis.live;

import io.ctscope.analysis.occupancy.Sparkline;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --dashboard} screen as plain lines for a terminal of {@code width} × {@code height} (at
 * least 80 × 24 is what it is laid out for): table fill against {@code nf_conntrack_max}, rates, loss,
 * an occupancy sparkline, entries per state, top sources, destinations and ports, NAT port pressure, the
 * last message and the keys. Everything comes from two published reports (rates are their difference);
 * no control characters: the terminal library draws it.
 */
public final class DashboardView {
    private static final int ROWS = 5;

    private DashboardView() {
    }

    public static List<String> render(Report previous, Report current, double seconds, long max, double lagSeconds,
                                      String title, String message, int width, int height) {
        ReportReader p = new ReportReader(previous);
        ReportReader c = new ReportReader(current);
        double span = Math.max(seconds, 1e-9);
        List<String> out = new ArrayList<>();
        out.add(fit("ctscope live  " + title, width));
        long entries = c.num("table.entries");
        StringBuilder fill = new StringBuilder("TABLE  ").append(Units.count(entries)).append(" entries");
        if (max > 0) {
            int bar = 30;
            int used = (int) Math.min(bar, Math.round((double) entries * bar / max));
            fill.append(String.format(Locale.ROOT, " of max %s (%.1f%%) [", Units.count(max), 100.0 * entries / max))
                .append("#".repeat(used)).append(".".repeat(bar - used)).append(']');
        }
        out.add(fit(fill.toString(), width));
        out.add(fit(String.format(Locale.ROOT, "RATES  %.0f events/s  %.0f new/s   LOSS %d   BAD %d   LAG %.1f s",
            (c.events() - p.events()) / span, (c.num("events.NEW") - p.num("events.NEW")) / span, c.lossWarnings(),
            c.num("input.bad_lines"), lagSeconds), width));
        out.add(fit("OCCUPANCY |" + Sparkline.of(series(current, width - 12), width - 12) + "|", width));
        out.add("");
        out.add(fit(columns(width, "STATE", "ENTRIES", "SOURCE", "FLOWS", "DESTINATION", "FLOWS"), width));
        List<Map.Entry<String, Object>> states = new ArrayList<>(c.map("table.by_state").entrySet());
        List<Map<String, Object>> src = c.rows("top.src", ROWS);
        List<Map<String, Object>> dst = c.rows("top.dst", ROWS);
        for (int i = 0; i < ROWS; i++) {
            out.add(fit(columns(width,
                i < states.size() ? states.get(i).getKey() : "", i < states.size() ? Units.count(((Number) states.get(i).getValue()).longValue()) : "",
                i < src.size() ? String.valueOf(src.get(i).get("key")) : "", i < src.size() ? Units.count(((Number) src.get(i).get("flows")).longValue()) : "",
                i < dst.size() ? String.valueOf(dst.get(i).get("key")) : "", i < dst.size() ? Units.count(((Number) dst.get(i).get("flows")).longValue()) : ""),
                width));
        }
        out.add("");
        StringBuilder ports = new StringBuilder("PORTS ");
        for (Map<String, Object> row : c.rows("top.dport", ROWS)) {
            ports.append(' ').append(row.get("key")).append(' ').append(Units.count(((Number) row.get("flows")).longValue())).append(' ');
        }
        out.add(fit(ports.toString(), width));
        StringBuilder nat = new StringBuilder("NAT   ");
        for (Map<String, Object> row : c.rows("nat.ports.by_address", 3)) {
            nat.append(' ').append(row.get("key")).append(" peak ").append(row.get("peak_ports")).append(" ports ");
        }
        out.add(fit(nat.toString(), width));
        while (out.size() < height - 2) {
            out.add("");
        }
        out.add(fit(message == null ? "" : message, width));
        out.add(fit("q quit (prints the report, like Ctrl-C)", width));
        return out.size() > height ? out.subList(0, height) : out;
    }

    /** The last {@code n} points of the occupancy series. */
    @SuppressWarnings("unchecked")
    private static long[] series(Report r, int n) {
        Object o = r.get("occupancy.series");
        if (!(o instanceof List) || n <= 0) {
            return new long[0];
        }
        List<long[]> points = (List<long[]>) o;
        int from = Math.max(0, points.size() - n);
        long[] v = new long[points.size() - from];
        for (int i = 0; i < v.length; i++) {
            v[i] = points.get(from + i)[1];
        }
        return v;
    }

    /** Three label/value pairs in columns: a third of the width each. */
    private static String columns(int width, String... cells) {
        int w = Math.max(26, width / 3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i += 2) {
            String label = cells[i];
            String value = cells[i + 1];
            int room = Math.max(1, w - 2 - value.length());
            String l = label.length() > room ? label.substring(0, room) : label;
            sb.append(l).append(" ".repeat(Math.max(1, w - 1 - l.length() - value.length()))).append(value).append(' ');
        }
        return sb.toString();
    }

    private static String fit(String s, int width) {
        String clean = io.ctscope.ingest.live.ConntrackStderr.escape(s);
        return clean.length() > width ? clean.substring(0, width) : clean;
    }
}
