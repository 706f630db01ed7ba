package io.ctscope.analysis.report;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders ONE table of a {@link Report} as RFC 4180 CSV ({@code ctscope report --format csv --section
 * NAME}), for spreadsheets and {@code csvkit}/{@code awk} pipelines. The section is a dotted path into the
 * report tree ({@code table.by_state}, {@code top.src}, {@code occupancy.series}). The documented tables
 * have fixed columns ({@link CsvTables}); for any other path the columns follow from the shape found there:
 * <ul>
 *   <li>a list of maps: the union of their keys in order of first appearance, one row per map;</li>
 *   <li>a list of lists or arrays (a series {@code [[ts, n], ...]}): {@code ts,value}, or
 *       {@code ts,entries} when the path ends in {@code series}; wider rows get {@code value_1, value_2 ...};</li>
 *   <li>a list of scalars: one column {@code value};</li>
 *   <li>a map whose values are all maps: {@code key}, then the union of the inner keys;</li>
 *   <li>any other map: {@code key,value} for its scalar members (non-scalar members are tables of
 *       their own, listed by {@link #tabularPaths}).</li>
 * </ul>
 * Numbers print as {@link JsonRenderer} prints them (BigDecimal plain, whole doubles without
 * {@code .0}, NaN and infinities empty), null prints empty, a nested map or list inside a cell prints
 * as compact JSON. An empty list has no known columns and renders as an empty document (a series as
 * its header alone). Rows end in {@code \n}; fields holding a comma, a quote or a line break are quoted.
 */
public final class CsvRenderer {
    private CsvRenderer() {
    }

    /**
     * The table at {@code section} as CSV.
     *
     * @throws IllegalArgumentException when the path names nothing or a single value; the message lists
     *     the tabular paths of this report
     */
    public static String render(Report report, String section) {
        Object node = resolve(report.root(), section);
        String known = CsvTables.render(section, node);
        if (known != null) {
            return known;
        }
        if (node == null || !isTabular(node)) {
            String problem = node == null
                ? "no such table \"" + section + "\""
                : "\"" + section + "\" is a single value, not a table";
            throw new IllegalArgumentException(problem + "; choose one of: " + String.join(", ", tabularPaths(report)));
        }
        StringBuilder sb = new StringBuilder(1024);
        if (node instanceof List) {
            renderList(sb, (List<?>) node, section);
        } else if (isRow(node)) {
            renderList(sb, asList(node), section);
        } else {
            renderMap(sb, (Map<?, ?>) node);
        }
        return sb.toString();
    }

    /** Every dotted path whose node is a list or a map, depth-first in report order: what {@link #render} accepts. */
    public static List<String> tabularPaths(Report report) {
        List<String> paths = new ArrayList<>();
        collect(report.root(), "", paths);
        return paths;
    }

    private static void collect(Map<?, ?> map, String prefix, List<String> paths) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (isTabular(v)) {
                String path = prefix + e.getKey();
                paths.add(path);
                if (v instanceof Map) {
                    collect((Map<?, ?>) v, path + ".", paths);
                }
            }
        }
    }

    /**
     * The node at a dotted path. Keys may themselves hold dots (file names, IPv4 addresses), so when the
     * next part is not a key, every key that is a prefix of the rest of the path is tried.
     */
    private static Object resolve(Map<?, ?> map, String path) {
        if (map.containsKey(path)) {
            return map.get(path);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (path.startsWith(key + ".") && e.getValue() instanceof Map) {
                Object found = resolve((Map<?, ?>) e.getValue(), path.substring(key.length() + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Maps, lists, and arrays such as {@code long[]}, which {@link JsonRenderer} also prints as lists. */
    private static boolean isTabular(Object v) {
        return v instanceof Map || isRow(v);
    }

    private static boolean isRow(Object v) {
        return v instanceof List || (v != null && v.getClass().isArray());
    }

    private static void renderList(StringBuilder sb, List<?> list, String path) {
        boolean series = path.equals("series") || path.endsWith(".series");
        if (list.isEmpty()) {
            if (series) {
                sb.append("ts,entries\n");
            }
            return;
        }
        if (list.stream().allMatch(x -> x == null || x instanceof Map)) {
            renderMaps(sb, list);
        } else if (list.stream().allMatch(x -> x == null || isRow(x))) {
            renderRows(sb, list, series);
        } else if (list.stream().noneMatch(x -> x instanceof Map || isRow(x))) {
            sb.append("value\n");
            for (Object v : list) {
                field(sb, v);
                sb.append('\n');
            }
        } else {
            throw new IllegalArgumentException("\"" + path + "\" mixes rows of different shapes; it has no single CSV form");
        }
    }

    /** A list of maps: one row per map, columns the union of their keys in order of first appearance. */
    private static void renderMaps(StringBuilder sb, List<?> maps) {
        Set<Object> columns = new LinkedHashSet<>();
        for (Object m : maps) {
            if (m != null) {
                columns.addAll(((Map<?, ?>) m).keySet());
            }
        }
        header(sb, columns, null);
        for (Object m : maps) {
            row(sb, columns, m == null ? Map.of() : (Map<?, ?>) m, null);
        }
    }

    /** A series: each element is one row of positional values. */
    private static void renderRows(StringBuilder sb, List<?> rows, boolean series) {
        int width = 0;
        for (Object row : rows) {
            width = Math.max(width, length(row));
        }
        sb.append("ts");
        if (width == 2) {
            sb.append(series ? ",entries" : ",value");
        } else {
            for (int i = 1; i < width; i++) {
                sb.append(",value_").append(i);
            }
        }
        sb.append('\n');
        for (Object row : rows) {
            for (int i = 0; i < Math.max(width, 1); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                field(sb, i < length(row) ? element(row, i) : null);
            }
            sb.append('\n');
        }
    }

    private static int length(Object row) {
        if (row == null) {
            return 0;
        }
        return row instanceof List ? ((List<?>) row).size() : Array.getLength(row);
    }

    private static List<Object> asList(Object array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < length(array); i++) {
            list.add(element(array, i));
        }
        return list;
    }

    private static Object element(Object row, int i) {
        return row instanceof List ? ((List<?>) row).get(i) : Array.get(row, i);
    }

    private static void renderMap(StringBuilder sb, Map<?, ?> map) {
        boolean allMaps = !map.isEmpty() && map.values().stream().allMatch(v -> v instanceof Map);
        if (allMaps) {
            Set<Object> columns = new LinkedHashSet<>();
            for (Object inner : map.values()) {
                columns.addAll(((Map<?, ?>) inner).keySet());
            }
            header(sb, columns, "key");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                row(sb, columns, (Map<?, ?>) e.getValue(), e.getKey());
            }
            return;
        }
        sb.append("key,value\n");
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (!isTabular(v)) {
                field(sb, e.getKey());
                sb.append(',');
                field(sb, v);
                sb.append('\n');
            }
        }
    }

    private static void header(StringBuilder sb, Set<Object> columns, String first) {
        line(sb, first, columns.toArray());
    }

    private static void row(StringBuilder sb, Set<Object> columns, Map<?, ?> values, Object key) {
        line(sb, key, columns.stream().map(values::get).toArray());
    }

    /** One CSV line: {@code first} (when not null), then the values. */
    static void line(StringBuilder sb, Object first, Object[] values) {
        boolean comma = false;
        if (first != null) {
            field(sb, first);
            comma = true;
        }
        for (Object v : values) {
            if (comma) {
                sb.append(',');
            }
            field(sb, v);
            comma = true;
        }
        sb.append('\n');
    }

    static void line(StringBuilder sb, Object first, List<String> columns) {
        line(sb, first, columns.toArray());
    }

    /** One field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    private static void field(StringBuilder sb, Object v) {
        String text = text(v);
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            sb.append(text);
            return;
        }
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (isTabular(v)) {
            StringBuilder json = new StringBuilder();
            compactJson(json, v);
            return json.toString();
        }
        return scalar(v);
    }

    /** A scalar as {@link JsonRenderer} writes it, without the quotes around strings. */
    private static String scalar(Object v) {
        if (v instanceof Number) {
            String n = JsonRenderer.number((Number) v);
            return n == null ? "" : n;
        }
        return v.toString();
    }

    /** A nested value inside one cell, as one line of JSON. */
    private static void compactJson(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map) {
            sb.append('{');
            boolean comma = false;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (comma) {
                    sb.append(',');
                }
                JsonRenderer.writeString(sb, String.valueOf(e.getKey()));
                sb.append(':');
                compactJson(sb, e.getValue());
                comma = true;
            }
            sb.append('}');
        } else if (isRow(v)) {
            sb.append('[');
            for (int i = 0; i < length(v); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                compactJson(sb, element(v, i));
            }
            sb.append(']');
        } else if (v instanceof Number || v instanceof Boolean) {
            String s = scalar(v);
            sb.append(s.isEmpty() ? "null" : s);
        } else {
            JsonRenderer.writeString(sb, v.toString());
        }
    }
}
