package io.ctscope.ingest.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Conntrack's statistics as one input showed them: every counter summed over the CPUs, under its
 * canonical name ({@link CounterNames}), unknown counters kept, in the order first printed. The
 * {@code entries} column of {@code /proc/net/stat/nf_conntrack} is the namespace's entry count repeated
 * on every row, so it is kept apart ({@link #entries()}) and never summed.
 */
public final class ConntrackStats {
    public static final long ABSENT = -1;

    private final String input;
    private final Map<String, Long> totals = new LinkedHashMap<>();
    private StatsForm form;
    private int cpus;
    private long entries = ABSENT;
    private long lines;
    private long badLines;

    public ConntrackStats(String input) {
        this.input = input;
    }

    public String input() {
        return input;
    }

    /** The form read, or null when no line was statistics. */
    public StatsForm form() {
        return form;
    }

    /** CPU rows read (0 for the old summary table, which prints totals). */
    public int cpus() {
        return cpus;
    }

    /** Entries in the namespace's table at the time of the read, or {@link #ABSENT}. */
    public long entries() {
        return entries;
    }

    public boolean has(String name) {
        return totals.containsKey(name);
    }

    /** The counter summed over CPUs, or {@link #ABSENT} when the input did not print it. */
    public long get(String name) {
        Long v = totals.get(name);
        return v == null ? ABSENT : v;
    }

    public Map<String, Long> counters() {
        return Collections.unmodifiableMap(totals);
    }

    public long lines() {
        return lines;
    }

    public long badLines() {
        return badLines;
    }

    public boolean isEmpty() {
        return form == null;
    }

    void add(String canonicalName, long value) {
        totals.merge(canonicalName, value, Long::sum);
    }

    void form(StatsForm f) {
        if (form == null) {
            form = f;
        }
    }

    void cpuRow() {
        cpus++;
    }

    void entries(long n) {
        entries = Math.max(entries, n);
    }

    void line(boolean bad) {
        lines++;
        if (bad) {
            badLines++;
        }
    }
}
