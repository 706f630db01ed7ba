package io.ctscope.cli;

import io.ctscope.fleet.summary.BoxSummary;
import io.ctscope.fleet.summary.SummaryCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly once from journal to Kafka through faults, against a real broker: the shipper SIGKILLed at random
 * points while it sends, the journal appended while it is down, the broker stopped and restarted under a
 * running shipper. Afterwards every journal record is in the events topic exactly once (by box and index,
 * read_committed), and the summaries cover every record exactly once.
 */
class ShipFaultTest {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path tmp;

    @Test
    void shouldShipEveryRecordExactlyOnceThroughKillsAppendsAndABrokerRestart() throws Exception {
        long seed = Long.getLong("ctscope.test.seed", System.nanoTime());
        Random random = new Random(seed);
        Path queue = tmp.resolve("q");
        Path first = GeneratedCapture.write(tmp.resolve("a.txt"), 12_000, 7, "1795242000");
        Path second = GeneratedCapture.write(tmp.resolve("b.txt"), 12_000, 8, "1795250000");
        Path third = GeneratedCapture.write(tmp.resolve("c.txt"), 6_000, 9, "1795260000");
        assertEquals(0, CliRun.run("ingest", "--queue", queue.toString(), first.toString()).exitCode);
        CliRun created = CliRun.run("ship", "--queue", queue.toString(), "--kafka", KAFKA.bootstrap(), "--box", "fault",
            "--events", "--create-topics", "--once");
        assertEquals(0, created.exitCode, created.err);
        // that first run shipped everything: grow the journal so the kills below land mid-run
        assertEquals(0, CliRun.run("ingest", "--queue", queue.toString(), second.toString()).exitCode);

        long sent = sentEvents();
        for (int kill = 0; kill < 3; kill++) {
            Process ship = ship(queue, "kill" + kill);
            // kill once it has sent a random number of further records (committed or not)
            long target = sent + 300 + random.nextInt(2_500);
            awaitSent(target, ship);
            ship.destroyForcibly();
            assertTrue(ship.waitFor(30, TimeUnit.SECONDS));
            sent = sentEvents();
        }
        // appended while no shipper runs
        assertEquals(0, CliRun.run("ingest", "--queue", queue.toString(), third.toString()).exitCode);

        Process ship = ship(queue, "restart");
        long target = sent + 300 + random.nextInt(1_500);
        awaitSent(target, ship);
        KAFKA.stop();
        assertEquals(0, CliRun.run("ingest", "--queue", queue.toString(), SampleFiles.lab("events-timestamp-extended-id.txt")).exitCode);
        KAFKA.start();
        Map<Long, Integer> journal = ShippedEvents.journalIndexes(queue);
        long last = ((TreeMap<Long, Integer>) journal).lastKey();
        while (lastShippedIndex() < last && ship.isAlive()) {
            Thread.sleep(200); // between two reads of the progress topic, not a synchronisation
        }
        assertTrue(ship.isAlive(), "the shipper survived the broker restart");
        CtscopeProcess.signalGroup(ship, "TERM");
        assertTrue(ship.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, ship.exitValue(), java.nio.file.Files.readString(tmp.resolve("restart.err")));

        Map<Long, Integer> shipped = ShippedEvents.countsByIndex(ShippedEvents.events(KAFKA.bootstrap(), "ctscope.events"), "fault");
        assertEquals(journal.size(), shipped.size(), "seed " + seed);
        assertEquals(journal, shipped, "seed " + seed);

        // the summaries' record ranges cover the journal once
        long records = 0;
        List<long[]> ranges = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : ShippedEvents.readCommitted(KAFKA.bootstrap(), "ctscope.summaries")) {
            BoxSummary s = SummaryCodec.decode(r.value());
            if (!s.isHeartbeat()) {
                records += s.records;
                ranges.add(new long[] {s.firstIndex, s.lastIndex});
            }
        }
        assertEquals(journal.size(), records, "seed " + seed);
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < ranges.size(); i++) {
            assertTrue(ranges.get(i)[0] > ranges.get(i - 1)[1], "summaries overlap, seed " + seed);
        }
    }

    private Process ship(Path queue, String name) throws Exception {
        return CtscopeProcess.builder("ship", "--queue", queue.toString(), "--kafka", KAFKA.bootstrap(), "--box", "fault",
                "--events", "--batch", "200", "--interval", "1")
            .redirectOutput(tmp.resolve(name + ".out").toFile()).redirectError(tmp.resolve(name + ".err").toFile()).start();
    }

    /** Returns once the events topic holds {@code target} records, committed or not, or {@code ship} died. */
    private static void awaitSent(long target, Process ship) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrap()))) {
            while (sentEvents(admin) < target && ship.isAlive()) {
                Thread.sleep(20); // between two offset requests, not a synchronisation
            }
        }
    }

    private static long sentEvents() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrap()))) {
            return sentEvents(admin);
        }
    }

    /** Records the events topic holds, committed or not (the log end offsets). */
    private static long sentEvents(Admin admin) throws Exception {
        {
            Map<TopicPartition, OffsetSpec> want = new HashMap<>();
            for (var p : admin.describeTopics(List.of("ctscope.events")).allTopicNames().get().get("ctscope.events").partitions()) {
                want.put(new TopicPartition("ctscope.events", p.partition()), OffsetSpec.latest());
            }
            long n = 0;
            for (var e : admin.listOffsets(want).all().get().values()) {
                n += e.offset();
            }
            return n;
        }
    }

    private static long lastShippedIndex() {
        Map<String, io.ctscope.fleet.ship.ShipProgress> all = io.ctscope.fleet.ship.ProgressReader.readAll(
            props(), "ctscope.progress", java.time.Duration.ofSeconds(30));
        io.ctscope.fleet.ship.ShipProgress p = all.get("fault");
        return p == null ? -1 : p.lastIndex();
    }

    private static java.util.Properties props() {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", KAFKA.bootstrap());
        return p;
    }
}
