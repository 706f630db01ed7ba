package io.ctscope.analysis.duration;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distribution of one kind of duration (a protocol's lifetimes, or time spent in one protocol state),
 * in milliseconds. Percentiles come from an auto-resizing HdrHistogram with 3 significant digits (bucket
 * error under 0.1 %); count, sum and max are kept exactly beside it, so {@code max} and {@code mean} are
 * exact and no percentile is ever reported above the true maximum.
 */
public final class DurationStats {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
    private long count;
    private long sumMillis;
    private long maxMillis;

    /** Records one duration; {@code millis} must not be negative. Allocates only when the histogram widens. */
    public void record(long millis) {
        histogram.recordValue(millis);
        count++;
        sumMillis += millis;
        if (millis > maxMillis) {
            maxMillis = millis;
        }
    }

    /** Adds {@code other}'s durations: the histograms add, count and sum add, the maximum is the larger. */
    public void merge(DurationStats other) {
        histogram.add(other.histogram);
        count += other.count;
        sumMillis += other.sumMillis;
        maxMillis = Math.max(maxMillis, other.maxMillis);
    }

    long count() {
        return count;
    }

    /** Milliseconds at {@code percentile}, capped at the exact maximum (HdrHistogram reports a bucket's top). */
    long percentileMillis(double percentile) {
        return Math.min(histogram.getValueAtPercentile(percentile), maxMillis);
    }

    long maxMillis() {
        return maxMillis;
    }

    long meanMillis() {
        return count == 0 ? 0 : Math.round((double) sumMillis / count);
    }

    /** {@code {count, p50, p90, p99, max, mean}}, durations in seconds with millisecond precision. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("p50", seconds(percentileMillis(50)));
        m.put("p90", seconds(percentileMillis(90)));
        m.put("p99", seconds(percentileMillis(99)));
        m.put("max", seconds(maxMillis));
        m.put("mean", seconds(meanMillis()));
        return m;
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
