package io.ctscope.cli;

import io.ctscope.analysis.report.Report;
import io.ctscope.fleet.merge.FleetReader;
import io.ctscope.fleet.merge.FleetReport;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code live --kafka}: live ships its journal as it writes it, with ship's own exactly-once machinery. At the end
 * of its input, and on SIGTERM, every journal record is in Kafka exactly once and the fleet's row of the box is
 * {@code report --queue} of its journal; with Kafka away, live journals everything, says so once, and a later
 * {@code ship} sends it all.
 */
class LiveShipTest {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path tmp;

    private Process live(Path queue, String kafka, String prefix, String box, Path stdin, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("live", "--queue", queue.toString(), "--kafka", kafka,
            "--topic-prefix", prefix, "--box", box, "--events", "--create-topics", "--interval", "1"));
        args.addAll(List.of(more));
        ProcessBuilder b = CtscopeProcess.builder(args.toArray(new String[0]))
            .redirectOutput(tmp.resolve(box + ".out").toFile());
        if (stdin != null) {
            b.redirectInput(stdin.toFile()).redirectError(tmp.resolve(box + ".err").toFile());
        }
        return b.start();
    }

    /** The fleet's projected peak of the box is what whatif --queue reports for its journal with the same --set. */
    private static void assertProjectedAsWhatifDoes(Path queue, String prefix, String box, String... set) {
        Report fleet = FleetReport.build(new FleetReader(KafkaSettings.of(KAFKA.bootstrap(), null), new FleetTopics(prefix))
            .read(Long.MIN_VALUE, Long.MAX_VALUE, false), System.currentTimeMillis(), 3_600_000, 10);
        List<String> args = new java.util.ArrayList<>(List.of("--queue", queue.toString()));
        args.addAll(List.of(set));
        WhatifRun own = WhatifRun.run(args.toArray(new String[0]));
        assertEquals(0, own.exitCode, own.err);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) (List<?>) fleet.get("whatif.boxes")).get(0);
        assertEquals(box, row.get("box"));
        assertEquals(own.num("projected.peak"), row.get("projected_peak"));
        assertEquals(own.num("current.peak"), row.get("current_peak"));
    }

    private static void assertShippedOnceAndReportedAsTheJournal(Path queue, String prefix, String box) throws Exception {
        assertEquals(ShippedEvents.journalIndexes(queue),
            ShippedEvents.countsByIndex(ShippedEvents.events(KAFKA.bootstrap(), prefix + "events"), box), "every record once");
        Report own = JournalReport.build(queue, TimeWindow.ALL, new io.ctscope.analysis.ReportOptions()).report();
        Report fleet = FleetReport.build(new FleetReader(KafkaSettings.of(KAFKA.bootstrap(), null), new FleetTopics(prefix))
            .read(Long.MIN_VALUE, Long.MAX_VALUE, false), System.currentTimeMillis(), 3_600_000, 10);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) (List<?>) fleet.get("boxes")).get(0);
        assertEquals(box, row.get("box"));
        assertEquals(own.get("events.NEW"), fleet.get("fleet.events.NEW"));
        assertEquals(own.get("events.UPDATE"), fleet.get("fleet.events.UPDATE"));
        assertEquals(own.get("events.DESTROY"), fleet.get("fleet.events.DESTROY"));
        assertEquals(own.get("events.by_state"), fleet.get("fleet.events.by_state"));
        assertEquals(own.get("events.by_protocol"), fleet.get("fleet.events.by_protocol"));
        assertEquals(own.get("table.entries"), row.get("entries_now"));
        assertEquals((long) ShippedEvents.journalIndexes(queue).size(), row.get("records"));
    }

    @Test
    void shouldShipEveryRecordOnceBeforeExitingAtTheEndOfItsInput() throws Exception {
        Path input = GeneratedCapture.write(tmp.resolve("gen.txt"), 20_000, 7, "1795242000");
        Path queue = tmp.resolve("q");
        Process p = live(queue, KAFKA.bootstrap(), "ls.", "live-a", input, "--set", "udp_timeout=1", "-");
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "live did not finish");
        String err = Files.readString(tmp.resolve("live-a.err"));
        assertEquals(0, p.exitValue(), err);
        int records = ShippedEvents.journalIndexes(queue).size();
        assertTrue(err.contains("ctscope live: shipped " + records + " records of box live-a to " + KAFKA.bootstrap() + "\n"), err);
        assertShippedOnceAndReportedAsTheJournal(queue, "ls.", "live-a");
        assertProjectedAsWhatifDoes(queue, "ls.", "live-a", "--set", "udp_timeout=1");
    }

    @Test
    void shouldShipEverythingJournaledBeforeExitingOnSigterm() throws Exception {
        Path followed = tmp.resolve("events.txt");
        Files.copy(Path.of(SampleFiles.lab("events-timestamp-extended-id.txt")), followed);
        Path queue = tmp.resolve("q");
        Process p = live(queue, KAFKA.bootstrap(), "lt.", "live-t", null, "--follow", followed.toString(),
            "--set", "tcp_timeout_established=5");
        BufferedReader stderr = CtscopeProcess.stderrOf(p);
        // the shipper's interval line: it has shipped, and is following the journal
        CtscopeProcess.awaitStderr(stderr, "ship live-t: ");
        Files.write(followed, Files.readAllLines(Path.of(SampleFiles.lab("events-timestamp.txt"))),
            java.nio.file.StandardOpenOption.APPEND);
        CtscopeProcess.awaitStderr(stderr, "ship live-t: ");
        CtscopeProcess.signalGroup(p, "TERM");
        StringBuilder rest = new StringBuilder();
        for (String line; (line = stderr.readLine()) != null; ) {
            rest.append(line).append('\n');
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "live did not finish");
        assertEquals(0, p.exitValue(), rest.toString());
        assertTrue(rest.toString().contains("ctscope live: shipped "), rest.toString());
        assertEquals(2024, ShippedEvents.journalIndexes(queue).size(), "both captures journaled");
        assertShippedOnceAndReportedAsTheJournal(queue, "lt.", "live-t");
        assertProjectedAsWhatifDoes(queue, "lt.", "live-t", "--set", "tcp_timeout_established=5");
    }

    @Test
    void shouldJournalEverythingWithKafkaAwaySayingSoOnceThenLeaveItToTheNextShip() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path queue = tmp.resolve("q");
        Process p = live(queue, "127.0.0.1:" + closed, "ld.", "live-d", Path.of(SampleFiles.lab("events-timestamp.txt")), "-");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "live did not finish");
        String err = Files.readString(tmp.resolve("live-d.err"));
        assertEquals(0, p.exitValue(), err);
        assertEquals(1012, ShippedEvents.journalIndexes(queue).size(), "every record journaled");
        assertTrue(err.contains("ctscope live: Kafka at 127.0.0.1:" + closed + " has the box's journal up to index -1 only;"
            + " the rest stays in the journal: the next ctscope ship or live --kafka on it sends it\n"), err);
        assertTrue(err.lines().filter(l -> l.contains("Kafka at 127.0.0.1:" + closed)).count() <= 2, "said once:\n" + err);

        CliRun ship = CliRun.run("ship", "--queue", queue.toString(), "--kafka", KAFKA.bootstrap(), "--topic-prefix", "ld.",
            "--box", "live-d", "--events", "--create-topics", "--once");
        assertEquals(0, ship.exitCode, ship.err);
        assertShippedOnceAndReportedAsTheJournal(queue, "ld.", "live-d");
    }
}
