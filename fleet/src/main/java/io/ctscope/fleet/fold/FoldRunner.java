package io.ctscope.fleet.fold;

import io.ctscope.fleet.merge.FleetReader;
import io.ctscope.fleet.topic.FleetException;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;
import io.ctscope.fleet.topic.Services;
import io.ctscope.ingest.io.Printable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * One instance of the fold: a member of consumer group {@code --group} over the summaries. Each instance
 * owns whole partitions (so whole boxes: summaries are keyed by box), folds their deltas per box and time
 * bucket ({@link PartitionFold}) and every {@code --interval}, and whenever it gives a partition up, publishes
 * what changed to the fold's topic, same partition, together with the summaries offsets it consumed, in one
 * transaction ({@code sendOffsetsToTransaction} with the group's metadata: an instance the group has moved
 * on from is fenced, KIP-447). On taking a partition it waits until the group's committed offset for it is
 * stable (no transaction of the previous owner pending), restores its state from the fold's topic and goes
 * on from the offset that state covers, so a killed instance's partitions are taken over with nothing
 * counted twice and nothing missed.
 */
public final class FoldRunner {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long RESTORE_WAIT_MS = 30_000;

    private final KafkaSettings settings;
    private final FleetTopics topics;
    private final String group;
    private final boolean createTopics;
    private final long intervalMillis;
    private final PrintWriter err;
    private final Clock clock;
    private final String instance;
    private final Map<Integer, PartitionFold> owned = new TreeMap<>();
    private volatile boolean stopping;
    private boolean failed;
    private long folded;
    private long transactions;

    public FoldRunner(KafkaSettings settings, FleetTopics topics, String group, boolean createTopics, int intervalSeconds,
                      PrintWriter err, Clock clock) {
        this.settings = settings;
        this.topics = topics;
        this.group = group;
        this.createTopics = createTopics;
        this.intervalMillis = intervalSeconds * 1000L;
        this.err = err;
        this.clock = clock;
        this.instance = Services.hostName() + "-" + ProcessHandle.current().pid();
    }

    /** Asks the running fold to publish what it holds, leave the group and return. */
    public void stop() {
        stopping = true;
    }

    public long folded() {
        return folded;
    }

