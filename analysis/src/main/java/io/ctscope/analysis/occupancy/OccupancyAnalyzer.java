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
 *
 * <p>How. Each open adds +1 and each close -1 to the interval holding its time ({@link TimeBuckets});
 * flows live from the start are kept in a counter, applied at the first interval once the start is
 * known. A point is the prefix sum at the END of its interval. Sums do not care about order, so input
 * out of time order gives the same result as sorted input, provided each flow's own records keep their
 * order (the {@link io.ctscope.analysis.flow.FlowTracker} pairs them in input order). A close never
 * lands before its flow's open. Interval width is {@code ReportOptions.resolutionSeconds}, doubled until
 * the capture fits in {@link TimeBuckets#DEFAULT_MAX_INTERVALS} intervals. O(1) per record; allocation
 * only when an array grows or a protocol is first seen.
 *
 * <p>Contributes {@code occupancy.resolution_s} (interval width used, s), {@code start_ts},
 * {@code end_ts} (first/last timestamp of the input), {@code peak}, {@code peak_ts} (largest point and
 * its ts, the earliest if tied), {@code mean} (average of the points, 0.1), {@code preexisting} (timed
 * flows counted from the start), {@code untimed} (records without timestamp), {@code series}
 * ({@code [[ts, entries], ...]}) and {@code by_protocol.<name>.{peak, peak_ts, mean, series}} (largest
 * peak first); then {@code rates.resolution_s}, {@code rates.new_per_s}, {@code rates.destroy_per_s},
 * {@code rates.events_per_s}, each {@code {peak, peak_ts, mean}}.
 */
public final class OccupancyAnalyzer implements FlowAnalyzer {
    private static final long SECOND = 1_000_000;
    private static final int DELTA = 0;

    private final int maxIntervals;
    private final long widthMicros;
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
        this(options, TimeBuckets.DEFAULT_MAX_INTERVALS);
    }

    /** With a smaller interval cap, so tests can see coarsening without a year of data. */
    OccupancyAnalyzer(ReportOptions options, int maxIntervals) {
        this.maxIntervals = maxIntervals;
        this.widthMicros = Math.max(1, options.resolutionSeconds) * SECOND;
        this.all = new TimeBuckets(widthMicros, 1, maxIntervals);
        this.rates = new EventRates(maxIntervals);
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
            all.add(timeMicros, DELTA, 1);
            proto.add(timeMicros, DELTA, 1);
        }
    }

    @Override
    public void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
        long opened = table.firstSeenMicros(slot);
        if (opened == FlowTable.NO_TIME || timeMicros == FlowTable.NO_TIME) {
            return;
        }
        long at = Math.max(timeMicros, opened);
        all.add(at, DELTA, -1);
        protocol(table.protocol(slot)).add(at, DELTA, -1);
    }

    @Override
    public void onCloseUnseen(ConntrackRecord r, long timeMicros) {
        if (timeMicros == FlowTable.NO_TIME) {
            return;
        }
        int p = r.protocol & Protocols.MAX;
        liveAtStart++;
        liveAtStartByProtocol[p]++;
        all.add(timeMicros, DELTA, -1);
        protocol(p).add(timeMicros, DELTA, -1);
    }

    private TimeBuckets protocol(int p) {
        TimeBuckets b = byProtocol[p];
        if (b == null) {
            b = new TimeBuckets(widthMicros, 1, maxIntervals);
            byProtocol[p] = b;
        }
        return b;
    }

    @Override
    public void contribute(Report report, FlowTable table) {
        if (lastMicros == Long.MIN_VALUE) {
            return;
        }
        long width = all.widthMicros();
        long first = all.intervalOf(firstMicros);
        long last = all.intervalOf(lastMicros);
        EntrySeries series = EntrySeries.of(all, DELTA, first, last, liveAtStart);

        Map<String, Object> occupancy = report.section("occupancy");
        occupancy.put("resolution_s", width / SECOND);
        occupancy.put("start_ts", Units.epochSeconds(firstMicros));
        occupancy.put("end_ts", Units.epochSeconds(lastMicros));
        occupancy.put("peak", series.peak());
        occupancy.put("peak_ts", series.peakTs());
        occupancy.put("mean", series.mean());
        occupancy.put("preexisting", liveAtStart);
        occupancy.put("untimed", untimed);
        occupancy.put("series", series);
        occupancy.put("by_protocol", byProtocol(width, first, last));

        rates.contribute(report.section("rates"), firstMicros, lastMicros);
    }

    private Map<String, Object> byProtocol(long width, long first, long last) {
        List<ProtocolSeries> seen = new ArrayList<>();
        for (int p = 0; p < byProtocol.length; p++) {
            TimeBuckets b = byProtocol[p];
            if (b != null) {
                // A protocol's times are a subset of all times, so its width is never wider than the overall one.
                b.coarsenTo(width);
                seen.add(new ProtocolSeries(p, EntrySeries.of(b, DELTA, first, last, liveAtStartByProtocol[p])));
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
            out.put(Protocols.reportName(x.protocol), m);
        }
        return out;
    }

    private record ProtocolSeries(int protocol, EntrySeries series) {
    }
}
