package io.ctscope.analysis.top;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.decode.FormatEvidence;
import io.ctscope.ingest.decode.InputDecoder;
import io.ctscope.ingest.decode.InputStats;
import io.ctscope.ingest.record.ConntrackRecord;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A bench, not a test (run by {@code bench/top-memory.sh} under {@code -Xmx512m}): how much heap
 * {@link TopTalkers} holds after a capture with millions of distinct IPv4 sources, and whether its
 * top-10 sources are right within the reported bounds.
 *
 * <p>Pass 1 feeds the files through a {@link FlowTracker} holding only {@link TopTalkers} and prints
 * the heap used after a full GC with tracker, table and report still reachable. Pass 2 reads the files
 * again and collects the source of every flow, by the same definition (every open, plus DESTROYs of
 * flows never seen), into an int array; sorted, its runs are the exact flows per source.
 */
public final class TopMemoryBench {
    private TopMemoryBench() {
    }

    public static void main(String[] files) throws IOException {
        long t0 = System.nanoTime();
        TopTalkers top = new TopTalkers(new ReportOptions());
        FlowTracker tracker = new FlowTracker(List.of(top));
        long records = decode(files, tracker);
        Report report = new Report();
        tracker.contribute(report);
        long heap = heapUsedAfterGc();
        System.out.printf("pass 1: %,d records in %.1f s; table peak %,d flows, %,d open at the end%n",
            records, (System.nanoTime() - t0) / 1e9, top.peakTableSize(), tracker.table().size());
        System.out.printf("heap used after full GC, everything reachable: %.1f MiB (max heap %.0f MiB)%n",
            heap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        TalkerCounter src = top.counter(TalkerDimension.SRC);
        System.out.printf("src: exact=%s max_error=%d tracked=%d; pair: hashed keys held=%d (limit %d)%n",
            src.isExact(), src.maxError(), src.trackedItems(),
            top.counter(TalkerDimension.PAIR).hashedKeys(), top.counter(TalkerDimension.PAIR).dictionaryLimit());
        List<?> entries = (List<?>) report.get("top.src");
        long maxError = src.maxError();
        tracker = null;
        top = null;

        long t1 = System.nanoTime();
        SourceCollector sources = new SourceCollector();
        decode(files, new FlowTracker(List.of(sources)));
        int[] all = sources.sorted();
        System.out.printf("pass 2 (exact, sort-based): %,d flows in %.1f s%n", all.length, (System.nanoTime() - t1) / 1e9);
        System.exit(check(entries, maxError, all) ? 0 : 1);
    }

    private static long decode(String[] files, FlowTracker tracker) throws IOException {
        InputDecoder decoder = new InputDecoder(tracker, (input, line, reason) -> true);
        InputStats stats = new InputStats();
        for (int i = 0; i < files.length; i++) {
            try (InputStream in = new BufferedInputStream(new FileInputStream(files[i]), 1 << 20)) {
                decoder.decode(in, files[i], i, stats, new FormatEvidence(files[i]));
            }
        }
        return stats.records;
    }

    private static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Prints reported against exact, and whether every count lies in its bounds and the ranking holds where it must. */
    private static boolean check(List<?> entries, long maxError, int[] sorted) {
        int n = 11;
        int[] topAddr = new int[n];
        long[] topCount = new long[n];
        int filled = 0;
        long distinct = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            distinct++;
            long count = j - i;
            // keep the n largest; on a tie the one met first stays ahead
            if (filled < n || count > topCount[n - 1]) {
                int k = Math.min(filled, n - 1);
                while (k > 0 && topCount[k - 1] < count) {
                    topCount[k] = topCount[k - 1];
                    topAddr[k] = topAddr[k - 1];
                    k--;
                }
                topCount[k] = count;
                topAddr[k] = sorted[i];
                filled = Math.min(n, filled + 1);
            }
            i = j;
        }
        System.out.printf("distinct sources: %,d%n%n", distinct);
        System.out.printf("%-4s %-16s %12s %25s %12s   %-16s %12s%n", "rank", "reported", "flows", "[low, high]",
            "exact", "exact top-10", "exact flows");
        boolean ok = true;
        int checkable = 0;
        for (int i = 0; i < entries.size() && i < 10; i++) {
            Map<?, ?> e = (Map<?, ?>) entries.get(i);
            String key = (String) e.get("key");
            long low = (Long) e.get("flows_low");
            long high = (Long) e.get("flows_high");
            long exact = countOf(sorted, parseIpv4(key));
            boolean within = low <= exact && exact <= high;
            boolean apart = (i == 0 || topCount[i - 1] - topCount[i] > maxError) && topCount[i] - topCount[i + 1] > maxError;
            String expected = ipv4(topAddr[i]);
            boolean rankOk = !apart || expected.equals(key);
            checkable += apart ? 1 : 0;
            ok &= within && rankOk;
            System.out.printf("%-4d %-16s %,12d %25s %,12d   %-16s %,12d %s%n", i + 1, key, (Long) e.get("flows"),
                "[" + String.format("%,d", low) + ", " + String.format("%,d", high) + "]", exact, expected, topCount[i],
                (within ? "" : " OUT OF BOUNDS") + (rankOk ? "" : " WRONG RANK"));
        }
        System.out.printf("%nmax_error %d; every reported count within its bounds and %d of 10 ranks apart by more"
            + " than max_error, all matching the exact top-10: %s%n", maxError, checkable, ok ? "yes" : "NO");
        return ok;
    }

    private static long countOf(int[] sorted, int addr) {
        int i = Arrays.binarySearch(sorted, addr);
        if (i < 0) {
            return 0;
        }
        int lo = i;
        int hi = i;
        while (lo > 0 && sorted[lo - 1] == addr) {
            lo--;
        }
        while (hi + 1 < sorted.length && sorted[hi + 1] == addr) {
            hi++;
        }
        return hi - lo + 1;
    }

    private static int parseIpv4(String s) {
        String[] p = s.split("\\.");
        return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8) | Integer.parseInt(p[3]);
    }

    private static String ipv4(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    /** The IPv4 source of every flow, in a growing int array; sorted as signed ints, which is all a run count needs. */
    private static final class SourceCollector implements FlowAnalyzer {
        private int[] sources = new int[1 << 20];
        private int size;

        private void add(long srcLo) {
            if (size == sources.length) {
                sources = Arrays.copyOf(sources, size * 2);
            }
            sources[size++] = (int) srcLo;
        }

        @Override
        public void onOpen(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
            add(table.origSrcLo(slot));
        }

        @Override
        public void onCloseUnseen(ConntrackRecord r, long timeMicros) {
            add(r.orig.srcLo);
        }

        int[] sorted() {
            int[] a = Arrays.copyOf(sources, size);
            sources = null;
            Arrays.sort(a);
            return a;
        }

        @Override
        public void contribute(Report report, FlowTable table) {
        }
    }
}
