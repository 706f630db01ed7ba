package io.ctscope.analysis.whatif;

import io.ctscope.analysis.timeout.KernelRules;
import io.ctscope.analysis.timeout.Setting;
import io.ctscope.analysis.timeout.TimeoutSettings;

import java.util.Arrays;
import java.util.function.IntToLongFunction;

/** What {@code ctscope whatif} was asked: the proposal, the settings in force as far as given, capacity. */
public final class WhatifOptions {
    public KernelRules rules = KernelRules.CURRENT;
    /** The settings in force from --current, this machine or the defaults; the stream overrides them. */
    public TimeoutSettings current = new TimeoutSettings(KernelRules.CURRENT);
    /** Proposed seconds per setting ordinal, -1 where the proposal leaves the setting as it is. */
    public final long[] proposed = new long[Setting.count()];
    /** nf_conntrack_max, -1 when unknown; and where it came from. */
    public long max = -1;
    public String maxSource = "unknown";
    /** nf_conntrack_buckets, -1 when unknown. */
    public long buckets = -1;
    /** Kernel memory per entry: a 256-byte slab object on 6.x (extensions not counted). */
    public long bytesPerEntry = 256;
    public long resolutionSeconds = 1;
    /** Keep one conntrack -D command per removable dump entry. */
    public boolean deleteCommands;
    /**
     * When input {@code source} was taken, µs, or -1 when unknown (standard input): a dump's time when its
     * lines carry none (the file's modification time, the moment /proc was read).
     */
    public IntToLongFunction inputTakenMicros = source -> -1;

    public WhatifOptions() {
        Arrays.fill(proposed, -1);
    }

    public void propose(Setting s, long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException(s.sysctl + " must not be negative, not " + seconds);
        }
        proposed[s.ordinal()] = seconds;
    }

    /** The proposal applied on top of the settings in force. */
    TimeoutSettings proposedOver(TimeoutSettings inForce) {
        TimeoutSettings p = inForce.copy();
        for (Setting s : Setting.values()) {
            if (proposed[s.ordinal()] >= 0) {
                p.set(s, proposed[s.ordinal()], inForce.source(s));
            }
        }
        return p;
    }
}
