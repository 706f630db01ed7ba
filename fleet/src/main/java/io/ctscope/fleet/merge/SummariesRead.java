package io.ctscope.fleet.merge;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;

import java.util.List;
import java.util.Map;

/**
 * How {@link FleetReader} gets the boxes' summaries into a view: {@link DirectSummaries} folds the raw topic
 * from its start; the fold's reader (package {@code fold}) starts from the state {@code fleet-fold} published.
 */
public interface SummariesRead {
    /**
     * Adds every box's summaries in [{@code fromMicros}, {@code toMicros}) to {@code view}.
     *
     * @param existing the broker's topics and their partitions (the summaries topic is among them)
     * @return where they came from
     */
    FleetSource read(KafkaConsumer<byte[], byte[]> consumer, Map<String, List<PartitionInfo>> existing, FleetView view,
                     long fromMicros, long toMicros);
}
