package io.ctscope.cli;

import io.ctscope.fleet.ship.ShipHeaders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to ship and fleet: one clear line each, no stack trace, nothing half-written, no secret shown. */
class FleetBadInputTest {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path tmp;

    private Path journal(String name, String sample) {
        Path q = tmp.resolve(name);
        CliRun ingest = CliRun.run("ingest", "--queue", q.toString(), SampleFiles.lab(sample));
        assertEquals(0, ingest.exitCode, ingest.err);
        return q;
    }

    /** A loopback port nobody listens on. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void shouldSayInOneLineThatTheBrokerIsUnreachable() throws Exception {
        Path q = journal("q", "events-timestamp.txt");
        String kafka = "127.0.0.1:" + closedPort();
        Process ship = CtscopeProcess.builder("ship", "--queue", q.toString(), "--kafka", kafka, "--box", "a", "--once")
            .redirectOutput(tmp.resolve("ship.out").toFile()).redirectError(tmp.resolve("ship.err").toFile()).start();
        Process fleet = CtscopeProcess.builder("fleet", "--kafka", kafka)
            .redirectOutput(tmp.resolve("fleet.out").toFile()).redirectError(tmp.resolve("fleet.err").toFile()).start();
        assertTrue(ship.waitFor(120, TimeUnit.SECONDS) && fleet.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, ship.exitValue());
        assertEquals(1, fleet.exitValue());
        assertEquals("ctscope ship: cannot reach Kafka at " + kafka + " (no answer within 15 s)\n",
            Files.readString(tmp.resolve("ship.err")));
        assertEquals("ctscope fleet: cannot reach Kafka at " + kafka + " (no answer within 15 s)\n",
            Files.readString(tmp.resolve("fleet.err")));
        assertEquals("", Files.readString(tmp.resolve("fleet.out")));
    }

    @Test
    void shouldNameAMissingTopicToTheFleet() {
        CliRun run = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--topic-prefix", "nobody.");
        assertEquals(1, run.exitCode);
        assertEquals("ctscope fleet: topic nobody.summaries does not exist on " + KAFKA.bootstrap()
            + " (no box has shipped under this --topic-prefix)\n", run.err);
    }

    @Test
    void shouldSkipAndNameARecordOfAnUnknownLayoutVersion() throws Exception {
        Path q = journal("q", "events-timestamp-extended-id.txt");
        CliRun ship = CliRun.run("ship", "--queue", q.toString(), "--kafka", KAFKA.bootstrap(), "--box", "v",
            "--topic-prefix", "v.", "--events", "--create-topics", "--once");
        assertEquals(0, ship.exitCode, ship.err);
        long shipped = ShippedEvents.events(KAFKA.bootstrap(), "v.events").size();
        // what a newer ctscope (layout version 3) would send
        byte[] key = ShippedEvents.events(KAFKA.bootstrap(), "v.events").get(0).key();
        byte[] value = new byte[40];
        Arrays.fill(value, (byte) 7);
        value[0] = 3;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrap()),
            new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>("v.events", 0, key, value);
            r.headers().add(ShipHeaders.INDEX, new byte[8]);
            p.send(r).get();
        }
        CliRun fleet = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--topic-prefix", "v.", "--format", "json");
        assertEquals(0, fleet.exitCode, fleet.err);
        assertTrue(fleet.out.contains("\"events\": 1,"), fleet.out);
        assertTrue(fleet.out.contains("v.events partition 0 offset "), fleet.out);
        assertTrue(fleet.out.contains(": journal record format version 3: this build reads versions 1 to 2 (a newer ctscope wrote it)"),
            fleet.out);
        CliRun text = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--topic-prefix", "v.");
        assertTrue(text.out.contains("\nSKIPPED  v.events partition 0 offset "), text.out);
        assertEquals(shipped + 1, ShippedEvents.events(KAFKA.bootstrap(), "v.events").size());
    }

    @Test
    void shouldRefuseABoxNameReusedByASecondJournal() throws Exception {
        Path first = journal("first", "events-timestamp-extended-id.txt");
        Path second = journal("second", "events-timestamp.txt");
        CliRun a = CliRun.run("ship", "--queue", first.toString(), "--kafka", KAFKA.bootstrap(), "--box", "dup",
            "--topic-prefix", "d.", "--events", "--create-topics", "--once");
        assertEquals(0, a.exitCode, a.err);
        int shipped = ShippedEvents.events(KAFKA.bootstrap(), "d.events").size();
        CliRun b = CliRun.run("ship", "--queue", second.toString(), "--kafka", KAFKA.bootstrap(), "--box", "dup",
            "--topic-prefix", "d.", "--events", "--once");
        assertEquals(1, b.exitCode);
        String id = Files.readString(first.resolve("ship-identity")).trim();
        assertEquals("ctscope ship: box dup is already shipped from another journal (host "
            + InetAddress.getLocalHost().getHostName() + ", journal " + id
            + "): a box name belongs to one machine; pick another --box\n", b.err);
        assertEquals(shipped, ShippedEvents.events(KAFKA.bootstrap(), "d.events").size(), "nothing of the second journal");
    }

    @Test
    void shouldNeverPrintASecretOfTheKafkaConfig() throws Exception {
        Path q = journal("q", "events-timestamp.txt");
        Path config = tmp.resolve("client.properties");
        String secret = "s3cr3t-Pa55-" + System.nanoTime();
        Files.writeString(config, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
            + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\""
            + secret + "\"\nssl.truststore.password=" + secret + "\n", StandardCharsets.UTF_8);
        Process ship = CtscopeProcess.builder("ship", "--queue", q.toString(), "--kafka", KAFKA.bootstrap(), "--box", "s",
                "--kafka-config", config.toString(), "--once", "--create-topics", "--topic-prefix", "s.")
            .redirectOutput(tmp.resolve("ship.out").toFile()).redirectError(tmp.resolve("ship.err").toFile()).start();
        assertTrue(ship.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(tmp.resolve("ship.err"));
        assertEquals(1, ship.exitValue(), err);
        assertFalse(err.contains(secret), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("ctscope ship: "), err);
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrap()))) {
            assertFalse(admin.listTopics().names().get().stream().anyMatch(n -> n.startsWith("s.")));
        }
        CliRun missing = CliRun.run("ship", "--queue", q.toString(), "--kafka", KAFKA.bootstrap(), "--box", "s",
            "--kafka-config", tmp.resolve("nope.properties").toString(), "--once");
        assertEquals(1, missing.exitCode);
        assertEquals("ctscope ship: " + tmp.resolve("nope.properties") + ": cannot read the Kafka client properties (no such file)\n",
            missing.err);
    }
}
