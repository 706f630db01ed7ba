package io.ctscope.fleet.merge;

import io.ctscope.fleet.ship.EventKeys;
import io.ctscope.fleet.topic.FleetException;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;
import io.ctscope.ingest.journal.JournalDamageException;
import io.ctscope.ingest.journal.RecordCodec;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import net.openhft.chronicle.bytes.Bytes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the fleet's topics from their start to their present end with {@code read_committed} (only what
 * shippers committed) and folds them into a {@link FleetView}: every summary, and, when the events topic
 * exists, every record's flow key (for the flows seen on two boxes). Each partition is read by assignment,
 * not by a consumer group, so any number of {@code fleet} runs read the whole fleet side by side. The
 * summaries come raw ({@link DirectSummaries}) or through the state {@code fleet-fold} instances keep (a
 * {@link SummariesRead} of package {@code fold}). A record this build cannot read (another format version,
 * damaged) is skipped, counted and named once.
 */
public final class FleetReader {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final KafkaSettings settings;
    private final FleetTopics topics;

    public FleetReader(KafkaSettings settings, FleetTopics topics) {
        this.settings = settings;
        this.topics = topics;
    }

    /** The view from the raw summaries (and the events). */
    public FleetView read(long fromMicros, long toMicros, boolean withEvents) {
        return read(fromMicros, toMicros, withEvents, new DirectSummaries(topics.summaries, "asked for"));
    }

    /** Consumer properties of a reader that sees only committed transactions and commits nothing. */
    public static Properties readerProperties(KafkaSettings settings) {
        Properties p = settings.with(Map.of(
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
            ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return p;
    }

    /**
     * @param summaries how the summaries are read (raw, or from the fold's state)
     * @throws FleetException when the broker does not answer or the summaries topic does not exist
     */
    public FleetView read(long fromMicros, long toMicros, boolean withEvents, SummariesRead summaries) {
        FleetView view = new FleetView();
        Properties p = readerProperties(settings);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<String, List<PartitionInfo>> existing;
            try {
                existing = consumer.listTopics(TIMEOUT);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw FleetTopics.unreachable(settings, "no answer within " + TIMEOUT.toSeconds() + " s");
            }
            if (!existing.containsKey(topics.summaries)) {
                throw new FleetException("topic " + topics.summaries + " does not exist on " + settings.bootstrap()
                    + " (no box has shipped under this --topic-prefix)");
            }
            view.source(summaries.read(consumer, existing, view, fromMicros, toMicros));
            if (withEvents && existing.containsKey(topics.events)) {
                view.eventsTopicRead = true;
                RecordCodec codec = new RecordCodec();
                ConntrackRecord record = new ConntrackRecord();
                PartitionScan.fromStart(consumer, PartitionScan.partitions(existing.get(topics.events)), r -> {
                    String box = EventKeys.box(r.key());
                    try {
                        if (box == null) {
                            throw new JournalDamageException("key is not box and flow");
                        }
                        codec.decode(Bytes.wrapForRead(r.value()), record);
                    } catch (JournalDamageException | IllegalStateException e) {
                        if (view.eventsSkipped++ == 0) {
                            view.problems.add(PartitionScan.where(r) + ": " + e.getMessage());
                        }
                        return;
                    }
                    view.eventsRead++;
                    boolean timed = record.has(Field.TIMESTAMP);
                    boolean inWindow = timed ? record.timestampMicros >= fromMicros && record.timestampMicros < toMicros
                        : fromMicros == Long.MIN_VALUE && toMicros == Long.MAX_VALUE;
                    if (inWindow) {
                        view.seenFlow(EventKeys.flow(r.key()), box);
                    }
                });
            }
        } catch (KafkaException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new FleetException("Kafka at " + settings.bootstrap() + ": " + settings.scrub(m));
        }
        return view;
    }
}
