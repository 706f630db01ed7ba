package io.ctscope.ingest.sysctl;

/** What a conntrack sysctl holds, so readers and advice know how to treat its value. */
public enum SysctlKind {
    /** Seconds an entry in some state lives without a packet (the what-if settings). */
    TIMEOUT,
    /** A size or limit: {@code nf_conntrack_max}, {@code nf_conntrack_buckets}, {@code expect_max} … */
    LIMIT,
    /** A live figure the kernel reports: {@code nf_conntrack_count}. */
    GAUGE,
    /** A switch or mode: {@code nf_conntrack_acct}, {@code nf_conntrack_events}, {@code tcp_loose} … */
    SWITCH
}
