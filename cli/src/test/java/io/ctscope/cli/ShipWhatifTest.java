package io.ctscope.cli;

import io.ctscope.analysis.report.Report;
import io.ctscope.fleet.merge.FleetReader;
import io.ctscope.fleet.merge.FleetReport;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Boxes shipped with {@code --set} carry their own what-if: the fleet's projected peak of each box is what an
 * independent {@code ctscope whatif --queue} run with the same proposal reports for that box's journal; a box
 * shipped without it shows no projection; the ranking follows those independent runs' peak reductions.
 */
class ShipWhatifTest {
    private static final String PREFIX = "wi.";
    /** The lab ran with udp_timeout 5, udp_timeout_stream 10, tcp_timeout_established 60. */
    private static final String[] LAB = {"--set", "tcp_timeout_established=5", "--set", "nf_conntrack_udp_timeout_stream=2"};
    /** The generated capture spans under 2 s: only timeouts shorter than that bite. */
    private static final String[] GENERATED = {"--set", "tcp_timeout_syn_sent=1", "--set", "udp_timeout=1"};

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    static Path tmp;

    static final Map<String, Path> QUEUES = new LinkedHashMap<>();
    static final Map<String, String[]> PROPOSALS = new LinkedHashMap<>();

    @BeforeAll
    static void shipBoxesWithAndWithoutAProposal() throws Exception {
        Path generated = GeneratedCapture.write(tmp.resolve("gen.txt"), 20_000, 5, "1795242000");
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("gen-a", generated.toString());
        inputs.put("lab-b", SampleFiles.lab("events-timestamp.txt"));
        inputs.put("lab-c", SampleFiles.lab("events-timestamp-extended-id.txt"));
        PROPOSALS.put("gen-a", GENERATED);
        PROPOSALS.put("lab-b", LAB);
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            Path q = tmp.resolve("q-" + e.getKey());
            CliRun ingest = CliRun.run("ingest", "--queue", q.toString(), e.getValue());
            assertEquals(0, ingest.exitCode, ingest.err);
            QUEUES.put(e.getKey(), q);
            List<String> ship = new ArrayList<>(List.of("ship", "--queue", q.toString(), "--kafka", KAFKA.bootstrap(),
                "--topic-prefix", PREFIX, "--box", e.getKey(), "--create-topics", "--once", "--batch", "700", "--interval", "1"));
            ship.addAll(List.of(PROPOSALS.getOrDefault(e.getKey(), new String[0])));
            CliRun run = CliRun.run(ship.toArray(new String[0]));
            assertEquals(0, run.exitCode, run.err);
        }
    }

    private static Report fleet() {
        return FleetReport.build(new FleetReader(KafkaSettings.of(KAFKA.bootstrap(), null), new FleetTopics(PREFIX))
            .read(Long.MIN_VALUE, Long.MAX_VALUE, false), System.currentTimeMillis(), 3_600_000, 10);
    }

    /** The box's what-if as ctscope whatif reports it, run on its journal with the same proposal. */
    private static WhatifRun whatif(String box) {
        List<String> args = new ArrayList<>(List.of("--queue", QUEUES.get(box).toString(), "--format", "json"));
        args.addAll(List.of(PROPOSALS.get(box)));
        WhatifRun run = WhatifRun.run(args.toArray(new String[0]));
        assertEquals(0, run.exitCode, run.err);
        return run;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Report fleet) {
        return (List<Map<String, Object>>) (List<?>) fleet.get("whatif.boxes");
    }

    @Test
    void shouldReportEachBoxsProjectedPeakAsWhatifDoesForItsJournal() {
        Report fleet = fleet();
        List<Map<String, Object>> rows = rows(fleet);
        assertEquals(2, rows.size(), String.valueOf(fleet.get("whatif")));
        for (Map<String, Object> row : rows) {
            String box = (String) row.get("box");
            WhatifRun own = whatif(box);
            assertEquals(own.num("projected.peak"), row.get("projected_peak"), box);
            assertEquals(own.num("projected.peak_low"), row.get("projected_peak_low"), box);
            assertEquals(own.num("projected.peak_high"), row.get("projected_peak_high"), box);
            assertEquals(own.num("projected.peak_counted"), row.get("projected_peak_counted"), box);
            assertEquals(own.num("current.peak"), row.get("current_peak"), box);
            assertEquals(own.num("current.peak") - own.num("projected.peak"), row.get("peak_reduction"), box);
        }
    }

    @Test
    void shouldRankTheBoxesByThePeakTheProposalTakesOff() {
        List<Map<String, Object>> rows = rows(fleet());
        long first = whatif((String) rows.get(0).get("box")).num("current.peak") - whatif((String) rows.get(0).get("box")).num("projected.peak");
        long second = whatif((String) rows.get(1).get("box")).num("current.peak") - whatif((String) rows.get(1).get("box")).num("projected.peak");
        assertTrue(first >= second, rows.toString());
        assertTrue(first > 0, "the proposal takes entries off the first box: " + rows);
    }

    @Test
    void shouldShowWhatEachBoxWasAskedAndWhichHaveNoProjection() {
        Report fleet = fleet();
        assertEquals(List.of("lab-c"), fleet.get("whatif.no_projection"));
        assertEquals(Boolean.FALSE, fleet.get("whatif.same_proposal"));
        for (Map<String, Object> row : rows(fleet)) {
            assertEquals(String.join(" ", List.of(PROPOSALS.get((String) row.get("box"))))
                    .replace("--set ", "").replace("nf_conntrack_", ""),
                row.get("proposal"), "the proposal in short names, setting order");
        }
        CliRun text = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--topic-prefix", PREFIX, "--stale", "3600", "--no-events");
        assertEquals(0, text.exitCode, text.err);
        assertTrue(text.out.contains("\nWHERE THE PROPOSED TIMEOUTS HELP MOST  the boxes were asked different proposals"), text.out);
        assertTrue(text.out.contains("  no projection (shipped without --set): lab-c\n"), text.out);
        CliRun csv = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--topic-prefix", PREFIX, "--format", "csv", "--no-events");
        assertEquals(0, csv.exitCode, csv.err);
        for (String line : csv.out.lines().skip(1).toList()) {
            String box = line.substring(0, line.indexOf(','));
            String last = line.substring(line.lastIndexOf(',') + 1);
            if (box.equals("lab-c")) {
                assertEquals("", last, line);
            } else {
                assertEquals(String.valueOf(whatif(box).num("projected.peak")), last, line);
            }
        }
        assertNull(row(fleet, "lab-c"));
        assertNotEquals(row(fleet, "gen-a").get("proposal"), row(fleet, "lab-b").get("proposal"));
    }

    private static Map<String, Object> row(Report fleet, String box) {
        return rows(fleet).stream().filter(r -> box.equals(r.get("box"))).findFirst().orElse(null);
    }
}
