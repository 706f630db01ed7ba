package io.ctscope.analysis.timeout;

/** Where a timeout value in force came from ({@code timeouts.source.<name>}). */
public enum TimeoutSource {
    /** Read off the stream: a NEW/UPDATE prints the full timeout it just applied. */
    STREAM("stream"),
    /** A settings file ({@code --current}: sysctl -a output, sysctl.conf, /proc/sys/net/netfilter). */
    FILE("file"),
    /** This machine's /proc/sys/net/netfilter, for its own live table. */
    KERNEL("kernel"),
    /** The kernel default. */
    DEFAULT("default");

    public final String label;

    TimeoutSource(String label) {
        this.label = label;
    }
}
