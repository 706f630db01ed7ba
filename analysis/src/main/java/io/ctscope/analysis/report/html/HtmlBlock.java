package io.ctscope.analysis.report.html;

/** One part of an {@link HtmlDocument}: a chart, a table, a list, a heading. */
public interface HtmlBlock {
    /** Appends this block's markup, every string in it escaped. */
    void appendTo(StringBuilder html);
}
