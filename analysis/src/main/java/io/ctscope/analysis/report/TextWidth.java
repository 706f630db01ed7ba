package io.ctscope.analysis.report;

/** The width text output is laid out for: 80 columns unless the terminal says otherwise. */
public final class TextWidth {
    public static final int DEFAULT = 80;
    /** Narrower than this and the tables cannot fit any more; wider is hard to read. */
    public static final int MIN = 60;
    public static final int MAX = 400;

    private TextWidth() {
    }

    /** The width {@code columns} asks for ({@code $COLUMNS}; null or not a number: the default), clamped. */
    public static int of(String columns) {
        if (columns == null || !columns.trim().matches("\\d{1,6}")) {
            return DEFAULT;
        }
        return Math.max(MIN, Math.min(MAX, Integer.parseInt(columns.trim())));
    }
}
