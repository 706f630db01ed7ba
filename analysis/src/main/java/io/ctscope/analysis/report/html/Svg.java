package io.ctscope.analysis.report.html;

import java.util.Locale;

/** Small helpers for writing SVG numbers and text. */
final class Svg {
    private Svg() {
    }

    /** A coordinate with one decimal, dot as separator whatever the locale. */
    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** {@code <text x y attrs>escaped</text>}. */
    static void text(StringBuilder sb, double x, double y, String attributes, String text) {
        sb.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append('"');
        if (!attributes.isEmpty()) {
            sb.append(' ').append(attributes);
        }
        sb.append('>');
        Escape.appendText(sb, text);
        sb.append("</text>\n");
    }

    /** Opens a chart's {@code <figure>} with its caption. */
    static void openFigure(StringBuilder sb, String caption) {
        sb.append("<figure class=\"chart\">\n<figcaption>");
        Escape.appendText(sb, caption);
        sb.append("</figcaption>\n");
    }

    /** Closes a chart's figure that has nothing to draw, saying so. */
    static void emptyFigure(StringBuilder sb, String note) {
        sb.append("<p class=\"note\">").append(note).append("</p>\n</figure>\n");
    }

    /** Opens an {@code <svg>} that scales with the page, with an accessible name. */
    static void open(StringBuilder sb, int width, int height, String label) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
            .append("\" width=\"").append(width).append("\" height=\"").append(height)
            .append("\" role=\"img\" aria-label=\"");
        Escape.appendText(sb, label);
        sb.append("\">\n<title>");
        Escape.appendText(sb, label);
        sb.append("</title>\n");
    }
}
