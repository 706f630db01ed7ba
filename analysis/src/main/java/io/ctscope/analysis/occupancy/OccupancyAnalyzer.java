package io.ctscope.analysis.occupancy;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowOrigin;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.Units;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Protocols;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Occupancy: how many conntrack entries were live over time, rebuilt from the event stream, overall and
 * per protocol; and event rates ({@link EventRates}).
 *
 * <p>Semantics. A flow opened by NEW (or a timed dump entry) at t is live from t until its DESTROY at t'
 * (observed, or lost: a NEW for a key still open closes it at the NEW's time). Flows created before the
 * capture (first seen as UPDATE, or seen only as a DESTROY) were in the table when it began: they are
 * live from the capture start, the smallest timestamp of the input, until their DESTROY or the end.
 * Flows never destroyed stay live to the end (censored), so the last point equals the timed flows open
 * at the end. Records without a timestamp (dumps) are left out and counted, and so is the close of a
 * flow whose open had none; a flow whose close has no timestamp stays live to the end. With no
 * timestamp at all there is nothing to place in time: no {@code occupancy} and no {@code rates}.
 * Timestamps far outside the rest ({@link TimeOutliers}) are counted and listed, and kept out.
 *
 * <p>How. Each open is +1 and each close -1 at its µs time, folded into the row of its interval
 * ({@link LiveRuns}: the interval's net change and its own high-water mark, exact at event resolution
 * in any input order made of up to two sorted runs per interval). Flows live from the start are kept
 * in a counter. A series point is the running total at the END of its interval; an interval's maximum
 * is the total at its start plus its high-water mark; the peak is the largest maximum, i.e. the most
 * entries live at any instant (the count after all events of one µs), and {@code peak_ts} that instant.
 * Net changes are sums, so input out of time order gives the same series as sorted input, provided
 * each flow's own records keep their order (the {@link io.ctscope.analysis.flow.FlowTracker} pairs
 * them in input order). A close never lands before its flow's open. Interval width is
 * {@code ReportOptions.resolutionSeconds}, doubled while the rows would need more than
 * {@link #LIVE_MAX_INTERVALS} intervals of memory and, for the output, while the series would have
 * more than {@code ReportOptions.seriesPoints} points. O(1) per record; allocation only when a page of
 * intervals is first used or a protocol first seen.
 *
 * <p>Contributes {@code occupancy.resolution_s} (interval width used, s), {@code start_ts},
 * {@code end_ts} (first/last kept timestamp), {@code peak}, {@code peak_ts} (the most entries live at
 * any instant, and the earliest such instant, epoch seconds with µs), {@code mean} (average of the
 * points, 0.1), {@code preexisting} (timed flows counted from the start), {@code untimed} (records
 * without timestamp), {@code series} ({@code [[ts, entries], ...]}), {@code by_protocol.<name>.{peak,
 * peak_ts, mean, series, series_max}} (largest peak first), {@code series_max} ({@code [[ts, most
 * entries live during the interval], ...]}), {@code peak_exact} and {@code outliers}; then
 * {@code rates.resolution_s}, {@code rates.new_per_s}, {@code rates.destroy_per_s},
 * {@code rates.events_per_s}, each {@code {peak, peak_ts, mean}}.
 */
public final class OccupancyAnalyzer implements FlowAnalyzer {
    /** Intervals of live-entry rows kept in memory at most (a day and a half at 1 s): 15 longs each. */
    static final int LIVE_MAX_INTERVALS = 1 << 17;
    private static final long SECOND = 1_000_000;

    private final int maxIntervals;
    private final int seriesPoints;
    private final long widthMicros;
    /** Every timed record touches it (for the outlier rule); its rows are {@link LiveRuns}. */
    private final TimeBuckets all;
    /** Per protocol number, allocated when the protocol is first seen. */
    private final TimeBuckets[] byProtocol = new TimeBuckets[Protocols.MAX + 1];
    private final long[] liveAtStartByProtocol = new long[Protocols.MAX + 1];
    private final EventRates rates;
    private long liveAtStart;
    private long untimed;
    private long firstMicros = Long.MAX_VALUE;
    private long lastMicros = Long.MIN_VALUE;

    public OccupancyAnalyzer(ReportOptions options) {
        this(options, LIVE_MAX_INTERVALS);
    }

    /** With a smaller memory cap, so tests can see coarsening without a year of data. */
    OccupancyAnalyzer(ReportOptions options, int maxIntervals) {
        this.maxIntervals = maxIntervals;
        // Never more points than rows in memory: a sparse capture (two bodies a year apart) still gets a bounded series.
        this.seriesPoints = options.seriesPoints > 0 ? Math.min(options.seriesPoints, maxIntervals) : maxIntervals;
        this.widthMicros = Math.max(1, options.resolutionSeconds) * SECOND;
        this.all = new TimeBuckets(widthMicros, LiveRuns.COLUMNS, maxIntervals, LiveRuns.FOLD);
        this.rates = new EventRates(TimeBuckets.DEFAULT_MAX_INTERVALS);
    }

    @Override
    public void onRecord(ConntrackRecord r, long timeMicros) {
        if (timeMicros == FlowTable.NO_TIME) {
            untimed++;
            return;
        }
        if (timeMicros < firstMicros) {
            firstMicros = timeMicros;
        }
        if (timeMicros > lastMicros) {
            lastMicros = timeMicros;
        }
        // The series covers the whole capture, also stretches where no flow opens or closes.
        all.touch(timeMicros);
        rates.record(r.kind, timeMicros);
    }

    @Override
    public void onOpen(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
        if (timeMicros == FlowTable.NO_TIME) {
            return;
        }
        int p = table.protocol(slot);
        TimeBuckets proto = protocol(p);
        if (table.origin(slot) == FlowOrigin.PREEXISTING) {
            liveAtStart++;
            liveAtStartByProtocol[p]++;
        } else {
            event(all, timeMicros, 1);
            event(proto, timeMicros, 1);
        }
    }

    @Override
    public void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
        long opened = table.firstSeenMicros(slot);
        if (opened == FlowTable.NO_TIME || timeMicros == FlowTable.NO_TIME) {
            return;
        }
        long at = Math.max(timeMicros, opened);
        event(all, at, -1);
        event(protocol(table.protocol(slot)), at, -1);
    }

    @Override
    public void onCloseUnseen(ConntrackRecord r, long timeMicros) {
        if (timeMicros == FlowTable.NO_TIME) {
            return;
        }
        int p = r.protocol & Protocols.MAX;
        liveAtStart++;
        liveAtStartByProtocol[p]++;
        event(all, timeMicros, -1);
        event(protocol(p), timeMicros, -1);
    }

    private static void event(TimeBuckets rows, long timeMicros, long delta) {
        int o = rows.locate(timeMicros);
        LiveRuns.add(rows.located(), o, timeMicros, delta);
    }

    private TimeBuckets protocol(int p) {
        TimeBuckets b = byProtocol[p];
        if (b == null) {
            b = new TimeBuckets(widthMicros, LiveRuns.COLUMNS, maxIntervals, LiveRuns.FOLD);
            byProtocol[p] = b;
        }
        return b;
    }

    @Override
    public void contribute(Report report, FlowTable table) {
        if (lastMicros == Long.MIN_VALUE) {
            return;
        }
        TimeOutliers outliers = TimeOutliers.of(all);
        long start = outliers.keepFirstMicros;
        long end = outliers.keepLastMicros;
        // A protocol's times are a subset of all times, so its width is never wider than the overall one.
        long width = all.widthMicros();
        while (Math.floorDiv(end, width) - Math.floorDiv(start, width) + 1 > seriesPoints) {
            width *= 2;
        }
        long live = liveAtStart + keep(all, width, start, end);
        long first = all.intervalOf(start);
        long last = all.intervalOf(end);
        EntrySeries series = EntrySeries.of(all, first, last, live, start);

        Map<String, Object> occupancy = report.section("occupancy");
        occupancy.put("resolution_s", width / SECOND);
        occupancy.put("start_ts", Units.epochSeconds(start));
        occupancy.put("end_ts", Units.epochSeconds(end));
        occupancy.put("peak", series.peak());
        occupancy.put("peak_ts", series.peakTs());
        occupancy.put("mean", series.mean());
        occupancy.put("preexisting", liveAtStart);
        occupancy.put("untimed", untimed);
        occupancy.put("series", series);
        occupancy.put("by_protocol", byProtocol(width, start, end, first, last));
        occupancy.put("series_max", series.maxima());
        occupancy.put("peak_exact", series.peakExact());
        occupancy.put("outliers", outliers.toReport());

        rates.contribute(report.section("rates"), start, end);
    }

    /**
     * Coarsens {@code rows} to {@code width} and forgets what lies outside {@code start..end}; returns the
     * net change before {@code start} (flows opened in an early outlier are live from the start).
     */
    private static long keep(TimeBuckets rows, long width, long start, long end) {
        rows.coarsenTo(width);
        long first = rows.intervalOf(start);
        long before = rows.sumBefore(first, LiveRuns.R1 + LiveRuns.SB) + rows.sumBefore(first, LiveRuns.R1 + LiveRuns.LN)
            + rows.sumBefore(first, LiveRuns.R2 + LiveRuns.SB) + rows.sumBefore(first, LiveRuns.R2 + LiveRuns.LN);
        rows.retain(first, rows.intervalOf(end));
        return before;
    }

    private Map<String, Object> byProtocol(long width, long start, long end, long first, long last) {
        List<ProtocolSeries> seen = new ArrayList<>();
        for (int p = 0; p < byProtocol.length; p++) {
            TimeBuckets b = byProtocol[p];
            if (b != null) {
                long live = liveAtStartByProtocol[p] + keep(b, width, start, end);
                seen.add(new ProtocolSeries(p, EntrySeries.of(b, first, last, live, start)));
            }
        }
        // Largest peak first; the protocol number breaks ties so the order is stable.
        seen.sort(Comparator.comparingLong((ProtocolSeries x) -> -x.series.peak()).thenComparingInt(x -> x.protocol));
        Map<String, Object> out = new LinkedHashMap<>();
        for (ProtocolSeries x : seen) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("peak", x.series.peak());
            m.put("peak_ts", x.series.peakTs());
            m.put("mean", x.series.mean());
            m.put("series", x.series);
            m.put("series_max", x.series.maxima());
            out.put(Protocols.reportName(x.protocol), m);
        }
        return out;
    }

    private record ProtocolSeries(int protocol, EntrySeries series) {
    }
}
