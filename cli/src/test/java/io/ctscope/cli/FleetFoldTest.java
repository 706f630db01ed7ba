package io.ctscope.cli;

import io.ctscope.analysis.report.JsonRenderer;
import io.ctscope.analysis.report.Report;
import io.ctscope.fleet.fold.FoldedSummaries;
import io.ctscope.fleet.merge.DirectSummaries;
import io.ctscope.fleet.merge.FleetReader;
import io.ctscope.fleet.merge.FleetReport;
import io.ctscope.fleet.merge.FleetSource;
import io.ctscope.fleet.merge.FleetView;
import io.ctscope.fleet.merge.SummariesRead;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleet-fold} instances in one group over the three shipped boxes (6 partitions): the report read
 * through their folded state is byte for byte the report read from every summary, and its counts are the
 * sum of each box's own report; an instance SIGKILLed mid-fold is taken over by the other, more is shipped
 * after, and the folded report is still exact; an unreadable summary is skipped and named once.
 */
class FleetFoldTest {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    static Path tmp;

    static Path generated;

    /** The fold processes a test started: none outlives it, whatever it asserted. */
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @BeforeAll
    static void writeTheGeneratedCapture() throws Exception {
        generated = GeneratedCapture.write(tmp.resolve("gen.txt"), 30_000, 3, "1795242000");
        // the boxes' summaries are keyed by box: one on partitions 0-2, two on 3-5, so two instances both own a box
        assertTrue(partition("lab-a") < 3 && partition("lab-b") >= 3, "the box names spread over both halves");
    }

    private static int partition(String box) {
        return Utils.toPositive(Utils.murmur2(box.getBytes(StandardCharsets.UTF_8))) % FleetTopics.DEFAULT_PARTITIONS;
    }

    private static KafkaSettings settings() {
        return KafkaSettings.of(KAFKA.bootstrap(), null);
    }

    private static FleetView view(String prefix, SummariesRead how, long fromMicros, long toMicros) {
        return new FleetReader(settings(), new FleetTopics(prefix)).read(fromMicros, toMicros, true, how);
    }

