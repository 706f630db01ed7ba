package io.ctscope.ingest.kernlog;

/** What one kernel log held: lines, conntrack messages by kind, other lines, rejected lines. */
public final class KernelLogSummary {
    public long lines;
    public long tableFull;
    public long suppressedLines;
    public long banners;
    /** Kernel log lines about anything else (the bulk of any real log): read and passed over. */
    public long otherLines;
    public long badLines;

    public long messages() {
        return tableFull + suppressedLines + banners;
    }
}
