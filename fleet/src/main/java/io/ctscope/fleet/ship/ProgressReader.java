package io.ctscope.fleet.ship;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the progress topic to its end with {@code read_committed}: the last committed progress of each box
 * (only what a committed transaction wrote: an aborted or open transaction's progress is never seen).
 */
public final class ProgressReader {
    private ProgressReader() {
    }

    /** Every box's last committed progress. */
    public static Map<String, ShipProgress> readAll(Properties client, String topic, Duration timeout) {
        Map<String, ShipProgress> last = new HashMap<>();
        read(client, topic, timeout, (key, value) -> {
            ShipProgress p = ShipProgress.decode(value);
            if (p != null && key != null) {
                last.put(new String(key, java.nio.charset.StandardCharsets.UTF_8), p);
            }
        });
        return last;
    }

    /** {@code box}'s last committed progress, or null when it never shipped. */
    static ShipProgress read(Properties client, String topic, String box, Duration timeout) {
        byte[] want = box.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ShipProgress[] last = new ShipProgress[1];
        read(client, topic, timeout, (key, value) -> {
            if (Arrays.equals(key, want)) {
                ShipProgress p = ShipProgress.decode(value);
                if (p != null) {
                    last[0] = p;
                }
            }
        });
        return last[0];
    }

    interface Visitor {
        void record(byte[] key, byte[] value);
    }

    /** Visits every committed record of {@code topic} from its start to its present end. */
    static void read(Properties client, String topic, Duration timeout, Visitor visitor) {
        Properties p = new Properties();
        p.putAll(client);
        p.remove("transactional.id");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                parts.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
            while (!atEnd(consumer, end, timeout)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    visitor.record(r.key(), r.value());
                }
            }
        }
    }

    private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end, Duration timeout) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
