package io.ctscope.analysis.report.html;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Round tick positions for chart axes: values at 1, 2, 5 × 10^k; UTC times at whole seconds to weeks. */
final class Ticks {
    private static final long[] TIME_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
        10800, 21600, 43200, 86400, 172800, 604800, 2592000, 31536000};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter YEARS = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Ticks() {
    }

    /** A round upper bound of an axis starting at 0 that holds {@code max}, and its tick step. */
    static double[] valueAxis(double max, int ticks) {
        if (!(max > 0)) {
            return new double[] {1, 1};
        }
        double raw = max / ticks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) {
                break;
            }
        }
        step = Math.max(step, 1);
        return new double[] {Math.ceil(max / step) * step, step};
    }

    /** The step, in seconds, giving at most {@code ticks} ticks over {@code spanSeconds}. */
    static long timeStep(long spanSeconds, int ticks) {
        for (long s : TIME_STEPS) {
            if (spanSeconds / s <= ticks) {
                return s;
            }
        }
        long s = TIME_STEPS[TIME_STEPS.length - 1];
        while (spanSeconds / s > ticks) {
            s *= 2;
        }
        return s;
    }

    /** A tick label for {@code epochSeconds}, as precise as {@code step} needs. */
    static String timeLabel(long epochSeconds, long step, long spanSeconds) {
        Instant t = Instant.ofEpochSecond(epochSeconds);
        if (spanSeconds >= 5L * 365 * 86400) {
            return YEARS.format(t);
        }
        if (spanSeconds >= 86400) {
            return DAYS.format(t);
        }
        return step < 60 ? CLOCK.format(t) : MINUTES.format(t);
    }
}
