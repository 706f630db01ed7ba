package io.ctscope.analysis.doctor;

/** Table use, in percent of {@code nf_conntrack_max}, from which the doctor warns and calls it critical. */
public record Thresholds(double warnPercent, double critPercent) {
    public static final Thresholds DEFAULT = new Thresholds(80, 95);

    public Thresholds {
        if (!(warnPercent > 0 && warnPercent <= 100 && critPercent > 0 && critPercent <= 100)) {
            throw new IllegalArgumentException("thresholds are percentages of nf_conntrack_max in (0, 100]");
        }
        if (warnPercent > critPercent) {
            throw new IllegalArgumentException("--warn " + warnPercent + "% is above --crit " + critPercent + "%");
        }
    }

    /** The entry count at {@code percent} of {@code max}, rounded down (the perfdata's warn/crit). */
    public static long entriesAt(double percent, long max) {
        return (long) Math.floor(max * percent / 100.0);
    }

    /** Parses {@code 80%} or {@code 80}. */
    public static double parsePercent(String option, String text) {
        String t = text.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a percentage of nf_conntrack_max such as 80%, not '" + text + "'");
        }
    }
}
