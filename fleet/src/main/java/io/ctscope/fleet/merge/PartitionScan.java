package io.ctscope.fleet.merge;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads partitions by assignment from where the caller says (or their start) to their end as it is when the
 * scan begins: with {@code read_committed}, the last stable offset, so an open transaction ends the scan
 * before its records and nothing uncommitted is seen.
 */
public final class PartitionScan {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private PartitionScan() {
    }

    /** What to do with each record read. */
    public interface Visitor {
        void record(ConsumerRecord<byte[], byte[]> r);
    }

    /** {@code TOPIC partition N offset O}, where a record came from. */
    public static String where(ConsumerRecord<?, ?> r) {
        return r.topic() + " partition " + r.partition() + " offset " + r.offset();
    }

    public static List<TopicPartition> partitions(List<PartitionInfo> infos) {
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo info : infos) {
            parts.add(new TopicPartition(info.topic(), info.partition()));
        }
        parts.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return parts;
    }

    /** Every record of {@code parts} from their start. */
    public static void fromStart(Consumer<byte[], byte[]> consumer, List<TopicPartition> parts, Visitor visitor) {
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        toEnd(consumer, parts, visitor);
    }

    /** Every record of the partitions from the offsets given (past a partition's start: from its start). */
    public static void from(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> offsets, Visitor visitor) {
        List<TopicPartition> parts = new ArrayList<>(offsets.keySet());
        consumer.assign(parts);
        Map<TopicPartition, Long> start = consumer.beginningOffsets(parts, TIMEOUT);
        offsets.forEach((tp, offset) -> consumer.seek(tp, Math.max(offset, start.get(tp))));
        toEnd(consumer, parts, visitor);
    }

    private static void toEnd(Consumer<byte[], byte[]> consumer, List<TopicPartition> parts, Visitor visitor) {
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, TIMEOUT);
        while (true) {
            boolean done = true;
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                if (consumer.position(e.getKey(), TIMEOUT) < e.getValue()) {
                    done = false;
                    break;
                }
            }
            if (done) {
                return;
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                visitor.record(r);
            }
        }
    }
}
