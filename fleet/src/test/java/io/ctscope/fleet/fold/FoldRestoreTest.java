package io.ctscope.fleet.fold;

import io.ctscope.fleet.summary.BoxSummary;
import io.ctscope.fleet.summary.SummaryCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a restore trusts: a partition's state only with the offset it covers, and only when every record reads. */
class FoldRestoreTest {
    private static final String TOPIC = "p.fleet";

    private static byte[] bucket(String box, long bucketMicros, long records) {
        BoxSummary s = new BoxSummary();
        s.box = box;
        s.bucketMicros = bucketMicros;
        s.records = records;
        s.firstIndex = 0;
        s.lastIndex = records - 1;
        return SummaryCodec.encode(s);
    }

    private static FoldRestore.Restored restore(List<ConsumerRecord<byte[], byte[]>> records, int partitions) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        Map<TopicPartition, Long> begin = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(TOPIC, p);
            begin.put(tp, 0L);
            int p0 = p;
            end.put(tp, records.stream().filter(r -> r.partition() == p0).count());
        }
        consumer.updateBeginningOffsets(begin);
        consumer.updateEndOffsets(end);
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
        return FoldRestore.read(consumer, TOPIC, IntStream.range(0, partitions).boxed().toList());
    }

    private static ConsumerRecord<byte[], byte[]> at(int partition, long offset, byte[] key, byte[] value) {
        return new ConsumerRecord<>(TOPIC, partition, offset, key, value);
    }

    @Test
    void shouldStartOverAPartitionWhoseOffsetRecordIsGoneOrUnreadable() {
        byte[] progress = FoldRecords.progress(new FoldRecords.Progress(17, 0, null, 5, "i"));
        byte[] newer = progress.clone();
        newer[0] = 2;
        FoldRestore.Restored r = restore(List.of(
            at(0, 0, FoldRecords.bucketKey("a", 10), bucket("a", 10, 3)),
            at(0, 1, FoldRecords.progressKey(0), progress),
            at(1, 0, FoldRecords.bucketKey("b", 10), bucket("b", 10, 4)),
            at(2, 0, FoldRecords.bucketKey("c", 10), bucket("c", 10, 5)),
            at(2, 1, FoldRecords.progressKey(2), newer)), 3);
        PartitionFold kept = r.folds().get(0);
        assertTrue(kept.wasPublished());
        assertEquals(17, kept.nextOffset());
        assertEquals(1, kept.boxes());
        for (int p : new int[] {1, 2}) {
            PartitionFold over = r.folds().get(p);
            assertFalse(over.wasPublished(), "partition " + p);
            assertEquals(0, over.nextOffset(), "partition " + p + " is folded again from the summaries' start");
            assertEquals(0, over.boxes(), "partition " + p + " keeps nothing it cannot continue");
        }
        assertEquals(List.of("p.fleet partition 2 offset 1: progress record version 2: this build reads version 1"
            + " (a newer ctscope folded it): partition 2 is folded again from the summaries"), r.restarted());
    }
}
