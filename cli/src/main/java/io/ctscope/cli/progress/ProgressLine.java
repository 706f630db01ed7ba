package io.ctscope.cli.progress;

import io.ctscope.analysis.report.Units;
import io.ctscope.ingest.pipeline.ReadProgress;

/**
 * The text of the progress line: bytes read of the total (compressed bytes when an input is gzip),
 * the share done, lines read, the line rate and the time left at the rate so far. A stream has no
 * total, so neither share nor time left.
 */
public final class ProgressLine {
    private ProgressLine() {
    }

    /** The line after {@code elapsedNanos} of reading, with the figures {@code p} shows now. */
    public static String of(ReadProgress p, long elapsedNanos) {
        return of(p.bytesRead(), p.totalBytes(), p.compressed(), p.linesRead(), elapsedNanos);
    }

    static String of(long bytes, long total, boolean compressed, long lines, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        StringBuilder sb = new StringBuilder("ctscope: ").append(Units.bytes(bytes));
        if (total != ReadProgress.UNKNOWN) {
            long shown = Math.min(bytes, total);
            sb.append(" of ").append(Units.bytes(total));
            if (compressed) {
                sb.append(" compressed");
            }
            sb.append(" (").append(total == 0 ? 100 : shown * 100 / total).append("%)");
        }
        sb.append(", ").append(Units.count(lines)).append(" lines, ")
            .append(Units.count(Math.round(lines / seconds))).append(" lines/s");
        if (total != ReadProgress.UNKNOWN && bytes > 0 && bytes < total) {
            long left = (long) Math.ceil((total - bytes) / (bytes / seconds));
            sb.append(", ").append(Units.duration(left)).append(" left");
        }
        return sb.toString();
    }

    /** At most {@code columns - 1} characters, so the terminal never wraps it (a wrapped line cannot be redrawn in place). */
    static String fit(String line, int columns) {
        int max = Math.max(columns - 1, 10);
        return line.length() <= max ? line : line.substring(0, max);
    }
}
