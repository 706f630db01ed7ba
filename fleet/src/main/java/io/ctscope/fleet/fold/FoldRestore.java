package io.ctscope.fleet.fold;

import io.ctscope.fleet.merge.PartitionScan;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds partitions' folded state from the fold's topic (compacted: the last record of each key is the
 * state), read by assignment to its last stable offset. A partition with a record this build cannot read,
 * or without the record naming the offset its state covers, starts over empty, so it is folded again from
 * the summaries' start: slower, never wrong.
 */
final class FoldRestore {
    private FoldRestore() {
    }

    /** The restored states, by partition, and a line for each partition that had to start over. */
    record Restored(Map<Integer, PartitionFold> folds, List<String> restarted) {
    }

    static Restored read(Consumer<byte[], byte[]> consumer, String foldTopic, Collection<Integer> partitions) {
        Map<Integer, PartitionFold> folds = new TreeMap<>();
        List<TopicPartition> parts = new ArrayList<>();
        for (int p : partitions) {
            folds.put(p, new PartitionFold(p));
            parts.add(new TopicPartition(foldTopic, p));
        }
        Set<Integer> broken = new HashSet<>();
        List<String> restarted = new ArrayList<>();
        PartitionScan.fromStart(consumer, parts, r -> {
            if (broken.contains(r.partition())) {
                return;
            }
            try {
                folds.get(r.partition()).restore(r);
            } catch (FoldFormatException e) {
                broken.add(r.partition());
                restarted.add(e.getMessage() + ": partition " + r.partition() + " is folded again from the summaries");
            }
        });
        for (int p : broken) {
            folds.put(p, new PartitionFold(p));
        }
        // a state without the offset it covers (its progress record expired) cannot be continued: start over
        folds.replaceAll((p, fold) -> fold.wasPublished() ? fold : new PartitionFold(p));
        consumer.unsubscribe();
        return new Restored(folds, restarted);
    }
}
