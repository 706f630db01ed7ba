package io.ctscope.cli;

import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.CsvRenderer;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.JsonRenderer;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.TextRenderer;
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
        "Read conntrack event streams and table dumps and report what the table",
        "holds, how it grew and who fills it.",
        "",
        "For a dump (/proc/net/nf_conntrack, conntrack -L) the table is the dump;",
        "for an event stream (conntrack -E) it is the flows seen and not destroyed",
        "by the end of the capture. Timestamped streams (-o timestamp) also give",
        "occupancy over time, NEW/DESTROY rates and flow durations. Top talkers",
        "and NAT port pressure follow. Filters (--proto --src --dst --port --state)",
        "select records before any analysis. Bad lines are reported on stderr as",
        "file:line: reason (the first 20, then a count) and skipped.",
        "",
    },
    footer = {
        "",
        "Examples:",
        "  ctscope report /proc/net/nf_conntrack",
        "  conntrack -E -o timestamp,extended,id > events.txt;  ctscope report events.txt",
        "  ctscope report --format json dump.txt | jq '.table.by_state'",
        "  ctscope report --top 20 --group /24 --port-range 32768-60999 events.txt",
        "  ctscope report --proto tcp --src 10.0.0.0/8,fd00::/8 --state ESTABLISHED d.txt",
        "  ctscope report --format csv --section occupancy.series events.txt > occ.csv",
    })
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Mixin
    AnalysisOptions analysis;

    @Option(names = "--queue", paramLabel = "DIR",
        description = "Report from this journal (see ctscope ingest). With FILEs, journal them first (exactly once), then report the whole journal.")
    java.nio.file.Path queue;

    @Option(names = "--from", paramLabel = "TIME",
        description = "With --queue: only records at or after TIME (epoch seconds, or ISO-8601 such as 2026-11-21T05:50:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "With --queue: only records before TIME.")
    String to;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--section", paramLabel = "NAME",
        description = "With --format csv: the one table to print, as a dotted path into the JSON report"
            + " (table.by_state, occupancy.series, top.src, durations.lifetime, nat.ports.by_destination ...).")
    String section;

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
        if ((format == OutputFormat.csv) != (section != null)) {
            err.println("ctscope report: --format csv prints one table: name it with --section NAME (and --section needs --format csv)");
            return 2;
        }
        if (!window.isAll() && queue == null) {
            err.println("ctscope report: --from/--to select from a journal: use them with --queue DIR");
            return 2;
        }
        BadLineReporter badLines = new BadLineReporter(err, inputs.strict);
        InputReader reader = new InputReader(err, badLines);
        if (!reader.checkReadable(inputs.files)) {
            return 1;
        }
        boolean complete = true;
        Report report;
        try {
            if (queue != null) {
                if (!inputs.files.isEmpty()) {
                    complete = new JournalIngest(err, badLines).ingest(inputs.files, queue, inputs.parsers(), inputs.strict).complete;
                    badLines.finish();
                }
                JournalReport.Built built = JournalReport.build(queue, window, options);
                report = built.report();
                if (!built.damage().isEmpty()) {
                    err.println("ctscope report: " + io.ctscope.ingest.io.Printable.of(queue.toString()) + ": journal "
                        + built.damage().describe());
                    complete = false;
                }
            } else {
                ReportBuilder builder = ReportBuilder.standard(options);
                InputSummary summary = new InputSummary();
                complete = readFiles(reader, badLines, inputs.files, builder, summary, inputs.parsers(), inputs.strict);
                report = builder.build(summary);
            }
        } catch (java.io.IOException | RuntimeException e) {
            err.println("ctscope report: " + IoMessages.of(e));
            return 1;
        }
        String rendered;
        switch (format) {
            case json:
                rendered = JsonRenderer.render(report);
                break;
            case csv:
                try {
                    rendered = CsvRenderer.render(report, section);
                } catch (IllegalArgumentException e) {
                    err.println("ctscope report: " + e.getMessage());
                    return 2;
                }
                break;
            default:
                rendered = TextRenderer.render(report);
        }
        out.print(rendered);
        out.flush();
        return complete ? 0 : 1;
    }

    /** The report of {@code files} as {@code ctscope report} computes it (for tests and embedding). */
    static Report buildReport(java.util.List<String> files, PrintWriter err) {
        BadLineReporter badLines = new BadLineReporter(err, false);
        ReportBuilder builder = ReportBuilder.standard();
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
