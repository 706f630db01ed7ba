package io.ctscope.ingest.io;

/**
 * The one overlong-line rule, for every reader of input: a line of more than {@link #MAX_LINE} bytes
 * (counted without its {@code \n}; a {@code \r} before it counts) is no line but an overlong one,
 * reported with its length and skipped, never buffered whole.
 */
public final class LineLimit {
    public static final int MAX_LINE = 64 * 1024;

    private LineLimit() {
    }

    /** Whether a line of {@code length} bytes (without its newline) is overlong. */
    public static boolean isOverlong(long length) {
        return length > MAX_LINE;
    }
}
