package io.ctscope.cli;

import io.ctscope.analysis.report.JsonRenderer;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.TextWidth;
import io.ctscope.fleet.merge.FleetHtml;
import io.ctscope.fleet.fold.FoldedSummaries;
import io.ctscope.fleet.merge.DirectSummaries;
import io.ctscope.fleet.merge.FleetReader;
import io.ctscope.fleet.merge.FleetReport;
import io.ctscope.fleet.merge.FleetText;
import io.ctscope.fleet.merge.FleetView;
import io.ctscope.fleet.merge.SummariesRead;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;
import io.ctscope.ingest.io.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    description = {
        "The fleet report, merged from what every box shipped to Kafka (ctscope ship).",
        "",
        "One row per box (records, events, table entries now and at peak, lag, last seen), the fleet's sums"
            + " (which equal the sum of each box's own report), the top sources over all boxes from merged"
            + " sketches with their bounds, the boxes that stopped reporting, and the flows seen on two or more"
            + " boxes (failover, ECMP; needs ship --events), and where the timeouts proposed with ship --set help"
            + " most (each box's own what-if: a flow table does not merge). Reads only committed transactions, by partition"
            + " assignment: any number of fleet runs can read side by side. When fleet-fold instances keep the"
            + " summaries folded (P+fleet), fleet reads their state and only the summaries past it: the same"
            + " report, from any host, without reading every summary ever shipped (see --source).",
        "",
    },
    footer = {
        "",
        "Examples:",
        "  ctscope fleet --kafka kafka1:9092",
        "  ctscope fleet --kafka kafka1:9092 --from '2026-11-21 06:00' --format json",
        "  ctscope fleet --kafka kafka1:9092 --format csv > boxes.csv",
        "  ctscope fleet --kafka kafka1:9092 --format html > fleet.html",
    })
final class FleetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;


    @Option(names = "--from", paramLabel = "TIME", description = "Only time buckets from TIME (as report --from).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only time buckets before TIME.")
    String to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json, csv (the boxes' table) or html (one self-contained page: charts, no script, nothing fetched).")
    String format;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Top sources shown (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--stale", paramLabel = "SECONDS", defaultValue = "60",
        description = "A box silent this long has stopped reporting (default: ${DEFAULT-VALUE}; ship sends a heartbeat every --interval).")
    long staleSeconds;

    @Option(names = "--no-events", description = "Do not read the events topic (faster; no shared flows).")
    boolean noEvents;

    @Option(names = "--source", paramLabel = "WHERE", defaultValue = "auto",
        description = "auto: the state fleet-fold keeps in P+fleet plus the summaries past it when that topic exists,"
            + " else every summary from the start; folded: P+fleet or fail; summaries: every summary from the start."
            + " Both give the same report; the fold is faster (default: ${DEFAULT-VALUE}).")
    String source;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("text", "json", "csv", "html").contains(format)) {
            err.println("ctscope fleet: --format wants text, json, csv or html, not " + Printable.of(format));
            return 2;
        }
        if (!source.equals("auto") && !source.equals("folded") && !source.equals("summaries")) {
            err.println("ctscope fleet: --source wants auto, folded or summaries, not " + Printable.of(source));
            return 2;
        }
        long fromMicros;
        long toMicros;
        try {
            fromMicros = from == null ? Long.MIN_VALUE : TimeWindow.parseMicros("--from", from);
            toMicros = to == null ? Long.MAX_VALUE : TimeWindow.parseMicros("--to", to);
        } catch (IllegalArgumentException e) {
            err.println("ctscope fleet: " + Printable.of(e.getMessage()));
            return 2;
        }
        KafkaSettings settings = null;
        try {
            settings = kafka.settings();
            FleetTopics topics = kafka.topics();
            SummariesRead summaries = source.equals("summaries") ? new DirectSummaries(topics.summaries, "--source summaries")
                : new FoldedSummaries(topics, source.equals("folded"), settings.bootstrap());
            FleetView view = new FleetReader(settings, topics).read(fromMicros, toMicros, !noEvents, summaries);
            Clock clock = Clock.systemUTC();
            long now = clock.millis();
            Report report = FleetReport.build(view, now, staleSeconds * 1000, top);
            view.source().addTo(report, now);
            switch (format) {
                case "json" -> out.print(JsonRenderer.render(report));
                case "csv" -> out.print(FleetText.csv(report));
                case "html" -> out.print(FleetHtml.render(report));
                default -> out.print(FleetText.render(report, TextWidth.of(System.getenv("COLUMNS"))));
            }
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            return FleetMessages.failed(err, "fleet", settings, e);
        } finally {
            err.flush();
        }
    }
}
