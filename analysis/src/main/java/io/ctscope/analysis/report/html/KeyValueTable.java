package io.ctscope.analysis.report.html;

/** A two-column table of names and values (settings, inputs), in the order put. */
public final class KeyValueTable implements HtmlBlock {
    private final Table table;

    /** With these two column headers, e.g. {@code "setting", "value"} (both empty: no header row). */
    public KeyValueTable(String keyHeader, String valueHeader) {
        table = new Table(keyHeader, valueHeader);
    }

    public KeyValueTable put(String key, String value) {
        table.row(key, value);
        return this;
    }

    @Override
    public void appendTo(StringBuilder html) {
        table.appendTo(html);
    }
}
