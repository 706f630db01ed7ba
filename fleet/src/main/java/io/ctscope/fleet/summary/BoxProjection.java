package io.ctscope.fleet.summary;

/**
 * What a box's own {@code ctscope whatif} says of its journal under the timeouts ship was asked to project
 * ({@code ship --set}): the table does not merge across boxes, so each box projects its own and the fleet
 * compares them. The box-wide figures cover the journal from its first record to the delta's last one (they
 * are what {@code whatif --queue} reports for that journal); the interval figures are the projected entries at
 * the delta's last record and the projected maximum within its time bucket up to that record, as far as the
 * journal then told (a flow's later DESTROY can move its projected end). -1: unknown (no timed events yet).
 */
public final class BoxProjection {
    /** The proposal, canonical: {@code tcp_timeout_established=3600 udp_timeout=10} (short names, setting order). */
    public String proposal = "";
    /** The table's peak as whatif counts it ({@code current.peak}). */
    public long currentPeak = -1;
    /** {@code projected.peak}, {@code peak_low}, {@code peak_high}, {@code peak_counted}, and when the peak was (µs). */
    public long projectedPeak = -1;
    public long projectedPeakLow = -1;
    public long projectedPeakHigh = -1;
    public long projectedPeakCounted = -1;
    public long projectedPeakMicros = Long.MIN_VALUE;
    /** Event time of the last record projected (µs), {@link Long#MIN_VALUE} when none was timed. */
    public long asOfMicros = Long.MIN_VALUE;
    /** Projected entries at the delta's last record. */
    public long intervalEnd = -1;
    /** Projected maximum within the delta's bucket, up to its last record. */
    public long intervalMax = -1;

    public boolean isKnown() {
        return projectedPeak >= 0;
    }

    BoxProjection copy() {
        BoxProjection c = new BoxProjection();
        c.proposal = proposal;
        c.currentPeak = currentPeak;
        c.projectedPeak = projectedPeak;
        c.projectedPeakLow = projectedPeakLow;
        c.projectedPeakHigh = projectedPeakHigh;
        c.projectedPeakCounted = projectedPeakCounted;
        c.projectedPeakMicros = projectedPeakMicros;
        c.asOfMicros = asOfMicros;
        c.intervalEnd = intervalEnd;
        c.intervalMax = intervalMax;
        return c;
    }

    /** {@code later} (of a delta later in the box's journal) wins, but the interval maximum is the larger. */
    BoxProjection mergedWith(BoxProjection later) {
        BoxProjection m = later.copy();
        if (later.proposal.equals(proposal)) {
            m.intervalMax = Math.max(intervalMax, later.intervalMax);
        }
        return m;
    }
}
