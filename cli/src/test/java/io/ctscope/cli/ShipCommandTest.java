package io.ctscope.cli;

import io.ctscope.ingest.journal.RecordCodec;
import io.ctscope.ingest.record.ConntrackRecord;
import net.openhft.chronicle.bytes.Bytes;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShipCommandTest {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path tmp;

    @Test
    void shouldShipEveryJournalRecordOnceAndResumeAfterTheLastShippedIndex() throws Exception {
        Path queue = tmp.resolve("q");
        assertEquals(0, CliRun.run("ingest", "--queue", queue.toString(), SampleFiles.lab("events-timestamp-extended-id.txt")).exitCode);
        CliRun first = CliRun.run("ship", "--queue", queue.toString(), "--kafka", KAFKA.bootstrap(), "--box", "nat-a",
            "--topic-prefix", "t1.", "--events", "--create-topics", "--once");
        assertEquals(0, first.exitCode, first.err);
        Map<Long, Integer> journal = ShippedEvents.journalIndexes(queue);
        assertTrue(first.err.startsWith("ship nat-a: " + journal.size() + " records shipped (last index "), first.err);
        assertTrue(first.err.contains("lag 0 records / 0.0 s behind the journal end"), first.err);
        assertEquals(journal, ShippedEvents.countsByIndex(ShippedEvents.events(KAFKA.bootstrap(), "t1.events"), "nat-a"));

        assertEquals(0, CliRun.run("ingest", "--queue", queue.toString(), SampleFiles.lab("events-extended-id.txt")).exitCode);
        CliRun second = CliRun.run("ship", "--queue", queue.toString(), "--kafka", KAFKA.bootstrap(), "--box", "nat-a",
            "--topic-prefix", "t1.", "--events", "--once");
        assertEquals(0, second.exitCode, second.err);
        Map<Long, Integer> grown = ShippedEvents.journalIndexes(queue);
        assertTrue(grown.size() > journal.size());
        List<ShippedEvents.Event> events = ShippedEvents.events(KAFKA.bootstrap(), "t1.events");
        assertEquals(grown, ShippedEvents.countsByIndex(events, "nat-a"));

        // the value is the journal's record: it decodes to the record journaled at that index
        Map<Long, Long> lines = ShippedEvents.journalLines(queue);
        RecordCodec codec = new RecordCodec();
        ConntrackRecord r = new ConntrackRecord();
        for (ShippedEvents.Event e : events) {
            codec.decode(Bytes.wrapForRead(e.value()), r);
            assertEquals(lines.get(e.index()), r.line, "line of index " + e.index());
        }
    }

    @Test
    void shouldCreateNoTopicWithoutCreateTopics() throws Exception {
        Path queue = tmp.resolve("q");
        assertEquals(0, CliRun.run("ingest", "--queue", queue.toString(), SampleFiles.lab("events-timestamp.txt")).exitCode);
        CliRun run = CliRun.run("ship", "--queue", queue.toString(), "--kafka", KAFKA.bootstrap(), "--box", "nat-b",
            "--topic-prefix", "missing.", "--events", "--once");
        assertEquals(1, run.exitCode);
        assertEquals("ctscope ship: topic missing.events does not exist on " + KAFKA.bootstrap()
            + ": create it (README \"Kafka topics\") or pass --create-topics\n", run.err);
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrap()))) {
            Set<String> names = admin.listTopics().names().get();
            assertFalse(names.stream().anyMatch(n -> n.startsWith("missing.")), names.toString());
        }
    }
}
