package io.ctscope.analysis.report.html;

import io.ctscope.analysis.report.Units;

import java.util.ArrayList;
import java.util.List;

/**
 * A line chart over time as inline SVG: lines, shaded bands (a low and a high per point, e.g. a
 * projection's range) and horizontal reference lines (e.g. {@code nf_conntrack_max}), with a y axis
 * from 0, a UTC time axis and a legend. Series of any length are reduced per pixel column to that
 * column's minimum and maximum ({@link MinMaxDownsampler}), so the file stays small (a week at 1 s
 * draws as at most two points per column) and no spike is lost.
 *
 * <pre>{@code
 * new LineChart("Live entries", "entries")
 *     .band("projected (low-high)", ts, low, high)
 *     .line("current", ts, current)
 *     .line("projected", ts, point)
 *     .reference("nf_conntrack_max", 262144);
 * }</pre>
 *
 * Times are epoch seconds; every array of a series has the same length. Bands are drawn first, then
 * lines, then reference lines, each in the colour of its turn.
 */
public final class LineChart implements HtmlBlock {
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 22;
    private static final int BOTTOM = 34;

    private final String title;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private int width = 960;
    private int height = 300;

    /** A chart named {@code title} (its caption), values in {@code yLabel} (e.g. "entries"). */
    public LineChart(String title, String yLabel) {
        this.title = title;
        this.yLabel = yLabel;
    }

    /** The size in CSS pixels (default 960 × 300); the SVG scales down with narrower pages. */
    public LineChart size(int width, int height) {
        this.width = Math.max(200, width);
        this.height = Math.max(120, height);
        return this;
    }

    /** A line through {@code (ts[i], values[i])}. */
    public LineChart line(String name, long[] ts, double[] values) {
        check(ts, values);
        series.add(new Series(name, ts, values, null));
        return this;
    }

    /** A line of whole numbers, e.g. entries. */
    public LineChart line(String name, long[] ts, long[] values) {
        return line(name, ts, toDoubles(values));
    }

    /** A shaded band from {@code low[i]} to {@code high[i]} at {@code ts[i]}. */
    public LineChart band(String name, long[] ts, double[] low, double[] high) {
        check(ts, low);
        check(ts, high);
        series.add(new Series(name, ts, low, high));
        return this;
    }

    public LineChart band(String name, long[] ts, long[] low, long[] high) {
        return band(name, ts, toDoubles(low), toDoubles(high));
    }

    /** A horizontal dashed line at {@code value}, labelled. */
    public LineChart reference(String label, double value) {
        references.add(new Reference(label, value));
        return this;
    }

