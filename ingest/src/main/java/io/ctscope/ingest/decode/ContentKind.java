package io.ctscope.ingest.decode;

/**
 * What an input that held no conntrack record looks like, so the operator is told what was given
 * instead of being shown an empty table, and where it can be read.
 */
public enum ContentKind {
    STATS("conntrack statistics (conntrack -S or /proc/net/stat/nf_conntrack)", true),
    SYSCTL("sysctl settings (sysctl -a, sysctl.conf)", true),
    KERNEL_LOG("a kernel or system log (dmesg, syslog, journal)", true),
    BINARY("binary data", false),
    /** Lines the conntrack parser took for records but had to reject, every one of them. */
    GARBLED("conntrack output whose every line was rejected", false),
    TEXT("text that is not conntrack output", false),
    EMPTY("empty", false);

    private final String description;
    private final boolean doctorReads;

    ContentKind(String description, boolean doctorReads) {
        this.description = description;
        this.doctorReads = doctorReads;
    }

    public String description() {
        return description;
    }

    /** True when {@code ctscope doctor} reads this kind of input. */
    public boolean doctorReads() {
        return doctorReads;
    }

    /** The one line that tells the operator about input {@code name}, which held no conntrack record. */
    public String explain(String name) {
        String what = this == EMPTY ? name + ": empty: it holds no conntrack records"
            : name + ": looks like " + description + ", not a conntrack table or event stream: it holds no records";
        return doctorReads ? what + " (ctscope doctor " + name + " reads it)" : what;
    }
}
