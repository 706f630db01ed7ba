package io.ctscope.fleet.merge;

import io.ctscope.analysis.count.ProtocolStateCounts;
import io.ctscope.analysis.report.Report;
import io.ctscope.fleet.summary.BoxSummary;
import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.RecordKind;
import org.HdrHistogram.Histogram;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet report as a {@link Report} tree (JSON keys documented in the README, section "ctscope fleet"):
 * {@code fleet} (sums over the boxes), {@code boxes} (one row per box), {@code top.src} (merged sketches, with
 * each estimate's bounds), {@code stopped} (boxes whose last heartbeat is older than the staleness), {@code
 * shared_flows} (flows whose events came from two or more boxes), {@code series} (per time bucket: entries
 * summed over the boxes, events), {@code whatif} (where the timeouts proposed by {@code ship --set} help most,
 * {@link FleetWhatif}) and {@code skipped} (records this build could not read).
 */
public final class FleetReport {
    private static final int SHARED_EXAMPLES = 10;

    private FleetReport() {
    }

    /**
     * @param nowMillis    the reader's clock
     * @param staleMillis  a box whose last word is older than this is listed as stopped
     */
    public static Report build(FleetView view, long nowMillis, long staleMillis, int top) {
        Report report = new Report();
        Map<String, Object> fleet = report.section("fleet");
        BoxSummary sum = new BoxSummary();
        long entriesNow = 0;
        long entriesPeakSum = 0;
        List<Object> rows = new ArrayList<>();
        List<Object> stopped = new ArrayList<>();
        ItemsSketch<String> sources = new ItemsSketch<>(1024);
        for (FleetView.Box b : view.boxes.values()) {
            BoxSummary t = b.total;
            sum.addCounts(t);
            entriesNow += t.entriesEnd;
            entriesPeakSum += t.entriesMax;
            if (t.sources() != null) {
                sources.merge(t.sources());
            }
            boolean isStopped = nowMillis - b.lastSeenMillis > staleMillis;
            if (isStopped) {
                stopped.add(b.name);
            }
            rows.add(boxRow(b, isStopped));
        }
        fleet.put("boxes", (long) view.boxes.size());
        fleet.put("records", sum.records);
        events(fleet, sum);
        fleet.put("flows_opened", sum.flowsOpened);
        fleet.put("flows_closed", sum.flowsClosed);
        fleet.put("entries_now", entriesNow);
        fleet.put("entries_peak_sum", entriesPeakSum);
        fleet.put("entries_peak_at_once", peakAtOnce(view));
        report.root().put("boxes", rows);
        Map<String, Object> topSection = report.section("top");
        topSection.put("src", topSources(sources, top));
        topSection.put("flows", sources.getStreamLength());
        topSection.put("max_error", sources.getMaximumError());
        report.root().put("stopped", stopped);
        report.root().put("shared_flows", shared(view));
        report.root().put("series", series(view));
        report.root().put("whatif", FleetWhatif.section(view));
        Map<String, Object> skipped = report.section("skipped");
        skipped.put("summaries", view.summariesSkipped);
        skipped.put("events", view.eventsSkipped);
        skipped.put("problems", new ArrayList<Object>(view.problems));
        return report;
    }

    private static Map<String, Object> boxRow(FleetView.Box b, boolean isStopped) {
        BoxSummary t = b.total;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("box", b.name);
        row.put("records", t.records);
        row.put("first_index", t.firstIndex);
        row.put("last_index", b.lastIndex);
        events(row, t);
        row.put("flows_opened", t.flowsOpened);
        row.put("flows_closed", t.flowsClosed);
        row.put("entries_now", t.entriesEnd);
        row.put("entries_peak", t.entriesMax);
        row.put("nf_conntrack_max", t.conntrackMax > 0 ? (Object) t.conntrackMax : null);
        row.put("headroom", t.conntrackMax > 0 ? (Object) (t.conntrackMax - t.entriesMax) : null);
        row.put("projected_peak", t.projection() != null && t.projection().isKnown() ? (Object) t.projection().projectedPeak : null);
        row.put("lifetime_ms", lifetimes(t.lifetimesMs()));
        row.put("nat_peak", new TreeMap<String, Object>(t.natPeak()));
        row.put("lag_records", b.lagRecords);
        row.put("lag_seconds", b.lagMillis < 0 ? null : (Object) (b.lagMillis / 1000.0));
        row.put("last_seen", b.lastSeenMillis == Long.MIN_VALUE ? null : (Object) (b.lastSeenMillis / 1000.0));
        row.put("stopped", isStopped);
        return row;
    }

