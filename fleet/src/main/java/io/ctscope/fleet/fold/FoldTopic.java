package io.ctscope.fleet.fold;

import io.ctscope.fleet.topic.FleetException;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

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

    /** Creates the fold's topic with {@code partitions} partitions, compacted. */
    static void create(Admin admin, String topic, int partitions, KafkaSettings settings) {
        NewTopic t = new NewTopic(topic, partitions, (short) -1).configs(Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.SEGMENT_MS_CONFIG, "3600000"));
        try {
            admin.createTopics(List.of(t)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new FleetException("cannot create " + topic + " on " + settings.bootstrap() + ": "
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
