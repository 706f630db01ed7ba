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

    public boolean hasPortRange() {
        return portRangeLow >= 0;
    }
}
