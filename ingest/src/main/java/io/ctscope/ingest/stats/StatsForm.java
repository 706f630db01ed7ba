package io.ctscope.ingest.stats;

/** Which of the three printed forms of conntrack's statistics an input was in. */
public enum StatsForm {
    /** {@code conntrack -S} of conntrack-tools 1.4+: one {@code cpu=N key=value ...} line per CPU. */
    CONNTRACK_S("conntrack -S"),
    /** {@code conntrack -S} of old conntrack-tools: a {@code name<TAB><TAB>value} table, already summed. */
    CONNTRACK_S_TABLE("conntrack -S (old summary table)"),
    /** {@code /proc/net/stat/nf_conntrack}: a header of names, then one row of hex numbers per CPU. */
    PROC_STAT("/proc/net/stat/nf_conntrack");

    private final String label;

    StatsForm(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
