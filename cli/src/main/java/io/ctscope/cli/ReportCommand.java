package io.ctscope.cli;

import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.TextRenderer;
import io.ctscope.analysis.report.TextWidth;
import io.ctscope.analysis.report.Warnings;
import io.ctscope.analysis.shard.ShardedReport;
import io.ctscope.ingest.pipeline.IngestPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Report what the conntrack table holds, how it grew and who fills it.",
        "",
        "For a dump (/proc/net/nf_conntrack, conntrack -L) the table is the dump; for an event stream"
            + " (conntrack -E) it is the flows seen and not destroyed by the end of the capture. Timestamped"
            + " streams (-o timestamp) also give occupancy over time, NEW/DESTROY rates and flow durations."
            + " Top talkers and NAT port pressure follow. Filters select records before any analysis. Bad"
            + " lines are reported on stderr as file:line: reason (the first 20, then a count) and skipped."
            + " Several dumps are snapshots: the table is the latest, each is listed. Ctrl-C or SIGTERM stops"
            + " reading and prints the report of what was read.",
        "",
    },
    customSynopsis = {
        "ctscope report [OPTIONS] [FILTERS] FILE... | -",
        "       ctscope report --queue DIR [--from TIME] [--to TIME] [...] [FILE...]",
        "",
    },
    footer = {
        "",
        "CSV sections (--section: dotted paths into the JSON report), among them:",
        "  table.by_state  table.by_protocol  occupancy.series  occupancy.by_protocol",
        "  top.src  top.dst  top.dport  top.pair  top.nat  durations.lifetime",
        "  durations.state  nat.ports.by_address  nat.ports.by_destination",
        "  events.by_state.NEW   (an unknown path lists the report's tables)",
        "",
        "Examples:",
        "  ctscope report /proc/net/nf_conntrack",
        "  conntrack -E -o timestamp,extended,id > events.txt;  ctscope report events.txt",
        "  ctscope report --format json dump.txt | jq '.table.by_state'",
        "  ctscope report --top 20 --group /24 --port-range 32768-60999 events.txt",
        "  ctscope report -p tcp -s 10.0.0.0/8,fd00::/8 --state ESTABLISHED d.txt",
        "  ctscope report -u UNREPLIED --from '2026-11-21 06:20:00' events.txt",
        "  ctscope report --format csv --section occupancy.series events.txt > occ.csv",
        "  ctscope report --html report.html events.txt",
    })
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** When /proc is read, for the snapshot list; tests may set another. */
    java.time.Clock clock = java.time.Clock.systemUTC();

    @Mixin
    InputOptions inputs;

    @Mixin
    AnalysisOptions analysis;

    @Mixin
    AnalyzerShards shards;

    @Option(names = "--queue", paramLabel = "DIR",
        description = "Report from this journal (see ctscope ingest). With FILEs, journal them first (exactly once), then report the whole journal.")
    java.nio.file.Path queue;

    @Option(names = "--from", paramLabel = "TIME",
        description = "Only records at or after TIME: epoch seconds, ISO-8601 (2026-11-21T05:50:00Z) or the"
            + " report's own form ('2026-11-21 06:20:11', a zone may follow); UTC when no zone is given."
            + " Records without a timestamp are outside any window.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only records before TIME (as --from).")
    String to;

    @Mixin
    OutputOptions output;

    @Option(names = "--html", paramLabel = "FILE",
        description = "Also write the report as one self-contained HTML page (charts, no network) to FILE.")
    java.nio.file.Path html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (inputs.files.isEmpty() && queue == null) {
            err.println("ctscope report: no input given: name one or more files, - for standard input, or --queue DIR");
            spec.commandLine().usage(err);
            return 2;
        }
        TimeWindow window;
        try {
            window = TimeWindow.of(from, to);
        } catch (IllegalArgumentException e) {
            err.println("ctscope report: " + e.getMessage());
            return 2;
        }
        ReportOptions options;
        try {
            options = analysis.toReportOptions();
        } catch (IllegalArgumentException e) {
            err.println("ctscope report: " + e.getMessage());
            return 2;
        }
        try {
            output.check();
        } catch (IllegalArgumentException e) {
            err.println("ctscope report: " + e.getMessage());
            return 2;
        }
        if (queue == null) {
            options.filter = window.and(options.filter);
        }
        BadLineReporter badLines = new BadLineReporter(err, inputs.strict);
        InputReader reader = new InputReader(err, badLines);
        java.util.List<String> files = reader.readable(inputs.files);
        boolean complete = files.size() == inputs.files.size();
        options.inputs = InputTimes.of(files, clock);
        if (files.isEmpty() && queue == null) {
            return 1;
        }
        Report report;
        try {
            if (queue != null) {
                String interruptedBy = null;
                if (!files.isEmpty()) {
                    JournalIngest.Result ingested = new JournalIngest(err, badLines).ingest(files, queue, inputs.parsers(), inputs.strict);
                    complete &= ingested.complete;
                    interruptedBy = ingested.interruptedBy;
                    badLines.finish();
                }
                // a replay runs on one thread: shards there only when asked for
                JournalReport.Built built = JournalReport.build(queue, window, options,
                    shards.given() ? shards.count(options, inputs.strict) : 1);
                report = built.report();
                if (!built.damage().isEmpty()) {
                    err.println("ctscope report: " + io.ctscope.ingest.io.Printable.of(queue.toString()) + ": journal "
                        + built.damage().describe());
                    complete = false;
                }
                if (interruptedBy != null) {
                    report.section("input").put("interrupted", true);
                    Warnings.add(report, "interrupted", null, "interrupted by " + interruptedBy
                        + ": the journal holds what was read before it");
                }
            } else if (shards.count(options, inputs.strict) > 1) {
                ShardedReport sharded = new ShardedReport(options, shards.count(options, inputs.strict), IngestPipeline.RING_SIZE);
                InputSummary summary = new InputSummary();
                complete &= reader.readAll(files, sharded, summary, inputs.parsers(), inputs.strict);
                badLines.finish();
                report = sharded.build(summary);
                if (!reader.sawConntrackOutput()) {
                    return notConntrack(report, out);
                }
            } else {
                ReportBuilder builder = ReportBuilder.standard(options);
                InputSummary summary = new InputSummary();
                complete &= readFiles(reader, badLines, files, builder, summary, inputs.parsers(), inputs.strict);
                report = builder.build(summary);
                if (!reader.sawConntrackOutput()) {
                    return notConntrack(report, out);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            err.println("ctscope report: " + IoMessages.of(e));
            return 1;
        }
        for (String warning : Warnings.messages(report)) {
            err.println("ctscope: warning: " + warning);
        }
        err.flush();
        String rendered;
        try {
            rendered = output.render(report, r -> TextRenderer.render(r, TextWidth.of(System.getenv("COLUMNS"))));
        } catch (IllegalArgumentException e) {
            err.println("ctscope report: " + e.getMessage());
            return 2;
        }
        out.print(rendered);
        out.flush();
        String failure = ReportOutput.writeFailure(out);
        if (failure != null) {
            err.println("ctscope report: cannot write the report to standard output: " + failure);
            return 1;
        }
        if (html != null && !HtmlOutput.write(report, html, err)) {
            return 1;
        }
        return complete ? 0 : 1;
    }

    /** No input was conntrack output: an empty table would mislead; it was said (on stderr), and the run fails. */
    private int notConntrack(Report report, PrintWriter out) {
        if (output.format == OutputFormat.json) {
            out.print(io.ctscope.analysis.report.JsonRenderer.render(report));
            out.flush();
        }
        return 1;
    }

    /** The report of {@code files} as {@code ctscope report} computes it (for tests and embedding). */
    static Report buildReport(java.util.List<String> files, PrintWriter err) {
        BadLineReporter badLines = new BadLineReporter(err, false);
        ReportOptions options = new ReportOptions();
        options.inputs = InputTimes.of(files, java.time.Clock.systemUTC());
        ReportBuilder builder = ReportBuilder.standard(options);
        InputSummary summary = new InputSummary();
        readFiles(new InputReader(err, badLines), badLines, files, builder, summary, IngestPipeline.defaultParsers(), false);
        return builder.build(summary);
    }

    /** Reads the files into the analyzers and closes the bad-line report; true when every file was read whole. */
    private static boolean readFiles(InputReader reader, BadLineReporter badLines, java.util.List<String> files,
                                     ReportBuilder builder, InputSummary summary, int parsers, boolean strict) {
        boolean complete = reader.readAll(files, builder, summary, parsers, strict);
        badLines.finish();
        return complete;
    }
}
