package io.ctscope.analysis.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading values back out of the report tree, for the renderers. */
public final class ReportValues {
    private ReportValues() {
    }

    /** The node as a section map, or null when it is absent or not a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : null;
    }

    /** The node as a section map, or an empty map when it is absent or not a map. */
    public static Map<String, Object> mapOrEmpty(Object o) {
        Map<String, Object> m = map(o);
        return m != null ? m : Map.of();
    }

    /** The node as a whole number, 0 when it is absent or not a number. */
    public static long num(Object o) {
        return o instanceof Number ? ((Number) o).longValue() : 0;
    }

    /** The node as a list of strings (each element's text), empty when it is absent or not a list. */
    public static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List) {
            for (Object o : (List<?>) list) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }
}
