package io.ctscope.cli;

import io.ctscope.fleet.ship.ShipOptions;
import io.ctscope.fleet.ship.Shipper;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;
import io.ctscope.ingest.io.Printable;
import io.ctscope.ingest.journal.SourceRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(
    name = "ship",
    mixinStandardHelpOptions = true,
    description = {
        "Ship a box's journal to Kafka, exactly once, and follow it.",
        "",
        "Every transaction carries the box's next records (with --events), the summaries of those records"
            + " (counts per protocol and state, table entries, top sources, flow lifetimes, NAT pressure, per"
            + " --interval of event time; with --set, the box's what-if under the proposed timeouts, as ctscope whatif"
            + " --queue projects it) and the box's last shipped journal index, all or nothing. A restarted"
            + " ship resumes after that index, so a killed shipper, a broker restart or a network cut loses and"
            + " duplicates nothing: the journal keeps every record until Kafka has it. One box name per machine."
            + " ship creates no topic unless --create-topics. Every --interval it prints the records shipped"
            + " and the lag on stderr. Ctrl-C or SIGTERM finishes the transaction at hand and exits.",
        "",
    },
    footer = {
        "",
        "Examples:",
        "  ctscope ingest --queue q events.txt",
        "  ctscope ship --queue q --kafka kafka1:9092 --box a --create-topics --once",
        "  ctscope ship --queue q --kafka kafka1:9092 --box a --once \\",
        "      --set tcp_timeout_established=3600",
        "  ctscope fleet --kafka kafka1:9092",
    })
final class ShipCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--queue", required = true, paramLabel = "DIR", description = "The box's journal (ctscope ingest/live --queue).")
    Path queue;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ShipChoices choices;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "10",
        description = "Summary bucket (event time), heartbeat, interval line and what-if refresh (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "5000", description = "Most records per transaction (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--once", description = "Ship what the journal holds now, then exit (cron, tests).")
    boolean once;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String problem = choices.problem();
        if (problem != null) {
            err.println("ctscope ship: " + problem);
            return 2;
        }
        if (interval < 1 || interval > 86_400 || batch < 1) {
            err.println("ctscope ship: --interval wants 1 to 86400 s, --batch at least 1");
            return 2;
        }
        if (!Files.isDirectory(queue) || !Files.exists(queue.resolve(SourceRegistry.FILE_NAME))) {
            err.println("ctscope ship: " + Printable.of(queue.toString()) + ": not a ctscope journal (no "
                + SourceRegistry.FILE_NAME + ")");
            return 1;
        }
        KafkaSettings settings = null;
        try {
            settings = kafka.settings();
            ShipOptions options = new ShipOptions(queue, choices.box, kafka.topics(), choices.events, interval, batch, once,
                choices.createTopics, choices.partitions, settings, ShipCommand::conntrackMax, choices.proposal());
            Shipper shipper = new Shipper(options, err, Clock.systemUTC());
            try (StopSignals.Reading reading = StopSignals.PROCESS.whileReading(shipper::stop)) {
                shipper.run();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("shipped " + shipper.shipped() + " records of box " + choices.box + " to " + Printable.of(kafka.kafka)
                + " (last index " + shipper.lastShippedIndex() + ")");
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            return FleetMessages.failed(err, "ship", settings, e);
        } finally {
            err.flush();
        }
    }

    /** This box's {@code nf_conntrack_max} (the host's: ship runs on the box), 0 when it cannot be read. */
    static long conntrackMax() {
        try {
            return Long.parseLong(io.ctscope.ingest.io.ProcFiles.read(Path.of("/proc/sys/net/netfilter/nf_conntrack_max")).trim());
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }
}
