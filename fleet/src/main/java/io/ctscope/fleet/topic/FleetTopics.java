package io.ctscope.fleet.topic;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fleet's topics under one prefix ({@code --topic-prefix}, default {@value #DEFAULT_PREFIX}):
 * {@code events} (every journal record, keyed by box and flow), {@code summaries} (per-interval deltas,
 * keyed by box) and {@code progress} (compacted: each box's last shipped journal index, keyed by box); and
 * {@code fleet} (compacted: the summaries folded per partition by {@code fleet-fold}; created by it, not by ship).
 */
public final class FleetTopics {
    public static final String DEFAULT_PREFIX = "ctscope.";
    public static final int DEFAULT_PARTITIONS = 6;
    private static final long TIMEOUT_S = 15;

    public final String events;
    public final String summaries;
    public final String progress;
    public final String folded;

    public FleetTopics(String prefix) {
        this.events = prefix + "events";
        this.summaries = prefix + "summaries";
        this.progress = prefix + "progress";
        this.folded = prefix + "fleet";
    }

    /**
     * Checks that the broker answers and that {@code needed} exist; with {@code create} creates those missing
     * ({@code partitions} each, progress compacted on one partition), else names the first one missing.
     *
     * @throws FleetException when the broker does not answer, or a topic is missing and not to be created
     */
    public void ensure(Admin admin, KafkaSettings settings, List<String> needed, boolean create, int partitions) {
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw unreachable(settings, "no answer within " + TIMEOUT_S + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(settings, "no answer within " + TIMEOUT_S + " s");
            }
            throw unreachable(settings, settings.scrub(String.valueOf(e.getCause().getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
        List<NewTopic> missing = new ArrayList<>();
        for (String name : needed) {
            if (!existing.contains(name)) {
                if (!create) {
                    throw new FleetException("topic " + name + " does not exist on " + settings.bootstrap()
                        + ": create it (README \"Kafka topics\") or pass --create-topics");
                }
                missing.add(name.equals(progress)
                    ? new NewTopic(name, 1, (short) -1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.SEGMENT_MS_CONFIG, "3600000"))
                    : new NewTopic(name, partitions, (short) -1));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new FleetException("cannot create the topics on " + settings.bootstrap() + ": "
                    + settings.scrub(String.valueOf(e.getCause().getMessage())));
            }
        } catch (TimeoutException e) {
            throw unreachable(settings, "no answer within " + TIMEOUT_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
    }

    public static KafkaUnreachableException unreachable(KafkaSettings settings, String why) {
        return new KafkaUnreachableException("cannot reach Kafka at " + settings.bootstrap() + " (" + why + ")");
    }
}
