package io.ctscope.ingest.stats;

/**
 * One name per counter whatever printed it. {@code /proc/net/stat/nf_conntrack} names some columns
 * differently from {@code conntrack -S} (and the names changed between kernels: on 6.18 the header says
 * {@code clashres} and {@code chainlength} where {@code conntrack -S} says {@code clash_resolve} and
 * {@code chaintoolong}; {@code icmp_error} is {@code error}); the canonical name is conntrack -S's.
 * Names neither knows are kept as printed.
 */
public final class CounterNames {
    /** The counters that mean packets were lost or work was redone, in the order the doctor weighs them. */
    public static final String DROP = "drop";
    public static final String EARLY_DROP = "early_drop";
    public static final String INSERT_FAILED = "insert_failed";
    public static final String SEARCH_RESTART = "search_restart";
    public static final String CLASH_RESOLVE = "clash_resolve";
    public static final String CHAIN_TOO_LONG = "chaintoolong";
    public static final String INVALID = "invalid";
    public static final String ERROR = "error";
    public static final String FOUND = "found";
    /** The table's entry count in {@code /proc/net/stat/nf_conntrack}: a namespace total, not a per-CPU counter. */
    public static final String ENTRIES = "entries";

    private CounterNames() {
    }

    public static String canonical(String printed) {
        switch (printed) {
            case "clashres":
                return CLASH_RESOLVE;
            case "chainlength":
                return CHAIN_TOO_LONG;
            case "icmp_error":
                return ERROR;
            default:
                return printed;
        }
    }
}
