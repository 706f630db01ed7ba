package io.ctscope.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's {@code warnings}: what makes it incomplete or less than it could be, each as
 * {@code {code, input, message}} ({@code input} null when it concerns the whole run). The list is in the
 * report only when there is something to say; the text report prints it first, and the command repeats
 * it on stderr.
 */
public final class Warnings {
    public static final String KEY = "warnings";

    private Warnings() {
    }

    /** Appends one warning to the report's list, creating it on first use. */
    @SuppressWarnings("unchecked")
    public static void add(Report report, String code, String input, String message) {
        List<Object> list = (List<Object>) report.root().computeIfAbsent(KEY, k -> new ArrayList<>());
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("code", code);
        w.put("input", input);
        w.put("message", message);
        list.add(w);
    }

    /** The messages of the report's warnings, in order (none: empty). */
    public static List<String> messages(Report report) {
        List<String> out = new ArrayList<>();
        Object list = report.root().get(KEY);
        if (list instanceof List) {
            for (Object o : (List<?>) list) {
                Map<String, Object> w = ReportValues.map(o);
                if (w != null) {
                    out.add(String.valueOf(w.get("message")));
                }
            }
        }
        return out;
    }

    /** {@code WARNING  message} lines, then a blank line; nothing when there is no warning. */
    public static void appendText(Report report, StringBuilder sb) {
        List<String> messages = messages(report);
        for (String m : messages) {
            sb.append("WARNING  ").append(m).append('\n');
        }
        if (!messages.isEmpty()) {
            sb.append('\n');
        }
    }
}
