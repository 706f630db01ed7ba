package io.ctscope.fleet.fold;

import io.ctscope.fleet.topic.FleetException;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fold's topic, {@code P+fleet}: compacted, with as many partitions as the summaries (partition p holds
 * the fold of summaries partition p, so an instance that owns p restores p alone).
 */
final class FoldTopic {
    private static final long TIMEOUT_S = 15;

    private FoldTopic() {
    }

    /** Why the fold's topic cannot serve (missing, or partitioned unlike the summaries), or null when it can. */
    static String mismatch(FleetTopics topics, Map<String, List<PartitionInfo>> existing, String bootstrap) {
        List<PartitionInfo> folded = existing.get(topics.folded);
        if (folded == null) {
            return "topic " + topics.folded + " does not exist on " + bootstrap + " (no fleet-fold has run under this --topic-prefix)";
        }
        int summaries = existing.get(topics.summaries).size();
        if (folded.size() != summaries) {
            return "topic " + topics.folded + " has " + folded.size() + " partitions and " + topics.summaries + " " + summaries
                + ": they must match (delete " + topics.folded + " and let fleet-fold --create-topics make it again)";
        }
        return null;
    }

    /**
     * Creates the fold's topic with {@code partitions} partitions, compacted; when the summaries expire, it
     * expires with them ({@code compact,delete}, their {@code retention.ms}), so the fold forgets what they forget.
     */
    static void create(Admin admin, FleetTopics topics, int partitions, KafkaSettings settings) {
        try {
            ConfigResource summaries = new ConfigResource(ConfigResource.Type.TOPIC, topics.summaries);
            Config config = admin.describeConfigs(List.of(summaries)).all().get(TIMEOUT_S, TimeUnit.SECONDS).get(summaries);
            ConfigEntry retention = config == null ? null : config.get(TopicConfig.RETENTION_MS_CONFIG);
            Map<String, String> configs = new HashMap<>(Map.of(TopicConfig.SEGMENT_MS_CONFIG, "3600000",
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            if (retention != null && retention.value() != null && !retention.value().equals("-1")) {
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE);
                configs.put(TopicConfig.RETENTION_MS_CONFIG, retention.value());
            }
            admin.createTopics(List.of(new NewTopic(topics.folded, partitions, (short) -1).configs(configs)))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new FleetException("cannot create " + topics.folded + " on " + settings.bootstrap() + ": "
                    + settings.scrub(String.valueOf(e.getCause().getMessage())));
            }
        } catch (TimeoutException e) {
            throw FleetTopics.unreachable(settings, "no answer within " + TIMEOUT_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
    }
}