    private static FleetView direct(String prefix) {
        return direct(prefix, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static FleetView direct(String prefix, long fromMicros, long toMicros) {
        return view(prefix, new DirectSummaries(prefix + "summaries", "test"), fromMicros, toMicros);
    }

    private static FleetView folded(String prefix) {
        return folded(prefix, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static FleetView folded(String prefix, long fromMicros, long toMicros) {
        return view(prefix, new FoldedSummaries(new FleetTopics(prefix), true, KAFKA.bootstrap()), fromMicros, toMicros);
    }

    /** The report as JSON, built at one fixed clock (so only what was read can differ). */
    private static String json(FleetView view) {
        return JsonRenderer.render(report(view));
    }

    private static Report report(FleetView view) {
        return FleetReport.build(view, 1_800_000_000_000L, Long.MAX_VALUE / 2, 10);
    }

    private Process fold(String prefix, String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("fleet-fold", "--kafka", KAFKA.bootstrap(), "--topic-prefix", prefix,
            "--group", "g", "--interval", "1"));
        args.addAll(Arrays.asList(extra));
        Process p = CtscopeProcess.builder(args.toArray(new String[0]))
            .redirectOutput(tmp.resolve(prefix + name + ".out").toFile()).start();
        started.add(p);
        return p;
    }

    /**
     * Waits until the fold's state covers every partition up to the summaries' end (nothing left for a reader
     * to add past it) and returns that folded view.
     */
    private static FleetView awaitFoldedToTheEnd(String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            FleetView v = folded(prefix);
            FleetSource s = v.source();
            if (s.foldedPartitions() == s.partitions() && s.tailSummaries() == 0) {
                return v;
            }
            assertTrue(System.nanoTime() < deadline, "the fold did not reach the summaries' end: " + s);
            Thread.sleep(300);
        }
    }

    private static void stop(Process fold, BufferedReader stderr) throws Exception {
        CtscopeProcess.signalGroup(fold, "TERM");
        assertTrue(fold.waitFor(60, TimeUnit.SECONDS), "fleet-fold did not stop");
        assertEquals(0, fold.exitValue(), rest(stderr));
    }

    private static String rest(BufferedReader stderr) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String l = stderr.readLine(); l != null; l = stderr.readLine()) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldFoldInTwoInstancesTheReportOneReaderMakes() throws Exception {
        String prefix = "two.";
        var queues = ShippedFleet.ingestThreeBoxes(tmp, "two", generated);
        ShippedFleet.shipAll(tmp, KAFKA.bootstrap(), prefix, queues, 2000);
        Process x = fold(prefix, "x", "--create-topics");
        Process y = fold(prefix, "y", "--create-topics");
        BufferedReader xErr = CtscopeProcess.stderrOf(x);
        BufferedReader yErr = CtscopeProcess.stderrOf(y);
        // both fold: each ends up with half the partitions
        awaitHalf(xErr);
        awaitHalf(yErr);
        FleetView folded = awaitFoldedToTheEnd(prefix);
        FleetView direct = direct(prefix);
        assertEquals("folded", folded.source().read());
        assertEquals("summaries", direct.source().read());
        assertEquals(json(direct), json(folded));
        ShippedFleet.assertSumOfOwnReports(report(folded), queues);
        // a window (--from/--to): from the middle bucket of the series to two buckets before its end
        List<?> series = (List<?>) report(direct).get("series");
        assertTrue(series.size() > 4, "the capture spans buckets");
        long from = Math.round((Double) ((List<?>) series.get(series.size() / 2)).get(0) * 1e6);
        long to = Math.round((Double) ((List<?>) series.get(series.size() - 2)).get(0) * 1e6);
        String windowed = json(direct(prefix, from, to));
        assertEquals(windowed, json(folded(prefix, from, to)));
        assertTrue(!windowed.equals(json(direct)), "the window leaves something out");

        CliRun cli = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--topic-prefix", prefix, "--format", "json", "--no-events");
        assertEquals(0, cli.exitCode, cli.err);
        assertTrue(cli.out.contains("\"read\": \"folded\""), cli.out);
        assertTrue(cli.out.contains("\"tail_summaries\": 0"), cli.out);
        CliRun text = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--topic-prefix", prefix, "--no-events");
        assertTrue(text.out.contains("\nREAD FROM  two.fleet: the fold's state of 6 of 6 partitions, and the summaries past it (0 summaries"),
            text.out);
        stop(x, xErr);
        stop(y, yErr);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldTakeOverAKilledInstanceWithoutCountingTwiceOrMissing() throws Exception {
        String prefix = "kill.";
        var queues = ShippedFleet.ingestThreeBoxes(tmp, "kill", generated);
        Path labA = queues.get("lab-a");
        CliRun create = CliRun.run("ship", "--queue", labA.toString(), "--kafka", KAFKA.bootstrap(), "--box", "lab-a",
            "--topic-prefix", prefix, "--events", "--create-topics", "--once", "--batch", "50");
        assertEquals(0, create.exitCode, create.err);
        Process x = fold(prefix, "x", "--create-topics");
        BufferedReader xErr = CtscopeProcess.stderrOf(x);
        CtscopeProcess.awaitStderr(xErr, "folding partitions [0, 1, 2, 3, 4, 5]");
        // every box ships in small transactions while the fold runs: lab-a (partition 1) a second file,
        // lab-b and gen-c (partition 3) their journals, so both halves of the partitions are being folded
        ShippedFleet.ingest(labA, SampleFiles.lab("events-timestamp.txt"));
        List<Process> ships = List.of(
            ShippedFleet.startShip(tmp, KAFKA.bootstrap(), prefix, "lab-a", labA, 5),
            ShippedFleet.startShip(tmp, KAFKA.bootstrap(), prefix, "lab-b", queues.get("lab-b"), 20),
            ShippedFleet.startShip(tmp, KAFKA.bootstrap(), prefix, "gen-c", queues.get("gen-c"), 100));
        Process y = fold(prefix, "y");
        BufferedReader yErr = CtscopeProcess.stderrOf(y);
        // y joins: x gives half the partitions up (publishing them), y restores them from the fold's topic
        awaitHalf(yErr);
        awaitHalf(xErr);
        x.destroyForcibly();
        assertTrue(x.waitFor(30, TimeUnit.SECONDS));
        // once the group gives x up, y restores x's partitions from what x last published and goes on
        CtscopeProcess.awaitStderr(yErr, "folding partitions [0, 1, 2, 3, 4, 5]");
        ShippedFleet.awaitShips(tmp, ships, List.of("lab-a", "lab-b", "gen-c"));
        // more after the kill: y, alone now, folds it
        Path labB = ShippedFleet.ingest(queues.get("lab-b"), SampleFiles.lab("events-timestamp-extended-id.txt"));
        CliRun more = CliRun.run("ship", "--queue", labB.toString(), "--kafka", KAFKA.bootstrap(), "--box", "lab-b",
            "--topic-prefix", prefix, "--events", "--once");
        assertEquals(0, more.exitCode, more.err);

        FleetView folded = awaitFoldedToTheEnd(prefix);
        assertEquals(json(direct(prefix)), json(folded));
        ShippedFleet.assertSumOfOwnReports(report(folded), queues);
        stop(y, yErr);
    }

    /** Reads an instance's lines until it folds fewer than all partitions (the other has the rest). */
    private static void awaitHalf(BufferedReader xErr) throws Exception {
        String seen;
        do {
            seen = CtscopeProcess.awaitStderr(xErr, "folding partitions [");
        } while (seen.lines().reduce((a, b) -> b).orElse("").contains("[0, 1, 2, 3, 4, 5]"));
    }

    /** A loopback port nobody listens on. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldSkipAndNameAnUnreadableSummaryOnceAndSayWhatIsMissing() throws Exception {
        String kafka = "127.0.0.1:" + closedPort();
        Process unreachable = CtscopeProcess.builder("fleet-fold", "--kafka", kafka)
            .redirectOutput(tmp.resolve("unreachable.out").toFile()).redirectError(tmp.resolve("unreachable.err").toFile()).start();
        started.add(unreachable);
        String prefix = "bad.";
        Path q = ShippedFleet.ingest(tmp.resolve("bad-q"), SampleFiles.lab("events-timestamp-extended-id.txt"));
        CliRun ship = CliRun.run("ship", "--queue", q.toString(), "--kafka", KAFKA.bootstrap(), "--box", "v",
            "--topic-prefix", prefix, "--create-topics", "--once");
        assertEquals(0, ship.exitCode, ship.err);

        CliRun noFold = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--topic-prefix", prefix, "--source", "folded");
        assertEquals(1, noFold.exitCode);
        assertEquals("ctscope fleet: topic bad.fleet does not exist on " + KAFKA.bootstrap()
            + " (no fleet-fold has run under this --topic-prefix)\n", noFold.err);
        CliRun notCreated = CliRun.run("fleet-fold", "--kafka", KAFKA.bootstrap(), "--topic-prefix", prefix);
        assertEquals(1, notCreated.exitCode);
        assertEquals("ctscope fleet-fold: topic bad.fleet does not exist on " + KAFKA.bootstrap()
            + ": create it (README \"Kafka topics\") or pass --create-topics\n", notCreated.err);

        // what a newer ctscope (summary format 9) would send, on the box's partition
        byte[] value = new byte[40];
        Arrays.fill(value, (byte) 7);
        value[0] = 9;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrap()),
            new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(prefix + "summaries", "v".getBytes(StandardCharsets.UTF_8), value)).get();
        }
        Process fold = fold(prefix, "f", "--create-topics");
        BufferedReader err = CtscopeProcess.stderrOf(fold);
        String line = CtscopeProcess.awaitStderr(err, "summary format version 9");
        FleetView folded = awaitFoldedToTheEnd(prefix);
        assertEquals(json(direct(prefix)), json(folded));
        Report r = report(folded);
        assertEquals(1L, r.get("skipped.summaries"));
        String problem = String.valueOf(((List<?>) r.get("skipped.problems")).get(0));
        assertTrue(problem.startsWith("bad.summaries partition " + partition("v") + " offset ")
            && problem.contains(": summary format version 9: this build reads versions 1 to "), problem);
        CtscopeProcess.signalGroup(fold, "TERM");
        assertTrue(fold.waitFor(60, TimeUnit.SECONDS));
        String all = line + rest(err);
        assertEquals(0, fold.exitValue(), all);
        assertEquals(1, all.lines().filter(l -> l.contains("format version")).count(), all);
        assertTrue(all.contains("ctscope fleet-fold: " + problem + " (skipped; counted in the fleet report)\n"), all);

        assertTrue(unreachable.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, unreachable.exitValue());
        assertEquals("ctscope fleet-fold: cannot reach Kafka at " + kafka + " (no answer within 15 s)\n",
            Files.readString(tmp.resolve("unreachable.err")));
    }
}
