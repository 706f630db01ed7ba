package io.ctscope.fleet.merge;

import io.ctscope.fleet.summary.SummaryCodec;
import io.ctscope.fleet.summary.SummaryFormatException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;

import java.util.List;
import java.util.Map;

/** Every summary of the topic, from its start, folded into the view in each partition's order. */
public final class DirectSummaries implements SummariesRead {
    private final String topic;
    private final String reason;

    /** @param reason why the raw topic is read (said in the report's {@code source}) */
    public DirectSummaries(String topic, String reason) {
        this.topic = topic;
        this.reason = reason;
    }

    @Override
    public FleetSource read(KafkaConsumer<byte[], byte[]> consumer, Map<String, List<PartitionInfo>> existing, FleetView view,
                            long fromMicros, long toMicros) {
        List<PartitionInfo> partitions = existing.get(topic);
        PartitionScan.fromStart(consumer, PartitionScan.partitions(partitions), r -> {
            try {
                view.add(SummaryCodec.decode(r.value()), fromMicros, toMicros);
            } catch (SummaryFormatException e) {
                view.skippedSummaries(1, PartitionScan.where(r) + ": " + e.getMessage());
            }
        });
        return FleetSource.direct(topic, reason, partitions.size());
    }
}