    /** {@code events.NEW/UPDATE/DESTROY} and the by_protocol/by_state maps per kind, as {@code report} has them. */
    private static void events(Map<String, Object> into, BoxSummary s) {
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("NEW", s.events(RecordKind.NEW));
        events.put("UPDATE", s.events(RecordKind.UPDATE));
        events.put("DESTROY", s.events(RecordKind.DESTROY));
        Map<String, Object> byProtocol = new LinkedHashMap<>();
        Map<String, Object> byState = new LinkedHashMap<>();
        for (RecordKind kind : RecordKind.values()) {
            if (s.events(kind) > 0) {
                byProtocol.put(kind.name(), ProtocolStateCounts.sortedByCount(s.byProtocol(kind)));
                byState.put(kind.name(), ProtocolStateCounts.sortedByCount(s.byState(kind)));
            }
        }
        events.put("by_protocol", byProtocol);
        events.put("by_state", byState);
        into.put("events", events);
    }

    private static Object lifetimes(Histogram h) {
        if (h == null || h.getTotalCount() == 0) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50", h.getValueAtPercentile(50));
        m.put("p90", h.getValueAtPercentile(90));
        m.put("p99", h.getValueAtPercentile(99));
        m.put("max", h.getMaxValue());
        return m;
    }

    private static List<Object> topSources(ItemsSketch<String> sketch, int top) {
        List<Object> out = new ArrayList<>();
        if (sketch.isEmpty()) {
            return out;
        }
        ItemsSketch.Row<String>[] rows = sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
        for (int i = 0; i < rows.length && i < top; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("address", rows[i].getItem());
            row.put("flows", rows[i].getEstimate());
            row.put("lower_bound", rows[i].getLowerBound());
            row.put("upper_bound", rows[i].getUpperBound());
            out.add(row);
        }
        return out;
    }

    /** The largest sum over the boxes of their bucket-end entries, bucket by bucket (boxes align on buckets). */
    private static long peakAtOnce(FleetView view) {
        long peak = 0;
        for (List<Object> point : seriesPoints(view).values()) {
            peak = Math.max(peak, (Long) point.get(1));
        }
        return peak;
    }

    private static List<Object> series(FleetView view) {
        return new ArrayList<Object>(seriesPoints(view).values());
    }

    /** Per bucket: [ts s, entries summed (each box's value at its last record in the bucket), NEW, UPDATE, DESTROY]. */
    private static TreeMap<Long, List<Object>> seriesPoints(FleetView view) {
        TreeMap<Long, long[]> sums = new TreeMap<>();
        for (FleetView.Box b : view.boxes.values()) {
            long carried = 0;
            for (Map.Entry<Long, BoxSummary> e : b.buckets.entrySet()) {
                if (e.getKey() == BoxSummary.UNTIMED) {
                    continue;
                }
                long[] s = sums.computeIfAbsent(e.getKey(), k -> new long[4]);
                carried = e.getValue().entriesEnd;
                s[0] += carried;
                s[1] += e.getValue().events(RecordKind.NEW);
                s[2] += e.getValue().events(RecordKind.UPDATE);
                s[3] += e.getValue().events(RecordKind.DESTROY);
            }
        }
        TreeMap<Long, List<Object>> out = new TreeMap<>();
        sums.forEach((k, s) -> out.put(k, List.of(k / 1_000_000.0, s[0], s[1], s[2], s[3])));
        return out;
    }

    private static Map<String, Object> shared(FleetView view) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!view.eventsTopicRead) {
            m.put("flows", null);
            m.put("reason", "no events topic: ship with --events to see flows on two boxes");
            m.put("examples", List.of());
            return m;
        }
        Map<ByteBuffer, List<String>> shared = view.sharedFlows();
        m.put("flows", (long) shared.size());
        List<Object> examples = new ArrayList<>();
        shared.entrySet().stream()
            .map(e -> List.<Object>of(describe(e.getKey()), e.getValue()))
            .sorted((a, b) -> ((String) a.get(0)).compareTo((String) b.get(0)))
            .limit(SHARED_EXAMPLES)
            .forEach(l -> {
                Map<String, Object> ex = new LinkedHashMap<>();
                ex.put("flow", l.get(0));
                ex.put("boxes", l.get(1));
                examples.add(ex);
            });
        m.put("examples", examples);
        return m;
    }

    /** {@code tcp 10.0.0.1:40000 <-> 10.0.0.2:80} from a sorted tuple key. */
    static String describe(ByteBuffer flow) {
        ByteBuffer b = flow.duplicate();
        int protocol = b.get() & 0xff;
        int family = b.get() & 0xff;
        StringBuilder sb = new StringBuilder(Protocols.reportName(protocol)).append(' ');
        for (int end = 0; end < 2; end++) {
            long hi = b.getLong();
            long lo = b.getLong();
            int port = b.getShort() & 0xffff;
            if (end == 1) {
                sb.append(" <-> ");
            }
            String a = family == Addresses.AF_INET || family == Addresses.AF_INET6 ? Addresses.toString(family, hi, lo) : "?";
            sb.append(family == Addresses.AF_INET6 ? "[" + a + "]" : a).append(':').append(port);
        }
        return sb.toString();
    }
}
