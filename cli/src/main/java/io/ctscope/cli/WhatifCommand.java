package io.ctscope.cli;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.timeout.KernelRules;
import io.ctscope.analysis.timeout.TimeoutSettings;
import io.ctscope.analysis.timeout.TimeoutSource;
import io.ctscope.analysis.whatif.WhatifOptions;
import io.ctscope.analysis.whatif.WhatifReport;
import io.ctscope.analysis.whatif.WhatifHtml;
import io.ctscope.analysis.whatif.WhatifText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(
    name = "whatif",
    mixinStandardHelpOptions = true,
    description = {
        "What would the conntrack table hold under other timeouts?",
        "",
        "From a table dump (/proc/net/nf_conntrack, conntrack -L): exactly which",
        "entries are idle past the proposed timeouts, per protocol and state, how",
        "the table would drain if the change were applied now, and (with",
        "--print-deletes) one conntrack -D per removable entry, printed, never run.",
        "From an event stream (conntrack -E -o timestamp): the table over the",
        "capture had the proposal been in force, as a point estimate and a",
        "low/high band, the flows it could cut while in use, and capacity.",
        "Timeouts in force come from the stream, else --current, else this",
        "machine (for its own /proc/net/nf_conntrack), else the kernel defaults.",
        "",
    },
    footer = {
        "",
        "Names: nf_conntrack_udp_timeout, net.netfilter.nf_conntrack_udp_timeout,",
        "net.ipv4.netfilter.ip_conntrack_udp_timeout or udp_timeout.",
        "",
        "Examples:",
        "  ctscope whatif /proc/net/nf_conntrack --set tcp_timeout_established=3600",
        "  ctscope whatif dump.txt --current sysctl-a.txt --set udp_timeout=10 \\",
        "      --print-deletes > delete.sh",
        "  ctscope whatif events.txt --timeouts proposed.conf --max 262144",
        "  ctscope whatif events.txt --set udp_timeout_stream=60 --format json",
        "  ctscope whatif events.txt --set udp_timeout=10 --html whatif.html",
        "  ctscope whatif events.txt --set udp_timeout=10 --format csv \\",
        "      --section projected.series",
        "",
        "Exit status: 0 ok, 1 unreadable input, 2 usage error.",
    })
final class WhatifCommand implements Callable<Integer> {
    private static final String PROC_TABLE = "/proc/net/nf_conntrack";

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Mixin
    AnalysisOptions analysis;

    @Option(names = "--set", paramLabel = "NAME=SECONDS",
        description = "A proposed timeout (repeatable), e.g. tcp_timeout_established=3600.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--timeouts", paramLabel = "FILE",
        description = "Proposed timeouts from sysctl -a output, a sysctl.conf/sysctl.d file or a"
            + " /proc/sys/net/netfilter directory; --set wins over it.")
    Path timeoutsFile;

    @Option(names = "--current", paramLabel = "FILE",
        description = "The timeouts (and nf_conntrack_max) in force, same formats as --timeouts.")
    Path currentFile;

    @Option(names = "--max", paramLabel = "N", description = "nf_conntrack_max, for headroom.")
    Long max;

    @Option(names = "--bytes-per-entry", paramLabel = "B", defaultValue = "256",
        description = "Kernel memory per entry (default: ${DEFAULT-VALUE}, a 6.x slab object).")
    long bytesPerEntry;

    @Option(names = "--kernel", paramLabel = "VERSION",
        description = "Kernel release whose UDP rules apply (before 5.0: stream timeout 180 s and no 2 s"
            + " rule). Default: this machine's for its own table, else current rules.")
    String kernel;

    @Option(names = "--queue", paramLabel = "DIR", description = "Read the records from this journal (see ctscope ingest).")
    Path queue;

    @Mixin
    OutputOptions output;

    @Option(names = "--html", paramLabel = "FILE",
        description = "Also write the what-if as one self-contained HTML page (charts, no network).")
    Path html;

    @Option(names = "--print-deletes",
        description = "Print one conntrack -D command per dump entry idle past the proposal (not the"
            + " ambiguous ones) instead of the report. Never runs them.")
    boolean printDeletes;

