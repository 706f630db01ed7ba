package io.ctscope.analysis.doctor;

import io.ctscope.ingest.sysctl.SysctlSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * What was read about one network namespace: its sysctls (its own {@code nf_conntrack_count}, and the
 * global {@code nf_conntrack_max} as it reads it), counter samples in the order taken, its table
 * profile, and where each came from. {@code inode} is the namespace's inode number (what 6.17+ prints
 * as {@code table full in netns N}), or -1 when unknown.
 */
public final class NamespaceFacts {
    public final String name;
    public long inode = -1;
    public SysctlSettings settings = SysctlSettings.empty();
    public final List<StatsSample> samples = new ArrayList<>();
    public TableProfile table;
    public String tableSource;
    /** The table was read from /proc or conntrack -L, which reaps expired entries: fewer than nf_conntrack_count counts. */
    public boolean tableReaped;
    public final List<String> notes = new ArrayList<>();

    public NamespaceFacts(String name) {
        this.name = name;
    }

    /** The name with the namespace's number when known, as findings show it. */
    public String label() {
        return inode > 0 ? name + " (netns " + inode + ")" : name;
    }
}
