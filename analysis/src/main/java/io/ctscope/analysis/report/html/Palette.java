package io.ctscope.analysis.report.html;

/** Series colours, distinguishable on white and in grey print, used in order. */
final class Palette {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

    private Palette() {
    }

    static String colour(int i) {
        return COLOURS[Math.floorMod(i, COLOURS.length)];
    }
}
