package io.ctscope.analysis.report.html;

/** A heading or a paragraph of plain text (escaped). */
public final class TextBlock implements HtmlBlock {
    private final String tag;
    private final String cssClass;
    private final String text;

    private TextBlock(String tag, String cssClass, String text) {
        this.tag = tag;
        this.cssClass = cssClass;
        this.text = text;
    }

    /** A section heading ({@code <h2>}). */
    public static TextBlock heading(String text) {
        return new TextBlock("h2", null, text);
    }

    /** A paragraph ({@code <p>}). */
    public static TextBlock paragraph(String text) {
        return new TextBlock("p", null, text);
    }

    /** A paragraph in a muted style, for how a figure was obtained. */
    public static TextBlock note(String text) {
        return new TextBlock("p", "note", text);
    }

    @Override
    public void appendTo(StringBuilder html) {
        html.append('<').append(tag);
        if (cssClass != null) {
            html.append(" class=\"").append(cssClass).append('"');
        }
        html.append('>');
        Escape.appendText(html, text);
        html.append("</").append(tag).append(">\n");
    }
}
