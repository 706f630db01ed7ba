package io.ctscope.analysis.report.html;

import io.ctscope.analysis.report.Units;

import java.util.ArrayList;
import java.util.List;

/**
 * Horizontal bars as inline SVG, one labelled row per bar in the order added (e.g. entries per
 * protocol/state), scaled to the largest value, each with its value printed after the bar.
 */
public final class BarChart implements HtmlBlock {
    private static final int ROW = 22;
    private static final int CHAR = 7;

    private final String title;
    private final List<String> labels = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private int width = 960;

    public BarChart(String title) {
        this.title = title;
    }

    public BarChart width(int width) {
        this.width = Math.max(300, width);
        return this;
    }

    public BarChart bar(String label, double value) {
        labels.add(label);
        values.add(value);
        return this;
    }

    @Override
    public void appendTo(StringBuilder html) {
        Svg.openFigure(html, title);
        if (labels.isEmpty()) {
            Svg.emptyFigure(html, "Nothing to show.");
            return;
        }
        int longest = 0;
        double max = 0;
        for (int i = 0; i < labels.size(); i++) {
            longest = Math.max(longest, labels.get(i).length());
            max = Math.max(max, values.get(i));
        }
        int labelW = Math.min(320, 12 + longest * CHAR);
        int valueW = 80;
        int barW = width - labelW - valueW;
        int height = labels.size() * ROW + 8;
        Svg.open(html, width, height, title);
        for (int i = 0; i < labels.size(); i++) {
            double v = Math.max(0, values.get(i));
            double w = max > 0 ? v / max * barW : 0;
            int y = 4 + i * ROW;
            Svg.text(html, labelW - 8, y + 15, "text-anchor=\"end\"", labels.get(i));
            html.append("<rect class=\"bar\" x=\"").append(labelW).append("\" y=\"").append(y + 3)
                .append("\" width=\"").append(Svg.num(Math.max(w, v > 0 ? 1 : 0))).append("\" height=\"").append(ROW - 6)
                .append("\" fill=\"").append(Palette.colour(0)).append("\"/>\n");
            Svg.text(html, labelW + w + 6, y + 15, "", amount(v));
        }
        html.append("</svg>\n</figure>\n");
    }

    private static String amount(double v) {
        return v == Math.rint(v) ? Units.count((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