    @Override
    public void appendTo(StringBuilder html) {
        Svg.openFigure(html, title);
        long t0 = Long.MAX_VALUE;
        long t1 = Long.MIN_VALUE;
        double max = 0;
        for (Series s : series) {
            for (int i = 0; i < s.ts.length; i++) {
                t0 = Math.min(t0, s.ts[i]);
                t1 = Math.max(t1, s.ts[i]);
                max = Math.max(max, finite(s.high != null ? s.high[i] : s.values[i]));
                max = Math.max(max, finite(s.values[i]));
            }
        }
        if (t0 > t1) {
            Svg.emptyFigure(html, "No data to draw.");
            return;
        }
        for (Reference r : references) {
            max = Math.max(max, finite(r.value));
        }
        double[] axis = Ticks.valueAxis(max * 1.05, 5);
        int plotW = width - LEFT - RIGHT;
        int plotH = height - TOP - BOTTOM;
        Frame f = new Frame(t0, t1, axis[0], plotW, plotH);
        Svg.open(html, width, height, title);
        axes(html, f, axis[1]);
        int colour = 0;
        for (Series s : series) {
            if (s.high != null) {
                band(html, f, s, Palette.colour(colour));
            }
            colour++;
        }
        colour = 0;
        for (Series s : series) {
            if (s.high == null) {
                line(html, f, s, Palette.colour(colour));
            }
            colour++;
        }
        for (Reference r : references) {
            double y = f.y(r.value);
            String c = Palette.colour(colour++);
            html.append("<line class=\"ref\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotW)
                .append("\" y1=\"").append(Svg.num(y)).append("\" y2=\"").append(Svg.num(y))
                .append("\" stroke=\"").append(c).append("\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>\n");
            Svg.text(html, LEFT + plotW - 4, y - 4, "text-anchor=\"end\" fill=\"" + c + "\"",
                r.label + " " + Units.count(Math.round(r.value)));
        }
        html.append("</svg>\n");
        legend(html);
        html.append("</figure>\n");
    }

    private void axes(StringBuilder html, Frame f, double step) {
        for (double v = 0; v <= f.yTop + step / 2; v += step) {
            double y = f.y(v);
            html.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + f.plotW)
                .append("\" y1=\"").append(Svg.num(y)).append("\" y2=\"").append(Svg.num(y)).append("\"/>\n");
            Svg.text(html, LEFT - 6, y + 4, "text-anchor=\"end\"", Units.count(Math.round(v)));
        }
        Svg.text(html, LEFT, TOP - 8, "text-anchor=\"end\" class=\"axis-label\"", yLabel);
        long span = f.t1 - f.t0;
        long tick = Ticks.timeStep(span, 8);
        for (long t = Math.floorDiv(f.t0 + tick - 1, tick) * tick; t <= f.t1; t += tick) {
            double x = f.x(t);
            html.append("<line class=\"tick\" x1=\"").append(Svg.num(x)).append("\" x2=\"").append(Svg.num(x))
                .append("\" y1=\"").append(TOP + f.plotH).append("\" y2=\"").append(TOP + f.plotH + 4).append("\"/>\n");
            Svg.text(html, x, TOP + f.plotH + 16, "text-anchor=\"middle\"", Ticks.timeLabel(t, tick, span));
        }
        Svg.text(html, LEFT + f.plotW, height - 2, "text-anchor=\"end\" class=\"axis-label\"", "UTC");
        html.append("<rect class=\"frame\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
            .append(f.plotW).append("\" height=\"").append(f.plotH).append("\"/>\n");
    }

    private static void line(StringBuilder html, Frame f, Series s, String colour) {
        MinMaxDownsampler.Points p = MinMaxDownsampler.line(s.ts, s.values, f.t0, f.t1, f.plotW);
        if (p.count() == 0) {
            return;
        }
        html.append("<path fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" d=\"");
        for (int i = 0; i < p.count(); i++) {
            html.append(i == 0 ? 'M' : 'L').append(Svg.num(f.column(p.columns()[i]))).append(' ')
                .append(Svg.num(f.y(p.values()[i])));
        }
        if (p.count() == 1) {
            html.append("h1");
        }
        html.append("\"/>\n");
    }

    private static void band(StringBuilder html, Frame f, Series s, String colour) {
        MinMaxDownsampler.Points p = MinMaxDownsampler.band(s.ts, s.values, s.high, f.t0, f.t1, f.plotW);
        if (p.count() == 0) {
            return;
        }
        html.append("<polygon fill=\"").append(colour).append("\" fill-opacity=\"0.35\" stroke=\"none\" points=\"");
        for (int i = 0; i < p.count(); i++) {
            html.append(Svg.num(f.column(p.columns()[i]))).append(',').append(Svg.num(f.y(p.highs()[i]))).append(' ');
        }
        for (int i = p.count() - 1; i >= 0; i--) {
            html.append(Svg.num(f.column(p.columns()[i]))).append(',').append(Svg.num(f.y(p.values()[i]))).append(' ');
        }
        html.append("\"/>\n");
    }

    private void legend(StringBuilder html) {
        html.append("<ul class=\"legend\">");
        int colour = 0;
        for (Series s : series) {
            entry(html, Palette.colour(colour++), s.high != null ? "band" : "line", s.name);
        }
        for (Reference r : references) {
            entry(html, Palette.colour(colour++), "ref", r.label);
        }
        html.append("</ul>\n");
    }

    private static void entry(StringBuilder html, String colour, String kind, String name) {
        html.append("<li><span class=\"swatch ").append(kind).append("\" style=\"background:").append(colour)
            .append("\"></span>");
        Escape.appendText(html, name);
        html.append("</li>");
    }

    private static void check(long[] ts, double[] values) {
        if (ts.length != values.length) {
            throw new IllegalArgumentException(ts.length + " times but " + values.length + " values");
        }
    }

    private static double[] toDoubles(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private record Series(String name, long[] ts, double[] values, double[] high) {
    }

    private record Reference(String label, double value) {
    }

    /** Maps times and values to SVG coordinates. */
    private static final class Frame {
        final long t0;
        final long t1;
        final double yTop;
        final int plotW;
        final int plotH;

        Frame(long t0, long t1, double yTop, int plotW, int plotH) {
            this.t0 = t0;
            this.t1 = t1;
            this.yTop = yTop;
            this.plotW = plotW;
            this.plotH = plotH;
        }

        double x(long t) {
            return t1 == t0 ? LEFT : LEFT + (double) (t - t0) * plotW / (t1 - t0);
        }

        /** The x of pixel column {@code c}'s centre. */
        double column(int c) {
            return LEFT + c + 0.5;
        }

        double y(double v) {
            return TOP + plotH - Math.max(0, Math.min(v, yTop)) / yTop * plotH;
        }
    }
}
