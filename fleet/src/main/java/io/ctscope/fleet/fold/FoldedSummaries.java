package io.ctscope.fleet.fold;

import io.ctscope.fleet.merge.DirectSummaries;
import io.ctscope.fleet.merge.FleetSource;
import io.ctscope.fleet.merge.FleetView;
import io.ctscope.fleet.merge.PartitionScan;
import io.ctscope.fleet.merge.SummariesRead;
import io.ctscope.fleet.topic.FleetException;
import io.ctscope.fleet.topic.FleetTopics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The summaries through the fold: each partition's state as {@code fleet-fold} last published it, plus the
 * summaries after the offset that state covers, read here. The answer is the whole fleet's, as exact and
 * as current as a read from the start, whatever the fold's instances are doing (running, behind, killed);
 * the fold only makes it cheap. Without the fold's topic (or with one that does not match the summaries'
 * partitions) it reads the summaries from their start, unless the fold was required.
 */
public final class FoldedSummaries implements SummariesRead {
    private final FleetTopics topics;
    private final boolean required;
    private final String bootstrap;

    /** @param required the fold was asked for ({@code --source folded}): its absence is an error */
    public FoldedSummaries(FleetTopics topics, boolean required, String bootstrap) {
        this.topics = topics;
        this.required = required;
        this.bootstrap = bootstrap;
    }

    @Override
    public FleetSource read(KafkaConsumer<byte[], byte[]> consumer, Map<String, List<PartitionInfo>> existing, FleetView view,
                            long fromMicros, long toMicros) {
        int partitions = existing.get(topics.summaries).size();
        String missing = FoldTopic.mismatch(topics, existing, bootstrap);
        if (missing != null) {
            if (required) {
                throw new FleetException(missing);
            }
            return new DirectSummaries(topics.summaries, missing).read(consumer, existing, view, fromMicros, toMicros);
        }
        FoldRestore.Restored restored = FoldRestore.read(consumer, topics.folded,
            PartitionScan.partitions(existing.get(topics.folded)).stream().map(TopicPartition::partition).toList());
        Map<TopicPartition, Long> from = new HashMap<>();
        restored.folds().forEach((p, fold) -> from.put(new TopicPartition(topics.summaries, p), fold.nextOffset()));
        long[] tail = new long[1];
        PartitionScan.from(consumer, from, r -> {
            restored.folds().get(r.partition()).add(r);
            tail[0]++;
        });
        int folded = 0;
        long oldest = Long.MIN_VALUE;
        for (PartitionFold fold : restored.folds().values()) {
            fold.addTo(view, fromMicros, toMicros);
            if (fold.wasPublished()) {
                folded++;
                oldest = oldest == Long.MIN_VALUE ? fold.foldedAtMillis() : Math.min(oldest, fold.foldedAtMillis());
            }
        }
        return FleetSource.folded(topics.folded, partitions, folded, tail[0], oldest);
    }
}
