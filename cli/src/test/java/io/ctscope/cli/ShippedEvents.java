package io.ctscope.cli;

import io.ctscope.fleet.ship.EventKeys;
import io.ctscope.fleet.ship.ShipHeaders;
import io.ctscope.ingest.journal.JournalReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a topic holds for tests, read to its end with read_committed, and what a journal holds, by index. */
final class ShippedEvents {
    private ShippedEvents() {
    }

    record Event(String box, long index, int partition, byte[] key, byte[] value) {
    }

    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), Duration.ofSeconds(30)) < e.getValue())) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** The events topic's records: box from the key, index from the header. */
    static List<Event> events(String bootstrap, String topic) {
        List<Event> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(bootstrap, topic)) {
            Header h = r.headers().lastHeader(ShipHeaders.INDEX);
            out.add(new Event(EventKeys.box(r.key()), h == null ? -1 : ShipHeaders.index(h.value()), r.partition(), r.key(), r.value()));
        }
        return out;
    }

    /** How many times each journal index of {@code box} is in the topic. */
    static Map<Long, Integer> countsByIndex(List<Event> events, String box) {
        Map<Long, Integer> n = new TreeMap<>();
        for (Event e : events) {
            if (box.equals(e.box())) {
                n.merge(e.index(), 1, Integer::sum);
            }
        }
        return n;
    }

    /** Every index of the journal, each once (read with the journal's own reader). */
    static Map<Long, Integer> journalIndexes(Path queue) {
        Map<Long, Integer> n = new TreeMap<>();
        try (JournalReader reader = new JournalReader(queue)) {
            reader.replay(r -> n.merge(reader.index(), 1, Integer::sum));
        }
        return n;
    }

    /** Line number of each journal index, to compare with a shipped record's decoded line. */
    static Map<Long, Long> journalLines(Path queue) {
        Map<Long, Long> lines = new HashMap<>();
        try (JournalReader reader = new JournalReader(queue)) {
            reader.replay(r -> lines.put(reader.index(), r.line));
        }
        return lines;
    }
}