    /**
     * Runs until stopped.
     *
     * @throws FleetException for what an operator must fix: no broker at the start, a missing topic, refused credentials
     */
    public void run() {
        checkTopics();
        long backoff = 250;
        boolean down = false;
        while (!stopping) {
            try {
                session();
                return;
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                throw new FleetException("another fleet-fold took over transactional id " + transactionalId() + "; stopping");
            } catch (AuthorizationException e) {
                throw new FleetException("Kafka at " + settings.bootstrap() + " refused: " + settings.scrub(e.getMessage()));
            } catch (AuthenticationException e) {
                throw new FleetException("Kafka at " + settings.bootstrap() + ": authentication failed: " + settings.scrub(e.getMessage()));
            } catch (KafkaException e) {
                owned.clear();
                if (!down) {
                    say("Kafka at " + settings.bootstrap() + " failed (" + settings.scrub(Services.firstLine(e))
                        + "): retrying; the fold restarts from its published state");
                    down = true;
                }
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private String transactionalId() {
        return "ctscope-fold-" + group + "-" + instance;
    }

    /** The summaries must exist; the fold's topic must match them, or is created when asked. */
    private void checkTopics() {
        Map<String, List<PartitionInfo>> existing;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(FleetReader.readerProperties(settings),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            existing = c.listTopics(TIMEOUT);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw FleetTopics.unreachable(settings, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (KafkaException e) {
            throw FleetTopics.unreachable(settings, settings.scrub(Services.firstLine(e)));
        }
        if (!existing.containsKey(topics.summaries)) {
            throw new FleetException("topic " + topics.summaries + " does not exist on " + settings.bootstrap()
                + " (no box has shipped under this --topic-prefix)");
        }
        if (!existing.containsKey(topics.folded)) {
            if (!createTopics) {
                throw new FleetException("topic " + topics.folded + " does not exist on " + settings.bootstrap()
                    + ": create it (README \"Kafka topics\") or pass --create-topics");
            }
            try (Admin admin = Admin.create(settings.with(Map.of("request.timeout.ms", 10_000, "default.api.timeout.ms", 15_000)))) {
                FoldTopic.create(admin, topics, existing.get(topics.summaries).size(), settings);
            }
            return;
        }
        String mismatch = FoldTopic.mismatch(topics, existing, settings.bootstrap());
        if (mismatch != null) {
            throw new FleetException(mismatch);
        }
    }

    private void session() {
        failed = false;
        Properties producerProps = settings.with(Map.of(
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000,
            ProducerConfig.LINGER_MS_CONFIG, 5));
        Properties consumerProps = settings.with(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000,
            ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> restorer = new KafkaConsumer<>(FleetReader.readerProperties(settings),
                 new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            try {
                producer.initTransactions();
                consumer.subscribe(List.of(topics.summaries), new Rebalance(producer, consumer, restorer));
                loop(producer, consumer);
                publish(producer, consumer, new ArrayList<>(owned.keySet()));
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }
    }

    private void loop(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer) {
        long nextPublish = clock.millis() + intervalMillis;
        long foldedAtLine = 0;
        while (!stopping) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                PartitionFold fold = owned.get(r.partition());
                if (fold == null) {
                    continue;
                }
                String problem = fold.add(r);
                folded++;
                if (problem != null) {
                    say(problem + " (skipped; counted in the fleet report)");
                }
            }
            for (TopicPartition tp : records.partitions()) {
                owned.get(tp.partition()).advanceTo(consumer.position(tp));
            }
            if (clock.millis() >= nextPublish) {
                publish(producer, consumer, new ArrayList<>(owned.keySet()));
                nextPublish = clock.millis() + intervalMillis;
                if (folded != foldedAtLine) {
                    statusLine(consumer);
                    foldedAtLine = folded;
                }
            }
        }
    }

    /** Publishes the changed state of {@code partitions} with their consumed offsets, in one transaction. */
    private void publish(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer, Collection<Integer> partitions) {
        long now = clock.millis();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        List<PartitionFold> changed = new ArrayList<>();
        for (int p : partitions) {
            PartitionFold fold = owned.get(p);
            if (fold != null && fold.changed()) {
                records.addAll(fold.changes(topics.folded, now, instance));
                offsets.put(new TopicPartition(topics.summaries, p), new OffsetAndMetadata(fold.nextOffset()));
                changed.add(fold);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        producer.beginTransaction();
        for (ProducerRecord<byte[], byte[]> r : records) {
            producer.send(r);
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        transactions++;
        for (PartitionFold fold : changed) {
            fold.published(now);
        }
    }

    /** Restores what it is given, publishes what it gives up (unless the session failed: then nothing is trusted). */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaProducer<byte[], byte[]> producer;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaConsumer<byte[], byte[]> restorer;

        Rebalance(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer, KafkaConsumer<byte[], byte[]> restorer) {
            this.producer = producer;
            this.consumer = consumer;
            this.restorer = restorer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!failed) {
                publish(producer, consumer, numbers(partitions));
            }
            numbers(partitions).forEach(owned::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            numbers(partitions).forEach(owned::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            // a stable committed offset: no transaction of a previous owner is still pending on these partitions
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), TIMEOUT);
            long deadline = clock.millis() + RESTORE_WAIT_MS;
            FoldRestore.Restored restored;
            while (true) {
                restored = FoldRestore.read(restorer, topics.folded, numbers(partitions));
                String behind = behind(restored, committed);
                if (behind == null) {
                    break;
                }
                if (clock.millis() > deadline) {
                    throw new KafkaException(behind);
                }
                pause(200);
            }
            restored.restarted().forEach(line -> say(line));
            for (TopicPartition tp : partitions) {
                PartitionFold fold = restored.folds().get(tp.partition());
                if (!fold.wasPublished()) {
                    fold.touch();
                }
                consumer.seek(tp, fold.nextOffset());
                owned.put(tp.partition(), fold);
            }
            statusLine(consumer);
        }
    }

    /** Which partition's published state is older than its committed offset (its markers still on the way), or null. */
    private String behind(FoldRestore.Restored restored, Map<TopicPartition, OffsetAndMetadata> committed) {
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            PartitionFold fold = restored.folds().get(e.getKey().partition());
            // never published (a new or recreated fold topic): folded from the start, whatever the group committed
            if (e.getValue() != null && fold.wasPublished() && fold.nextOffset() < e.getValue().offset()) {
                return topics.folded + " partition " + fold.partition + " holds the fold up to offset " + fold.nextOffset()
                    + " but the group committed " + e.getValue().offset();
            }
        }
        return null;
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        List<Integer> out = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            out.add(tp.partition());
        }
        return out;
    }

    private void statusLine(KafkaConsumer<byte[], byte[]> consumer) {
        long behind = 0;
        int boxes = 0;
        Set<Integer> parts = owned.keySet();
        for (int p : parts) {
            behind += consumer.currentLag(new TopicPartition(topics.summaries, p)).orElse(0);
            boxes += owned.get(p).boxes();
        }
        say("group " + group + ": folding partitions " + parts + " of " + topics.summaries + " (" + boxes + " boxes), "
            + folded + " summaries folded, " + transactions + " transactions, " + behind + " behind");
    }

    private void say(String line) {
        err.println("ctscope fleet-fold: " + Printable.of(line));
        err.flush();
    }

    private void pause(long ms) {
        if (!Services.pause(ms)) {
            stopping = true;
        }
    }
}
