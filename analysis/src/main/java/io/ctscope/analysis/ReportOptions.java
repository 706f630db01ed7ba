package io.ctscope.analysis;

import io.ctscope.analysis.filter.RecordFilter;

/**
 * What the report should compute, as the operator asked for it on the command line. Defaults match
 * {@code ctscope report} without options.
 */
public final class ReportOptions {
    /** Entries per top-talker list and per NAT port-pressure list. */
    public int top = 10;
    /** Top talkers group IPv4 addresses by this prefix length (32: each address on its own). */
    public int groupV4 = 32;
    /** Top talkers group IPv6 addresses by this prefix length (128: each address on its own). */
    public int groupV6 = 128;
    /** Width of one occupancy-series interval, seconds. */
    public long resolutionSeconds = 1;
    /** Most intervals in an occupancy series: wider intervals (doubled) beyond; 0 for as many as memory allows. */
    public int seriesPoints = 4096;
    /** The NAT source-port range in use ({@code net.ipv4.ip_local_port_range} or the rule's range); -1 when not given. */
    public int portRangeLow = -1;
    public int portRangeHigh = -1;
    /**
     * Records that do not match are left out of every analyzer (and counted). Protocol, addresses and
     * ports never change during a flow's life, so this selects whole flows.
     */
    public RecordFilter filter = RecordFilter.ALL;
    /**
     * The state filter ({@code --state}) selects flows by a state they pass through: a flow enters the
     * analysis with its first matching record, and every later record of it is analysed, so its
     * DESTROY still closes it.
     */
    public RecordFilter stateFilter = RecordFilter.ALL;
    /** {@code --status UNREPLIED}: only flows that never got a reply (see {@code NeverRepliedFlows}). */
    public boolean neverReplied;

    /** Names and times of the inputs, for the list of dump snapshots ({@code table.snapshots}). */
    public io.ctscope.analysis.table.SnapshotInputs inputs = new io.ctscope.analysis.table.SnapshotInputs();

    /**
     * Memory the exact top-talker lists may take together, bytes, before a list switches to sketches;
     * -1 for the default, a quarter of the heap ({@link io.ctscope.analysis.top.ExactBudget}).
     */
    public long topExactBytes = -1;

    public long topExactBudgetBytes() {
        return topExactBytes >= 0 ? topExactBytes : io.ctscope.analysis.top.ExactBudget.defaultBytes(1);
    }

    public boolean hasPortRange() {
        return portRangeLow >= 0;
    }
}