    /** The report of the last run, for tests that read its tree instead of parsing its JSON. */
    Report lastReport;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (inputs.files.isEmpty() && queue == null) {
            return usage(err, "no input given: name a table dump or event stream, - for standard input, or --queue DIR");
        }
        ReportOptions reportOptions;
        WhatifOptions options;
        try {
            reportOptions = analysis.toReportOptions();
            options = options(err);
            output.check();
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        BadLineReporter badLines = new BadLineReporter(err, inputs.strict);
        InputReader reader = new InputReader(err, badLines);
        if (reader.readable(inputs.files).size() != inputs.files.size()) {
            return 1;
        }
        WhatifReport whatif = new WhatifReport(reportOptions, options);
        boolean complete;
        Report report;
        try {
            if (queue != null) {
                JournalReport.Built built = JournalReport.build(queue, TimeWindow.of(null, null), whatif.builder());
                report = built.report();
                complete = built.damage().isEmpty();
                if (!complete) {
                    err.println("ctscope whatif: " + io.ctscope.ingest.io.Printable.of(queue.toString()) + ": journal "
                        + built.damage().describe());
                }
            } else {
                InputSummary summary = new InputSummary();
                complete = reader.readAll(inputs.files, whatif.builder(), summary, inputs.parsers(), inputs.strict);
                badLines.finish();
                report = whatif.builder().build(summary);
            }
        } catch (IOException e) {
            err.println("ctscope whatif: " + e.getMessage());
            return 1;
        }
        if (whatif.analyzer().lacksTimestamps()) {
            return usage(err, "the events have no timestamps, and events are the only evidence: record them with"
                + " conntrack -E -o timestamp (or give a table dump)");
        }
        WhatifReport.tidy(report);
        lastReport = report;
        if (printDeletes) {
            for (String command : whatif.analyzer().deleteCommands()) {
                out.println(command);
            }
            out.flush();
            return complete ? 0 : 1;
        }
        if (html != null && !HtmlOutput.write(report, WhatifHtml::render, html, err, "whatif")) {
            return 1;
        }
        String rendered;
        try {
            rendered = output.render(report, WhatifText::render);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        out.print(rendered);
        out.flush();
        return complete ? 0 : 1;
    }

    private WhatifOptions options(PrintWriter err) {
        WhatifOptions o = new WhatifOptions();
        boolean liveTable = inputs.files.size() == 1 && PROC_TABLE.equals(inputs.files.get(0));
        String release = kernel != null ? kernel : liveTable ? System.getProperty("os.version") : null;
        o.rules = release == null ? KernelRules.CURRENT : KernelRules.forRelease(release);
        o.current = new TimeoutSettings(o.rules);
        o.resolutionSeconds = AnalysisOptions.parseInterval(analysis.resolution);
        if (bytesPerEntry <= 0) {
            throw new IllegalArgumentException("--bytes-per-entry must be positive, not " + bytesPerEntry);
        }
        o.bytesPerEntry = bytesPerEntry;
        if (liveTable && currentFile == null && java.nio.file.Files.isDirectory(SysctlTimeouts.PROC_NETFILTER)) {
            SysctlTimeouts.inForce(o, SysctlTimeouts.read(SysctlTimeouts.PROC_NETFILTER, "this machine's", err),
                TimeoutSource.KERNEL, SysctlTimeouts.PROC_NETFILTER.toString());
        }
        if (currentFile != null) {
            SysctlTimeouts.inForce(o, SysctlTimeouts.read(currentFile, "--current", err), TimeoutSource.FILE, currentFile.toString());
        }
        if (max != null) {
            if (max <= 0) {
                throw new IllegalArgumentException("--max must be positive, not " + max);
            }
            o.max = max;
            o.maxSource = "--max";
        }
        if (timeoutsFile != null) {
            SysctlTimeouts.proposeAll(o, SysctlTimeouts.read(timeoutsFile, "--timeouts", err));
        }
        for (String s : sets) {
            SysctlTimeouts.propose(o, s);
        }
        if (sets.isEmpty() && timeoutsFile == null) {
            throw new IllegalArgumentException("nothing proposed: give --set NAME=SECONDS (repeatable) or --timeouts FILE");
        }
        o.deleteCommands = printDeletes;
        // a dump beside the stream is idle-time evidence from the moment it was taken
        o.inputTakenMicros = InputTimes.of(inputs.files, java.time.Clock.systemUTC())::takenMicros;
        return o;
    }

    private int usage(PrintWriter err, String message) {
        err.println("ctscope whatif: " + message);
        err.flush();
        return 2;
    }
}
