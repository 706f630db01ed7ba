package io.ctscope.analysis.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the doctor was given or read: the namespaces (the first is the one whose figures lead,
 * e.g. the host), the kernel log's table-full messages, the slab's bytes per entry, the what-if
 * verdict on the proposed timeouts, and notes on what could not be read.
 */
public final class DoctorFacts {
    public final List<NamespaceFacts> namespaces = new ArrayList<>();
    public final TableFullLog log = new TableFullLog();
    public boolean logRead;
    /** Why no kernel log was read (null when one was, or none was asked for). */
    public String logUnreadable;
    /** Bytes of one entry from /proc/slabinfo's nf_conntrack line (objsize), or -1. */
    public long slabBytesPerEntry = -1;
    public long slabActiveObjects = -1;
    /** When this machine booted, epoch µs (--live: the clock minus /proc/uptime), to date dmesg's uptime stamps; -1 for files. */
    public long bootMicros = -1;
    /** The what-if projection of the proposed timeouts on the table dump, or null when none was run. */
    public WhatifEvidence whatif;
    public final List<String> notes = new ArrayList<>();

    public NamespaceFacts namespace(String name) {
        for (NamespaceFacts n : namespaces) {
            if (n.name.equals(name)) {
                return n;
            }
        }
        NamespaceFacts n = new NamespaceFacts(name);
        namespaces.add(n);
        return n;
    }

    /**
     * The projection backing the timeout advice: its one-line verdict and the entries it removes now;
     * {@code basis} is {@link SysctlProposal#WHATIF}, or {@link SysctlProposal#DUMP_IDLE} for a dump too
     * large for whatif's flow table, judged by the same idle-time rule in the doctor's bounded pass.
     */
    public record WhatifEvidence(String setting, long proposedSeconds, String verdict, long entries, long removed,
                                 String dump, String basis) {
    }
}
