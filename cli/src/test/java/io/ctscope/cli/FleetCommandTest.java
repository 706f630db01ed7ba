package io.ctscope.cli;

import io.ctscope.analysis.report.Report;
import io.ctscope.fleet.merge.FleetReader;
import io.ctscope.fleet.merge.FleetReport;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;
import io.ctscope.ingest.journal.JournalReader;
import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three boxes shipped at once (two lab recordings of one real-kernel run, so they share flows, and a generated
 * capture): the fleet report's counts equal the sum of each box's own {@code report --queue}, each box's row
 * equals its report, the merged top sources hold the exact recount within their bounds, and the flows seen on
 * two boxes are those an independent recount of the journals finds.
 */
class FleetCommandTest {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    static Path tmp;

    static final Map<String, Path> QUEUES = new LinkedHashMap<>();

    @BeforeAll
    static void shipThreeBoxesAtOnce() throws Exception {
        Path generated = GeneratedCapture.write(tmp.resolve("gen.txt"), 30_000, 3, "1795242000");
        QUEUES.putAll(ShippedFleet.ingestThreeBoxes(tmp, "q", generated));
        ShippedFleet.shipAll(tmp, KAFKA.bootstrap(), FleetTopics.DEFAULT_PREFIX, QUEUES, 2000);
    }

    private static Report boxReport(String box) throws Exception {
        return ShippedFleet.boxReport(QUEUES.get(box));
    }

    private static Report fleetReport() {
        KafkaSettings settings = KafkaSettings.of(KAFKA.bootstrap(), null);
        return FleetReport.build(new FleetReader(settings, new FleetTopics(FleetTopics.DEFAULT_PREFIX))
            .read(Long.MIN_VALUE, Long.MAX_VALUE, true), System.currentTimeMillis(), 3_600_000, 10);
    }

    @Test
    void shouldSumTheBoxesOwnReportsExactly() throws Exception {
        Report fleet = fleetReport();
        ShippedFleet.assertSumOfOwnReports(fleet, QUEUES);
        for (String box : QUEUES.keySet()) {
            assertEquals(kernelConntrackMax(), ShippedFleet.row(fleet, box).get("nf_conntrack_max"), box);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldHoldTheExactRecountOfTopSourcesWithinTheMergedBounds() throws Exception {
        Map<String, Long> exact = new HashMap<>();
        for (String box : QUEUES.keySet()) {
            Report own = boxReport(box);
            assertEquals(Boolean.TRUE, own.get("top.exact.src"), box);
            for (Object o : (List<Object>) own.get("top.src")) {
                Map<String, Object> r = (Map<String, Object>) o;
                exact.merge((String) r.get("key"), (Long) r.get("flows"), Long::sum);
            }
        }
        List<Object> top = (List<Object>) fleetReport().get("top.src");
        assertFalse(top.isEmpty());
        for (Object o : top) {
            Map<String, Object> r = (Map<String, Object>) o;
            long truth = exact.getOrDefault((String) r.get("address"), 0L);
            assertTrue((Long) r.get("lower_bound") <= truth && truth <= (Long) r.get("upper_bound"),
                r + " against the exact " + truth);
        }
        long largest = exact.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertEquals(largest, ((Map<String, Object>) top.get(0)).get("flows"));
    }

    @Test
    void shouldFindTheFlowsSeenOnTwoBoxes() throws Exception {
        Map<String, Set<String>> flows = new HashMap<>();
        for (String box : QUEUES.keySet()) {
            try (JournalReader reader = new JournalReader(QUEUES.get(box))) {
                reader.replay(r -> flows.computeIfAbsent(flowText(r), k -> new HashSet<>()).add(box));
            }
        }
        long shared = flows.values().stream().filter(s -> s.size() > 1).count();
        assertTrue(shared > 0, "the two lab recordings of one run share flows");
        assertEquals(shared, fleetReport().get("shared_flows.flows"));
    }

    @Test
    void shouldPrintTheBoxesAsTextJsonAndCsv() {
        CliRun text = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--stale", "3600");
        assertEquals(0, text.exitCode, text.err);
        assertTrue(text.out.startsWith("FLEET  3 boxes, "), text.out);
        assertTrue(text.out.contains("SHARED FLOWS  "), text.out);
        CliRun csv = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--format", "csv", "--no-events");
        assertEquals(0, csv.exitCode, csv.err);
        List<String> lines = csv.out.lines().toList();
        assertEquals(4, lines.size(), csv.out);
        assertTrue(lines.get(0).startsWith("box,records,new,update,destroy,"));
        CliRun json = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--format", "json", "--no-events");
        assertEquals(0, json.exitCode, json.err);
        assertTrue(json.out.contains("\"boxes\": ["), json.out);
    }

    /** The flow's protocol and its two ends, lower first, written differently from the shipper's key. */
    private static String flowText(ConntrackRecord r) {
        String a = Addresses.toString(r.family, r.orig.srcHi, r.orig.srcLo) + "/" + port(r, true);
        String b = Addresses.toString(r.family, r.orig.dstHi, r.orig.dstLo) + "/" + port(r, false);
        boolean swap = Long.compareUnsigned(r.orig.srcHi, r.orig.dstHi) > 0
            || (r.orig.srcHi == r.orig.dstHi && Long.compareUnsigned(r.orig.srcLo, r.orig.dstLo) > 0)
            || (r.orig.srcHi == r.orig.dstHi && r.orig.srcLo == r.orig.dstLo && port(r, true) > port(r, false));
        return r.protocol + " " + r.family + " " + (swap ? b + " " + a : a + " " + b);
    }

    private static int port(ConntrackRecord r, boolean src) {
        if (r.orig.hasPorts()) {
            return src ? r.orig.sport : r.orig.dport;
        }
        return r.orig.hasIcmp() ? r.orig.icmpId : 0;
    }

    /** nf_conntrack_max as cat shows it (null when this kernel has no conntrack loaded). */
    private static Long kernelConntrackMax() throws Exception {
        Path max = Path.of("/proc/sys/net/netfilter/nf_conntrack_max");
        if (!Files.exists(max)) {
            return null;
        }
        Process cat = new ProcessBuilder("cat", max.toString()).redirectErrorStream(true).start();
        String text = new String(cat.getInputStream().readAllBytes()).trim();
        assertEquals(0, cat.waitFor());
        return Long.parseLong(text);
    }
}
