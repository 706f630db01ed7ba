package io.ctscope.analysis.report.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of plain-text cells with a header row (none when every header is empty); columns named in {@link #alignRight} are right-aligned
 * (numbers). Rows shorter than the header are padded with empty cells.
 */
public final class Table implements HtmlBlock {
    private final String[] headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = headers.clone();
        this.right = new boolean[headers.length];
    }

    /** Right-aligns these columns (0-based), for numbers. */
    public Table alignRight(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    public Table row(String... cells) {
        rows.add(Arrays.copyOf(cells, Math.max(cells.length, headers.length)));
        return this;
    }

    public int size() {
        return rows.size();
    }

    @Override
    public void appendTo(StringBuilder html) {
        html.append("<table>\n");
        if (!String.join("", headers).isEmpty()) {
            html.append("<thead><tr>");
            for (int c = 0; c < headers.length; c++) {
                cell(html, "th", c, headers[c]);
            }
            html.append("</tr></thead>\n");
        }
        html.append("<tbody>\n");
        for (String[] row : rows) {
            html.append("<tr>");
            for (int c = 0; c < row.length; c++) {
                cell(html, "td", c, row[c]);
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private void cell(StringBuilder html, String tag, int column, String text) {
        html.append('<').append(tag);
        if (column < right.length && right[column]) {
            html.append(" class=\"num\"");
        }
        html.append('>');
        Escape.appendText(html, text == null ? "" : text);
        html.append("</").append(tag).append('>');
    }
}
