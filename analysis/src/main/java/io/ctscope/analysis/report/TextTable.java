package io.ctscope.analysis.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns: text left-aligned, numbers right-aligned. */
public final class TextTable {
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

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void appendTo(StringBuilder sb, String indent) {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        line(sb, indent, headers, width);
        for (String[] r : rows) {
            line(sb, indent, r, width);
        }
    }

    private void line(StringBuilder sb, String indent, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder(indent);
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
