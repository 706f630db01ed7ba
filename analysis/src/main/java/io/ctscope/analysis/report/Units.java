package io.ctscope.analysis.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Human units for text reports: 1.2 M, 3.4 GiB, 2h13m, UTC times. */
public final class Units {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Units() {
    }

    /** Counts: exact below 10,000, then 12.3 k, 1.2 M, 3.4 G. */
    public static String count(long n) {
        if (Math.abs(n) < 10_000) {
            return Long.toString(n);
        }
        String[] suffix = {" k", " M", " G", " T"};
        double v = n;
        int i = -1;
        while (Math.abs(v) >= 1000 && i < suffix.length - 1) {
            v /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f%s" : "%.1f%s", v, suffix[i]);
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] suffix = {" KiB", " MiB", " GiB", " TiB", " PiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < suffix.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f%s", v, suffix[i]);
    }

    /** Durations: 45s, 3m20s, 2h13m, 5d02h. */
    public static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86400, (seconds % 86400) / 3600);
    }

    public static String percent(long part, long whole) {
        if (whole <= 0) {
            return "-";
        }
        return percent(100.0 * part / whole);
    }

    /**
     * A percentage with one decimal, except that a share that is not zero never shows as 0.0% (it is
     * {@code <0.1%}) and one that is not whole never as 100.0% ({@code >99.9%}).
     */
    public static String percent(double pct) {
        if (pct > 0 && pct < 0.1) {
            return "<0.1%";
        }
        if (pct < 100 && pct > 99.9) {
            return ">99.9%";
        }
        return String.format(Locale.ROOT, "%.1f%%", pct);
    }

    /** UTC time of day, {@code 06:20:11}. */
    public static String utcTime(double epochSeconds) {
        return utc(epochSeconds).substring(11, 19);
    }

    /** UTC date, {@code 2026-11-21}. */
    public static String utcDate(double epochSeconds) {
        return utc(epochSeconds).substring(0, 10);
    }

    /** Epoch seconds for the JSON report: a whole number when whole, else µs precision (BigDecimal). */
    public static Object epochSeconds(long micros) {
        if (micros % 1_000_000 == 0) {
            return micros / 1_000_000;
        }
        return new java.math.BigDecimal(micros).movePointLeft(6);
    }

    public static String utc(double epochSeconds) {
        return UTC.format(Instant.ofEpochMilli((long) (epochSeconds * 1000))) + " UTC";
    }
}
