package io.ctscope.analysis.shard;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.decode.FormatEvidence;
import io.ctscope.ingest.decode.InputDecoder;
import io.ctscope.ingest.decode.InputStats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once the shards' top lists outgrow their memory and switch to sketches, the merged sketches still
 * bound every reported count: the true flows per source (counted here from the generated lines)
 * lie within {@code flows_low..flows_high}, and the heaviest sources come first. While the budget
 * holds the keys the lists stay exact, also well past the 65,536 keys at which they used to switch.
 */
class ShardedSketchBoundsTest {
    private static final int FLOWS = 120_000;

    /** NAT-box-like capture: Zipf({@code skew}) 10.x sources, each flow a NEW and, 500 flows later, its DESTROY. */
    private static byte[] capture(int sources, double skew, Map<String, Integer> truth) {
        double[] cdf = new double[sources];
        double sum = 0;
        for (int i = 0; i < sources; i++) {
            sum += 1 / Math.pow(i + 1, skew);
            cdf[i] = sum;
        }
        SplittableRandom random = new SplittableRandom(99);
        StringBuilder sb = new StringBuilder(FLOWS * 400);
        String[] open = new String[500];
        for (int f = 0; f < FLOWS; f++) {
            int at = java.util.Arrays.binarySearch(cdf, random.nextDouble() * sum);
            int s = at >= 0 ? at : Math.min(sources - 1, -at - 1);
            String src = "10." + (s >> 16 & 255) + "." + (s >> 8 & 255) + "." + (s & 255);
            truth.merge(src, 1, Integer::sum);
            String tuple = "tcp      6 120 SYN_SENT src=" + src + " dst=198.51.100.7 sport=" + (1024 + f % 60000)
                + " dport=443 [UNREPLIED] src=198.51.100.7 dst=203.0.113.1 sport=443 dport=" + (1024 + f % 60000)
                + " id=" + (1_000_000 + f) + "\n";
            String time = String.format("[%d.%06d]\t", 1_795_000_000 + f / 1000, f % 1000 * 1000);
            int ring = f % open.length;
            if (open[ring] != null) {
                sb.append(time).append("[DESTROY] ipv4     2 ").append(open[ring]);
            }
            open[ring] = tuple;
            sb.append(time).append("    [NEW] ipv4     2 ").append(tuple);
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Report report(Analyzer a, byte[] capture) throws IOException {
        InputDecoder decoder = new InputDecoder(a, (input, line, reason) -> true);
        decoder.decode(new ByteArrayInputStream(capture), "capture", 0, new InputStats(), new FormatEvidence("capture"));
        Report report = new Report();
        a.contribute(report);
        return report;
    }

    @Test
    void shouldBoundEveryMergedSketchedCountAndRankTheHeaviestFirst() throws IOException {
        Map<String, Integer> truth = new HashMap<>();
        byte[] lines = capture(40_000, 1.2, truth);
        ReportOptions options = new ReportOptions();
        options.topExactBytes = 256 * 1024; // far below what 40,000 sources take exactly
        Report r = report(new ShardedReport(options, 3, 1), lines);

        assertEquals(false, r.get("top.exact.src"));
        long maxError = (Long) r.get("top.max_error.src");
        List<?> top = (List<?>) r.get("top.src");
        assertEquals(10, top.size());
        List<Map.Entry<String, Integer>> ranked = truth.entrySet().stream()
            .sorted((a, b) -> b.getValue() - a.getValue()).toList();
        for (int i = 0; i < top.size(); i++) {
            Map<?, ?> e = (Map<?, ?>) top.get(i);
            long low = (Long) e.get("flows_low");
            long high = (Long) e.get("flows_high");
            int actual = truth.get((String) e.get("key"));
            assertTrue(low <= actual && actual <= high, e + " holds " + actual);
            assertTrue(high - low <= maxError, e + " max_error " + maxError);
        }
        // the heaviest sources stand far above the error: they are found, in order
        for (int i = 0; i < 3; i++) {
            assertTrue(ranked.get(i).getValue() - ranked.get(i + 1).getValue() > 2 * maxError, "gap at " + i);
            assertEquals(ranked.get(i).getKey(), ((Map<?, ?>) top.get(i)).get("key"));
        }
    }

    @Test
    void shouldStayExactPast65536SourcesWhileTheBudgetHoldsThem() throws IOException {
        Map<String, Integer> truth = new HashMap<>();
        byte[] lines = capture(1 << 20, 0.5, truth);
        assertTrue(truth.size() > 65_536, "distinct sources " + truth.size());
        ReportOptions options = new ReportOptions();
        options.topExactBytes = 512L << 20;
        for (Analyzer a : List.of(ReportBuilder.standard(options), new ShardedReport(options, 2, 1))) {
            Report r = report(a, lines);
            assertEquals(true, r.get("top.exact.src"));
            assertEquals((long) truth.size(), r.get("top.distinct.src"));
            Map<?, ?> first = (Map<?, ?>) ((List<?>) r.get("top.src")).get(0);
            int most = truth.values().stream().max(Integer::compare).get();
            assertEquals((long) most, first.get("flows"));
            assertEquals(most, truth.get((String) first.get("key")));
        }
    }

    @Test
    void shouldSwitchToSketchesWhenTheBudgetIsSpent() throws IOException {
        Map<String, Integer> truth = new HashMap<>();
        byte[] lines = capture(1 << 20, 0.5, truth);
        ReportOptions options = new ReportOptions();
        options.topExactBytes = 1 << 20;
        Report r = report(ReportBuilder.standard(options), lines);
        assertFalse((Boolean) r.get("top.exact.src"));
        assertEquals(true, r.get("top.exact.dport"), "one port: it fits whatever the budget");
    }
}
