package io.ctscope.cli;

import io.ctscope.fleet.fold.FoldRunner;
import io.ctscope.fleet.topic.KafkaSettings;
import io.ctscope.ingest.io.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(
    name = "fleet-fold",
    mixinStandardHelpOptions = true,
    description = {
        "Keep the fleet's summaries folded in Kafka, so the fleet report scales past one reader (a service).",
        "",
        "Run one or more instances under one --group: they share the summaries topic's partitions (a consumer"
            + " group; a box's summaries all sit on one partition), each folds its boxes' deltas per time bucket"
            + " and publishes the folded state to P+fleet (compacted, one partition per summaries partition)"
            + " every --interval, with the offsets it consumed, in one transaction. An instance that stops or"
            + " is killed has its partitions taken over by the others, which restore them from P+fleet and go"
            + " on from there: nothing counted twice, nothing missed. ctscope fleet then reads P+fleet and only"
            + " the summaries past it. fleet-fold creates P+fleet only with --create-topics. Ctrl-C or SIGTERM"
            + " publishes what it holds and leaves the group.",
        "",
    },
    footer = {
        "",
        "Examples:",
        "  ctscope fleet-fold --kafka kafka1:9092 --create-topics    # on host 1",
        "  ctscope fleet-fold --kafka kafka1:9092                    # on host 2",
        "  ctscope fleet --kafka kafka1:9092                         # on any host",
    })
final class FleetFoldCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--group", paramLabel = "NAME", defaultValue = "ctscope-fleet-fold",
        description = "The consumer group the instances share (default: ${DEFAULT-VALUE}); one group per fold.")
    String group;

    @Option(names = "--create-topics", description = "Create P+fleet when it does not exist (else fleet-fold stops and names it).")
    boolean createTopics;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
        description = "Publish the folded state every SECONDS (default: ${DEFAULT-VALUE}); a status line on stderr when something was folded.")
    int interval;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (interval < 1 || interval > 3600) {
            err.println("ctscope fleet-fold: --interval wants 1 to 3600 s, not " + interval);
            return 2;
        }
        if (!group.matches("[A-Za-z0-9._-]{1,100}")) {
            err.println("ctscope fleet-fold: --group wants 1 to 100 of A-Z a-z 0-9 . _ -, not " + Printable.of(group));
            return 2;
        }
        KafkaSettings settings = null;
        try {
            settings = kafka.settings();
            FoldRunner runner = new FoldRunner(settings, kafka.topics(), group, createTopics, interval, err, Clock.systemUTC());
            try (StopSignals.Reading reading = StopSignals.PROCESS.whileReading(runner::stop)) {
                runner.run();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("folded " + runner.folded() + " summaries in group " + group);
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            return FleetMessages.failed(err, "fleet-fold", settings, e);
        } finally {
            err.flush();
        }
    }
}
