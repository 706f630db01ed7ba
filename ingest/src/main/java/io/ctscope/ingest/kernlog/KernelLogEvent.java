package io.ctscope.ingest.kernlog;

/**
 * One conntrack message of a kernel log. Reused by the parser for every message: copy what must
 * outlive {@link KernelLogListener#onEvent}.
 */
public final class KernelLogEvent {
    /** No such stamp on the line. */
    public static final long NO_TIME = Long.MIN_VALUE;
    /** The message named no network namespace (the host namespace, or a kernel before 6.17). */
    public static final long NO_NETNS = -1;

    public enum Kind {
        /** {@code table full, dropping packet}: a packet was dropped because the table was full. */
        TABLE_FULL,
        /** {@code __ratelimit: N callbacks suppressed} / {@code net_ratelimit: N ...}: N messages not printed. */
        SUPPRESSED,
        /** {@code nf_conntrack version 0.5.0 (N buckets, M max)}: the module's sizes when it was loaded. */
        BANNER
    }

    public Kind kind;
    public long line;
    /** Wall-clock time from a syslog, RFC 3339, journal or {@code dmesg -T} stamp, epoch µs, or {@link #NO_TIME}. */
    public long wallMicros = NO_TIME;
    /** Time since boot from a {@code [ seconds.micros]} or /dev/kmsg stamp, µs, or {@link #NO_TIME}. */
    public long uptimeMicros = NO_TIME;
    /** The namespace's inode number from {@code table full in netns N} (6.17+ child namespaces), or {@link #NO_NETNS}. */
    public long netns = NO_NETNS;
    /** The OpenVZ container of {@code ip_conntrack: VPS N table full}, as printed, or null. */
    public String vps;
    /** {@code nf_conntrack} or {@code ip_conntrack} (the 2.6-era module) for table-full messages and banners. */
    public String module;
    /** For {@link Kind#SUPPRESSED}: messages suppressed; its ratelimiter ({@code net_ratelimit}, {@code __ratelimit}) in {@link #module}. */
    public long suppressed;
    /** For {@link Kind#BANNER}: the hash size and the table limit it printed. */
    public long buckets;
    public long max;

    void reset(Kind k, long lineNumber) {
        kind = k;
        line = lineNumber;
        wallMicros = NO_TIME;
        uptimeMicros = NO_TIME;
        netns = NO_NETNS;
        vps = null;
        module = null;
        suppressed = 0;
        buckets = 0;
        max = 0;
    }
}
