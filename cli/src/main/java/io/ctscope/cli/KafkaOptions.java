package io.ctscope.cli;

import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where the fleet's Kafka is and how to talk to it: the options ship, fleet and live share (ship and fleet as
 * a mixin; live as an optional group, so --kafka is needed only when one of them is given).
 */
final class KafkaOptions {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (HOST:PORT[,HOST:PORT...]).")
    String kafka;

    @Option(names = "--topic-prefix", paramLabel = "P", defaultValue = FleetTopics.DEFAULT_PREFIX,
        description = "Topic names: P+events, P+summaries, P+progress, P+fleet (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "Kafka client properties (TLS, SASL, client.id ...); secrets in it are never printed.")
    Path kafkaConfig;

    /** @throws io.ctscope.fleet.topic.FleetException when the config file cannot be read */
    KafkaSettings settings() {
        return KafkaSettings.of(kafka, kafkaConfig);
    }

    FleetTopics topics() {
        return new FleetTopics(topicPrefix);
    }
}
