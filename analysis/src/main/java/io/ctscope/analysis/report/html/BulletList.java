package io.ctscope.analysis.report.html;

import java.util.ArrayList;
import java.util.List;

/** A bulleted list of plain-text items (e.g. a projection's assumptions). */
public final class BulletList implements HtmlBlock {
    private final List<String> items = new ArrayList<>();

    public BulletList item(String text) {
        items.add(text);
        return this;
    }

    public BulletList items(Iterable<String> texts) {
        for (String t : texts) {
            items.add(t);
        }
        return this;
    }

    @Override
    public void appendTo(StringBuilder html) {
        html.append("<ul>\n");
        for (String item : items) {
            html.append("<li>");
            Escape.appendText(html, item);
            html.append("</li>\n");
        }
        html.append("</ul>\n");
    }
}
