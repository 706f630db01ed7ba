package io.ctscope.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's {@code warnings}: what makes it incomplete or less than it could be, each as
 * {@code {code, input, message}} ({@code input} null when it concerns the whole run), and
 * {@code command} when a command line would do better (shown on a line of its own). The list is in the
 * report only when there is something to say; the text report prints it first, and the command repeats
 * it on stderr.
 */
public final class Warnings {
    public static final String KEY = "warnings";
    /** Text lines fit a default terminal. */
    private static final int WIDTH = 80;
    private static final String LEAD = "WARNING  ";

    private Warnings() {
    }

    /** Appends one warning to the report's list, creating it on first use. */
    public static void add(Report report, String code, String input, String message) {
        add(report, code, input, message, null);
    }

    /** Appends one warning that ends with the command line to run instead ({@code command}, may be null). */
    @SuppressWarnings("unchecked")
    public static void add(Report report, String code, String input, String message, String command) {
        List<Object> list = (List<Object>) report.root().computeIfAbsent(KEY, k -> new ArrayList<>());
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("code", code);
        w.put("input", input);
        w.put("message", message);
        if (command != null) {
            w.put("command", command);
        }
        list.add(w);
    }

    /** The report's warnings, in order, each as one line (message and command). */
    public static List<String> messages(Report report) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> w : warnings(report)) {
            Object command = w.get("command");
            out.add(w.get("message") + (command != null ? " " + command : ""));
        }
        return out;
    }

    private static List<Map<String, Object>> warnings(Report report) {
        List<Map<String, Object>> out = new ArrayList<>();
        Object list = report.root().get(KEY);
        if (list instanceof List) {
            for (Object o : (List<?>) list) {
                Map<String, Object> w = ReportValues.map(o);
                if (w != null) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** {@code WARNING  message} wrapped to 80 columns, its command on a line of its own; nothing without warnings. */
    public static void appendText(Report report, StringBuilder sb) {
        List<Map<String, Object>> warnings = warnings(report);
        for (Map<String, Object> w : warnings) {
            wrap(sb, LEAD, String.valueOf(w.get("message")));
            if (w.get("command") != null) {
                sb.append(" ".repeat(LEAD.length())).append("  ").append(w.get("command")).append('\n');
            }
        }
        if (!warnings.isEmpty()) {
            sb.append('\n');
        }
    }

    /** Word-wraps {@code text} to {@link #WIDTH} columns after {@code lead}, continuation lines indented as far. */
    private static void wrap(StringBuilder sb, String lead, String text) {
        String indent = " ".repeat(lead.length());
        sb.append(lead);
        int column = lead.length();
        boolean first = true;
        for (String word : text.split(" ")) {
            if (!first && column + 1 + word.length() > WIDTH) {
                sb.append('\n').append(indent);
                column = indent.length();
                first = true;
            }
            if (!first) {
                sb.append(' ');
                column++;
            }
            sb.append(word);
            column += word.length();
            first = false;
        }
        sb.append('\n');
    }
}
