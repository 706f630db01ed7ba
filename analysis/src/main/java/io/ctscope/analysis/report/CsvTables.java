package io.ctscope.analysis.report;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The documented report tables and their fixed CSV columns, so that a section has the same header
 * whatever the input (a dump without counters still has {@code bytes,packets} columns, left empty) and
 * an empty or absent section still prints its header. Nested tables come out as rows, never as JSON
 * inside a cell: {@code occupancy.by_protocol} is {@code protocol,ts,entries}, {@code events.by_state}
 * is {@code event,state,count}.
 */
final class CsvTables {
    /** How a known table's node becomes rows. */
    private enum Shape {
        /** A list of maps: one row per map, these keys as columns. */
        ROWS,
        /** A map of maps: the outer key, then these inner keys. */
        KEYED_ROWS,
        /** A list of [ts, entries] pairs. */
        SERIES,
        /** A map of scalars: key,value. */
        PAIRS,
        /** occupancy.by_protocol: protocol → {series}, as protocol,ts,entries. */
        PROTOCOL_SERIES,
        /** events.by_protocol / by_state: event → {name → count}, as event,NAME,count. */
        EVENT_COUNTS,
    }

    private static final List<String> TALKER = List.of("key", "flows", "flows_low", "flows_high", "bytes", "packets",
        "unreplied", "peak_entries");
    private static final List<String> NAT_ADDRESS = List.of("key", "address", "protocol", "peak_ports", "peak_ts",
        "use_pct", "range_use_pct");
    private static final List<String> NAT_DESTINATION = List.of("key", "address", "destination", "protocol",
        "peak_ports", "peak_ts", "use_pct", "range_use_pct");
    private static final List<String> DURATION = List.of("count", "p50", "p90", "p99", "max", "mean");

    private static final Object[][] TABLES = {
        {Pattern.compile("top\\.(src|dst|dport|pair|nat)"), Shape.ROWS, TALKER},
        {Pattern.compile("nat\\.ports\\.by_address"), Shape.ROWS, NAT_ADDRESS},
        {Pattern.compile("nat\\.ports\\.by_destination"), Shape.ROWS, NAT_DESTINATION},
        {Pattern.compile("durations\\.(lifetime|state)"), Shape.KEYED_ROWS, DURATION},
        {Pattern.compile("occupancy(\\.by_protocol\\.[^.]+)?\\.series"), Shape.SERIES, List.of("ts", "entries")},
        {Pattern.compile("occupancy\\.by_protocol"), Shape.PROTOCOL_SERIES, List.of("protocol", "ts", "entries")},
        {Pattern.compile("events\\.by_protocol"), Shape.EVENT_COUNTS, List.of("event", "protocol", "count")},
        {Pattern.compile("events\\.by_state"), Shape.EVENT_COUNTS, List.of("event", "state", "count")},
        {Pattern.compile("(table|events)\\.by_(protocol|state)(\\.[A-Z]+)?"), Shape.PAIRS, List.of("key", "value")},
    };

    private CsvTables() {
    }

    /** The CSV of {@code section} when it is a documented table ({@code node} null: absent), else null. */
    static String render(String section, Object node) {
        for (Object[] t : TABLES) {
            if (((Pattern) t[0]).matcher(section).matches()) {
                @SuppressWarnings("unchecked")
                List<String> columns = (List<String>) t[2];
                StringBuilder sb = new StringBuilder(1024);
                render(sb, (Shape) t[1], columns, node);
                return sb.toString();
            }
        }
        return null;
    }

    private static void render(StringBuilder sb, Shape shape, List<String> columns, Object node) {
        if (shape == Shape.KEYED_ROWS) {
            CsvRenderer.line(sb, "key", columns);
        } else {
            CsvRenderer.line(sb, null, columns);
        }
        if (node == null) {
            return;
        }
        switch (shape) {
            case ROWS:
                for (Object row : (List<?>) node) {
                    Map<?, ?> m = (Map<?, ?>) row;
                    CsvRenderer.line(sb, null, columns.stream().map(m::get).toArray());
                }
                break;
            case KEYED_ROWS:
                for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
                    Map<?, ?> m = (Map<?, ?>) e.getValue();
                    CsvRenderer.line(sb, e.getKey(), columns.stream().map(m::get).toArray());
                }
                break;
            case SERIES:
                series(sb, null, node);
                break;
            case PROTOCOL_SERIES:
                for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
                    series(sb, e.getKey(), ((Map<?, ?>) e.getValue()).get("series"));
                }
                break;
            case EVENT_COUNTS:
                for (Map.Entry<?, ?> type : ((Map<?, ?>) node).entrySet()) {
                    for (Map.Entry<?, ?> count : ((Map<?, ?>) type.getValue()).entrySet()) {
                        CsvRenderer.line(sb, type.getKey(), new Object[] {count.getKey(), count.getValue()});
                    }
                }
                break;
            default:
                for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
                    CsvRenderer.line(sb, e.getKey(), new Object[] {e.getValue()});
                }
        }
    }

    /** Rows {@code [first,] ts, entries} of a series (a list of {@code long[2]} or of two-element lists). */
    private static void series(StringBuilder sb, Object first, Object series) {
        if (series == null) {
            return;
        }
        for (Object point : (List<?>) series) {
            Object ts;
            Object entries;
            if (point instanceof long[]) {
                ts = ((long[]) point)[0];
                entries = ((long[]) point)[1];
            } else {
                ts = ((List<?>) point).get(0);
                entries = ((List<?>) point).get(1);
            }
            CsvRenderer.line(sb, first, new Object[] {ts, entries});
        }
    }
}
