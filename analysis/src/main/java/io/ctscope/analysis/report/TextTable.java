package io.ctscope.analysis.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns: text left-aligned, numbers right-aligned. Given a width, a
 * table too wide for it narrows its first (key) column, and a key longer than that column goes on a
 * line of its own with its values on the next: nothing is cut, and the numbers stay aligned.
 */
public final class TextTable {
    /** The narrowest the key column gets before the table gives up fitting. */
    private static final int MIN_KEY_WIDTH = 8;

    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = headers;
        this.rightAligned = new boolean[headers.length];
        for (int i = 1; i < headers.length; i++) {
            rightAligned[i] = true;
        }
    }

    public TextTable row(Object... cells) {
        String[] r = new String[headers.length];
        for (int i = 0; i < r.length; i++) {
            // cells hold input names and values: no control character reaches the terminal
            r[i] = i < cells.length && cells[i] != null ? io.ctscope.ingest.io.Printable.of(cells[i].toString()) : "";
        }
        rows.add(r);
        return this;
    }

    /**
     * A key on lines of its own; one longer than the width (a long file path) is broken after a
     * {@code /}, space, {@code -} or {@code :} and continued two columns further in.
     */
    private static void appendKey(StringBuilder sb, String indent, String key, int maxWidth) {
        String rest = key;
        String lead = indent;
        while (lead.length() + rest.length() > maxWidth) {
            int room = maxWidth - lead.length();
            int cut = -1;
            for (int i = Math.min(room, rest.length()) - 1; i > room / 2 && cut < 0; i--) {
                char c = rest.charAt(i);
                if (c == '/' || c == ' ' || c == '-' || c == ':') {
                    cut = i + 1;
                }
            }
            if (cut < 0) {
                break;
            }
            sb.append(lead).append(rest, 0, cut).append('\n');
            rest = rest.substring(cut);
            lead = indent + "  ";
        }
        sb.append(lead).append(rest).append('\n');
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void appendTo(StringBuilder sb, String indent) {
        appendTo(sb, indent, TextWidth.DEFAULT);
    }

    /** The table in at most {@code maxWidth} columns (when its value columns alone fit). */
    public void appendTo(StringBuilder sb, String indent, int maxWidth) {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        int total = indent.length() + 2 * (headers.length - 1);
        for (int w : width) {
            total += w;
        }
        if (total > maxWidth && headers.length > 1) {
            width[0] = Math.max(MIN_KEY_WIDTH, width[0] - (total - maxWidth));
        }
        line(sb, indent, headers, width, maxWidth);
        for (String[] r : rows) {
            line(sb, indent, r, width, maxWidth);
        }
    }

    private void line(StringBuilder sb, String indent, String[] cells, int[] width, int maxWidth) {
        StringBuilder l = new StringBuilder(indent);
        if (cells.length > 1 && cells[0].length() > width[0]) {
            appendKey(sb, indent, cells[0], maxWidth);
            String[] rest = cells.clone();
            rest[0] = "";
            cells = rest;
        }
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                l.append("  ");
            }
            String c = cells[i];
            int padding = width[i] - c.length();
            if (rightAligned[i]) {
                l.append(" ".repeat(padding)).append(c);
            } else {
                l.append(c).append(" ".repeat(padding));
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
