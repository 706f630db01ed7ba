package io.ctscope.analysis.top;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.RecordKind;
import io.ctscope.ingest.record.Tuple;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Top talkers against exact counts on generated streams: IPv6 sources (so that source and pair keys
 * are hashed and go through the side dictionary) drawn Zipf-skewed, each flow a NEW and, a thousand
 * flows later, its DESTROY.
 */
class TopTalkersSketchTest {
    private static final long SRC_NET = 0xfd00_0000_0000_0000L;
    private static final long DST_NET = 0xfd00_0001_0000_0000L;
    private static final int OPEN_FLOWS = 1000;
    private static final int SERVERS = 100;

    /** Feeds {@code flows} flows from {@code keys} Zipf(1.1)-distributed sources; returns flows per source. */
    private static int[] feed(FlowTracker tracker, int flows, int keys, long seed) {
        double[] cdf = new double[keys];
        double sum = 0;
        for (int i = 0; i < keys; i++) {
            sum += Math.pow(i + 1, -1.1);
            cdf[i] = sum;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] exact = new int[keys];
        int[] openSrc = new int[OPEN_FLOWS];
        int[] openDst = new int[OPEN_FLOWS];
        ConntrackRecord r = new ConntrackRecord();
        for (int i = 0; i < flows; i++) {
            int ring = i % OPEN_FLOWS;
            if (i >= OPEN_FLOWS) {
                flow(r, RecordKind.DESTROY, openSrc[ring], openDst[ring], i - OPEN_FLOWS);
                tracker.accept(r);
            }
            int pos = Arrays.binarySearch(cdf, random.nextDouble() * sum);
            int src = pos >= 0 ? pos : Math.min(keys - 1, -pos - 1);
            int dst = random.nextInt(SERVERS);
            exact[src]++;
            openSrc[ring] = src;
            openDst[ring] = dst;
            flow(r, RecordKind.NEW, src, dst, i);
            tracker.accept(r);
        }
        return exact;
    }

    /** A tcp flow fd00::(src+1) -> fd00:1::(dst+1):443, source port from the flow number; DESTROY with counters. */
    private static void flow(ConntrackRecord r, RecordKind kind, int src, int dst, int n) {
        r.clear();
        r.kind = kind;
        r.family = Addresses.AF_INET6;
        r.protocol = 6;
        r.present = Field.REPLY;
        fill(r.orig, SRC_NET, src + 1L, DST_NET, dst + 1L, n & 0xffff, 443);
        fill(r.reply, DST_NET, dst + 1L, SRC_NET, src + 1L, 443, n & 0xffff);
        if (kind == RecordKind.NEW) {
            r.flags = Flags.UNREPLIED;
        } else {
            r.flags = Flags.ASSURED;
            r.orig.hasCounters = true;
            r.orig.packets = 3;
            r.orig.bytes = 200;
        }
    }

    private static void fill(Tuple t, long srcHi, long srcLo, long dstHi, long dstLo, int sport, int dport) {
        t.srcHi = srcHi;
        t.srcLo = srcLo;
        t.dstHi = dstHi;
        t.dstLo = dstLo;
        t.hasSrc = true;
        t.hasDst = true;
        t.addrFamily = 6;
        t.sport = sport;
        t.dport = dport;
    }

    private static String sourceText(int src) {
        return Addresses.toString(Addresses.AF_INET6, SRC_NET, src + 1L);
    }

    private static int sourceOf(Object keyText) {
        String s = (String) keyText;
        return Integer.parseInt(s.substring(s.lastIndexOf(':') + 1), 16) - 1;
    }

    /** Source indexes, most flows first, ties in address order. */
    private static Integer[] ranking(int[] exact) {
        return IntStream.range(0, exact.length).boxed()
            .sorted(Comparator.comparingInt((Integer i) -> -exact[i]).thenComparingInt(i -> i))
            .toArray(Integer[]::new);
    }

