package io.ctscope.analysis.occupancy;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.ctscope.analysis.occupancy.EventLines.S;
import static io.ctscope.analysis.occupancy.EventLines.T0;
import static io.ctscope.analysis.occupancy.EventLines.json;
import static io.ctscope.analysis.occupancy.EventLines.newTcp;
import static io.ctscope.analysis.occupancy.EventLines.points;
import static io.ctscope.analysis.occupancy.EventLines.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OccupancyOrderAndCoarseningTest {
    private static final long NONE = Long.MIN_VALUE;

    /** One flow: its lines in its own time order, and when it opens and closes (NONE = before / after the capture). */
    private static final class Flow {
        final List<String> lines = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        long open = NONE;
        long close = NONE;

        void add(long at, String line) {
            lines.add(line);
            times.add(at);
        }
    }

    /** 300 tcp flows over ~12 minutes: most opened by NEW, some first seen as UPDATE or only as DESTROY, some never destroyed. */
    private static List<Flow> randomFlows(long seed) {
        Random rnd = new Random(seed);
        List<Flow> flows = new ArrayList<>();
        for (int id = 1; id <= 300; id++) {
            Flow f = new Flow();
            long start = (long) (rnd.nextDouble() * 600 * S);
            long end = start + 1 + (long) (rnd.nextDouble() * 120 * S);
            int kind = rnd.nextInt(10);
            boolean destroyed = rnd.nextInt(5) != 0;
            if (kind == 0) {
                f.add(start, EventLines.updateTcp(start, id));
            } else if (kind == 1) {
                f.add(start, EventLines.destroyTcp(start, id));
                f.close = start;
                flows.add(f);
                continue;
            } else {
                f.open = start;
                f.add(start, EventLines.newTcp(start, id));
                f.add((start + end) / 2, EventLines.updateTcp((start + end) / 2, id));
            }
            if (destroyed) {
                f.add(end, EventLines.destroyTcp(end, id));
                f.close = end;
            }
            flows.add(f);
        }
        return flows;
    }

    private static List<String> sorted(List<Flow> flows) {
        List<long[]> index = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            for (int j = 0; j < flows.get(i).lines.size(); j++) {
                index.add(new long[] {flows.get(i).times.get(j), i, j});
            }
        }
        index.sort(Comparator.comparingLong(x -> x[0]));
        List<String> out = new ArrayList<>();
        for (long[] x : index) {
            out.add(flows.get((int) x[1]).lines.get((int) x[2]));
        }
        return out;
    }

    /** A random interleaving: lines out of time order, but each flow's own lines still in order. */
    private static List<String> shuffled(List<Flow> flows, long seed, List<Long> timesOut) {
        Random rnd = new Random(seed);
        List<Integer> pending = new ArrayList<>();
        int[] next = new int[flows.size()];
        for (int i = 0; i < flows.size(); i++) {
            pending.add(i);
        }
        List<String> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            int k = rnd.nextInt(pending.size());
            int i = pending.get(k);
            Flow f = flows.get(i);
            out.add(f.lines.get(next[i]));
            timesOut.add(f.times.get(next[i]));
            if (++next[i] == f.lines.size()) {
                pending.remove(k);
            }
        }
        return out;
    }

    /** Brute force: at the end of each interval, count the flows opened at or before it and not closed by then. */
    private static long[] expectedSeries(List<Flow> flows, long widthSeconds) {
        long w = widthSeconds * S;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Flow f : flows) {
            for (long t : f.times) {
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        long i0 = Math.floorDiv(T0 * S + first, w);
        long in = Math.floorDiv(T0 * S + last, w);
        long[] out = new long[(int) (in - i0 + 1)];
        for (long k = i0; k <= in; k++) {
            long live = 0;
            for (Flow f : flows) {
                long openInterval = f.open == NONE ? i0 : Math.floorDiv(T0 * S + f.open, w);
                boolean closed = f.close != NONE && Math.floorDiv(T0 * S + f.close, w) <= k;
                if (openInterval <= k && !closed) {
                    live++;
                }
            }
            out[(int) (k - i0)] = live;
        }
        return out;
    }

    private static long[] entries(Object series) {
        long[][] p = points(series);
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][1];
        }
        return out;
    }

    @Test
    void shouldMatchABruteForceCountOfLiveFlows() {
        List<Flow> flows = randomFlows(42);
        Report report = run(sorted(flows));
        assertArrayEquals(expectedSeries(flows, 1), entries(report.get("occupancy.series")));
    }

    /** The report without what depends on the order within an interval (the peaks and interval maxima). */
    private static String orderFree(Report report) {
        java.util.Map<?, ?> occ = (java.util.Map<?, ?>) report.get("occupancy");
        StringBuilder sb = new StringBuilder();
        for (String key : List.of("resolution_s", "start_ts", "end_ts", "mean", "preexisting", "untimed")) {
            sb.append(key).append('=').append(occ.get(key)).append('\n');
        }
        for (long[] p : points(occ.get("series"))) {
            sb.append(p[0]).append(',').append(p[1]).append(' ');
        }
        for (Object e : ((java.util.Map<?, ?>) occ.get("by_protocol")).entrySet()) {
            java.util.Map.Entry<?, ?> x = (java.util.Map.Entry<?, ?>) e;
            sb.append('\n').append(x.getKey()).append(':');
            for (long[] p : points(((java.util.Map<?, ?>) x.getValue()).get("series"))) {
                sb.append(p[1]).append(' ');
            }
        }
        return sb.append('\n').append(report.get("rates")).toString();
    }

    @Test
    void shouldGiveTheSameSeriesForShuffledInputAndAPeakNeverBelowTheTrueOne() {
        List<Flow> flows = randomFlows(7);
        List<Long> times = new ArrayList<>();
        List<String> shuffled = shuffled(flows, 11, times);
        long earliest = Long.MAX_VALUE;
        int olderThanAllBefore = 0;
        for (int i = 0; i < times.size(); i++) {
            if (i > 0 && times.get(i) < earliest) {
                olderThanAllBefore++;
            }
            earliest = Math.min(earliest, times.get(i));
        }
        assertTrue(olderThanAllBefore > 0, "the shuffled input must go back in time past everything seen");

        Report sorted = run(sorted(flows));
        Report mixed = run(shuffled);
        assertEquals(orderFree(sorted), orderFree(mixed));
        // Events landing inside what an interval already holds cannot be placed: the peak becomes an
        // upper bound, and says so.
        long truePeak = (Long) sorted.get("occupancy.peak");
        long mixedPeak = (Long) mixed.get("occupancy.peak");
        assertEquals(true, sorted.get("occupancy.peak_exact"));
        assertTrue(mixedPeak > truePeak || mixedPeak == truePeak, mixedPeak + " < " + truePeak);
        if (mixedPeak != truePeak) {
            assertEquals(false, mixed.get("occupancy.peak_exact"));
        }
        ReportOptions tenSeconds = new ReportOptions();
        tenSeconds.resolutionSeconds = 10;
        Report coarse = run(tenSeconds, shuffled);
        assertEquals(orderFree(run(tenSeconds, sorted(flows))), orderFree(coarse));
        assertArrayEquals(expectedSeries(flows, 10), entries(coarse.get("occupancy.series")));
    }

    @Test
    void shouldCoarsenExactlyWhenTheSeriesWouldHaveMorePointsThanAsked() {
        List<Flow> flows = randomFlows(3);
        ReportOptions few = new ReportOptions();
        few.seriesPoints = 64;
        Report capped = run(few, sorted(flows));
        long width = (Long) capped.get("occupancy.resolution_s");
        assertTrue(width > 1, "about 12 minutes do not fit in 64 one-second intervals");
        assertTrue(points(capped.get("occupancy.series")).length <= 64);
        assertEquals(1L, capped.get("rates.resolution_s"), "rates stay per second");

        // Folding adjacent intervals is exact: the same as asking for that width in the first place.
        ReportOptions asked = new ReportOptions();
        asked.resolutionSeconds = width;
        Report direct = run(asked, sorted(flows));
        assertEquals(json(direct), json(capped));
        assertArrayEquals(expectedSeries(flows, width), entries(capped.get("occupancy.series")));
        assertEquals(run(sorted(flows)).get("occupancy.peak"), capped.get("occupancy.peak"), "the peak does not depend on the width");
        assertEquals(run(sorted(flows)).get("occupancy.peak_ts"), capped.get("occupancy.peak_ts"));
    }

    @Test
    void shouldCoarsenExactlyWhenMemoryRunsOut() {
        List<Flow> flows = randomFlows(3);
        // 12 minutes need 3 pages of 256 one-second intervals; one page holds them at 4 s.
        Report capped = run(new ReportOptions(), TimeBuckets.PAGE_ROWS, sorted(flows));
        long width = (Long) capped.get("occupancy.resolution_s");
        assertTrue(width > 1, "width " + width);
        ReportOptions asked = new ReportOptions();
        asked.resolutionSeconds = width;
        assertEquals(json(run(asked, sorted(flows))), json(capped));
    }

    @Test
    void shouldKeepAYearWithoutAnOutlierAndBoundItsSeries() {
        long year = 365L * 24 * 3600;
        Report report = run(List.of(newTcp(0, 1), newTcp(year * S, 2)));
        // Half the records each: neither is an outlier. 31,536,001 one-second points are more than 4,096:
        // 8,192-second intervals fit.
        assertEquals(0L, report.get("occupancy.outliers.records"));
        assertEquals(8192L, report.get("occupancy.resolution_s"));
        long[][] series = points(report.get("occupancy.series"));
        assertTrue(series.length <= 4096, series.length + " points");
        long firstEnd = (Math.floorDiv(T0, 8192) + 1) * 8192;
        assertArrayEquals(new long[] {firstEnd, 1}, series[0]);
        assertArrayEquals(new long[] {firstEnd + (series.length - 1) * 8192L, 2}, series[series.length - 1]);
        assertEquals(2L, report.get("occupancy.peak"));
        assertEquals(T0 + year, report.get("occupancy.peak_ts"));
        assertEquals(1L, report.get("rates.resolution_s"), "sparse pages: a year of empty seconds costs nothing");
        assertEquals(1.0, report.get("rates.new_per_s.peak"));
        assertEquals(T0, report.get("rates.new_per_s.peak_ts"));
    }
}
