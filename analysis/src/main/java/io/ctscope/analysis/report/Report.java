package io.ctscope.analysis.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report as an ordered tree: sections are maps of keys to numbers, strings, booleans, null, lists
 * and nested maps, in the order they should be shown. Renderers ({@link JsonRenderer},
 * {@link TextRenderer}) walk it; keys are the documented JSON names and are never renamed.
 */
public final class Report {
    private final Map<String, Object> root = new LinkedHashMap<>();

    /** The named top-level section, created empty on first use. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String name) {
        return (Map<String, Object>) root.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
    }

    public Map<String, Object> root() {
        return root;
    }

    /** Looks up a dotted path such as {@code table.by_protocol.tcp}; null when absent. */
    @SuppressWarnings("unchecked")
    public Object get(String dottedPath) {
        Object node = root;
        for (String part : dottedPath.split("\\.")) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<String, Object>) node).get(part);
        }
        return node;
    }
}