    private static Report report(FlowTracker tracker) {
        Report report = new Report();
        tracker.contribute(report);
        return report;
    }

    @Test
    void shouldFindTheExactTopTenWithinTheSketchBoundsInBoundedMemory() {
        int maxMapSize = 1 << 12;
        TopTalkers top = new TopTalkers(new ReportOptions(), 1024, maxMapSize);
        FlowTracker tracker = new FlowTracker(List.of(top));
        int[] exact = feed(tracker, 300_000, 200_000, 7);
        Report report = report(tracker);

        TalkerCounter sources = top.counter(TalkerDimension.SRC);
        long maxError = sources.maxError();
        assertFalse(sources.isExact());
        assertEquals(false, report.get("top.exact.src"));
        assertEquals(null, report.get("top.distinct.src"));
        assertEquals(maxError, report.get("top.max_error.src"));
        assertTrue(maxError > 0 && maxError <= 3.5 * 300_000 / maxMapSize, "max error " + maxError);

        List<?> entries = (List<?>) report.get("top.src");
        assertEquals(10, entries.size());
        for (Object o : entries) {
            Map<?, ?> e = (Map<?, ?>) o;
            long truth = exact[sourceOf(e.get("key"))];
            long low = (Long) e.get("flows_low");
            long high = (Long) e.get("flows_high");
            assertTrue(low <= truth && truth <= high, e + " truth " + truth);
            assertEquals(maxError, high - low);
        }
        // where the true counts are further apart than the bound, the sketch cannot swap them
        Integer[] rank = ranking(exact);
        int checked = 0;
        for (int i = 0; i < 10; i++) {
            boolean apartFromAbove = i == 0 || exact[rank[i - 1]] - exact[rank[i]] > maxError;
            boolean apartFromBelow = exact[rank[i]] - exact[rank[i + 1]] > maxError;
            if (apartFromAbove && apartFromBelow) {
                assertEquals(sourceText(rank[i]), ((Map<?, ?>) entries.get(i)).get("key"), "rank " + i);
                checked++;
            }
        }
        assertEquals(10, checked);

        long distinctSources = Arrays.stream(exact).filter(n -> n > 0).count();
        for (TalkerDimension d : List.of(TalkerDimension.SRC, TalkerDimension.PAIR)) {
            TalkerCounter c = top.counter(d);
            assertTrue(distinctSources > 2 * c.dictionaryLimit(), "distinct " + distinctSources);
            assertTrue(c.hashedKeys() <= c.dictionaryLimit(), d + " dictionary " + c.hashedKeys());
            assertTrue(c.trackedItems() <= maxMapSize, d + " tracked " + c.trackedItems());
            assertEquals(0, c.exactKeys());
            // the live map follows the table (1,000 open flows), not the 42,000 sources seen
            assertTrue(top.liveCounts(d).size() <= 2 * OPEN_FLOWS + 1024, d + " live " + top.liveCounts(d).size());
        }
    }

    @Test
    void shouldReportExactCountsWhileTheKeysFit() {
        TopTalkers top = new TopTalkers(new ReportOptions());
        FlowTracker tracker = new FlowTracker(List.of(top));
        int[] exact = feed(tracker, 20_000, 1_000, 11);
        Report report = report(tracker);

        assertEquals(true, report.get("top.exact.src"));
        assertEquals(Arrays.stream(exact).filter(n -> n > 0).count(), report.get("top.distinct.src"));
        assertEquals(0L, report.get("top.max_error.src"));
        Integer[] rank = ranking(exact);
        List<?> entries = (List<?>) report.get("top.src");
        for (int i = 0; i < 10; i++) {
            Map<?, ?> e = (Map<?, ?>) entries.get(i);
            long truth = exact[rank[i]];
            assertEquals(sourceText(rank[i]), e.get("key"));
            assertEquals(truth, e.get("flows"));
            assertEquals(truth, e.get("flows_low"));
            assertEquals(truth, e.get("flows_high"));
        }
    }
}
