package io.ctscope.cli;

import io.ctscope.analysis.doctor.Diagnosis;
import io.ctscope.analysis.doctor.Doctor;
import io.ctscope.analysis.doctor.DoctorFacts;
import io.ctscope.analysis.doctor.DoctorText;
import io.ctscope.analysis.doctor.NagiosLine;
import io.ctscope.analysis.doctor.NamespaceFacts;
import io.ctscope.analysis.doctor.Severity;
import io.ctscope.analysis.doctor.Thresholds;
import io.ctscope.analysis.report.JsonRenderer;
import io.ctscope.analysis.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 3,
    description = {
        "Diagnose a full or filling conntrack table, with this box's own numbers.",
        "",
        "Checks table use against nf_conntrack_max, table-full episodes in the kernel log, the drop"
            + " counters, the hash size, what holds the table, memory and NAT ports, and prints the findings"
            + " most urgent first, each with its evidence; then a sysctl.conf snippet whose timeout part is"
            + " backed by a whatif projection on the dump.",
        "",
        "FILEs are recognised by content: sysctl -a output or a sysctl.conf (or a /proc/sys/net/netfilter"
            + " directory), conntrack -S or /proc/net/stat/nf_conntrack, kernel logs (dmesg, syslog, journal;"
            + " stamps without a zone are UTC), and table dumps (/proc/net/nf_conntrack, conntrack -L). Two"
            + " counter files of one namespace give rates.",
        "",
        "Exit status (Nagios/Icinga plugin convention): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (unreadable"
            + " input, nothing to check, usage error).",
        "",
    },
    footer = {
        "",
        "Examples:",
        "  ctscope doctor --live",
        "  ctscope doctor --live --netns all --format nagios",
        "  ctscope doctor sysctl-a.txt conntrack-S.txt dmesg.txt dump.txt",
        "  ctscope doctor --live --every 10 --warn 70%% --crit 90%%",
    })
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Inputs to diagnose (see above); plain or .gz; - reads standard input"
        + " (e.g. conntrack -S | ctscope doctor - sysctl-a.txt).")
    List<String> files = new ArrayList<>();

    @Option(names = "--live", description = "Read this machine: /proc/sys/net/netfilter, /proc/net/stat/nf_conntrack,"
        + " /proc/slabinfo, the table (streamed) and the kernel log.")
    boolean live;

    @Option(names = "--netns", paramLabel = "NAME|all",
        description = "With --live, also each named network namespace (/run/netns; repeatable, or all), each checked"
            + " against the one global nf_conntrack_max. With FILEs: the namespace they were taken in.")
    List<String> netns = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "text, json, or nagios: one status line with performance data (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--warn", defaultValue = "80%", paramLabel = "PCT",
        description = "Table use (of nf_conntrack_max) that is a WARNING (default: ${DEFAULT-VALUE}).")
    String warn;

    @Option(names = "--crit", defaultValue = "95%", paramLabel = "PCT",
        description = "Table use that is CRITICAL (default: ${DEFAULT-VALUE}).")
    String crit;

    @Option(names = "--every", paramLabel = "SECONDS",
        description = "With --live: read the counters twice, SECONDS apart, for rates.")
    Long every;

    /** The one place the command reads the time: samples, BSD-stamp years and the age of episodes follow it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Thresholds thresholds;
        try {
            thresholds = new Thresholds(Thresholds.parsePercent("--warn", warn), Thresholds.parsePercent("--crit", crit));
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (!List.of("text", "json", "nagios").contains(format)) {
            return usage(err, "--format is text, json or nagios, not '" + format + "'");
        }
        if (!live && files.isEmpty()) {
            return usage(err, "nothing to diagnose: give --live, or FILEs (sysctl -a, conntrack -S, dmesg, a table dump)");
        }
        if (every != null && (!live || every <= 0)) {
            return usage(err, "--every SECONDS needs --live and a positive interval");
        }
        if (!live && netns.size() > 1) {
            return usage(err, "with FILEs, --netns names the one namespace they were taken in");
        }
        DoctorFacts facts = new DoctorFacts();
        BadLineReporter badLines = new BadLineReporter(err, false);
        DoctorFiles reader = new DoctorFiles(facts, badLines, clock.instant());
        try {
            if (live) {
                readLive(facts, reader);
            }
            if (!files.isEmpty()) {
                String name = !live && !netns.isEmpty() ? netns.get(0) : live ? "files" : "given";
                NamespaceFacts ns = facts.namespace(name);
                if (!live && !netns.isEmpty()) {
                    ns.inode = LiveProbe.inodeOf(name);
                }
                reader.read(files, ns);
            }
            for (NamespaceFacts ns : facts.namespaces) {
                DoctorWhatif.run(facts, ns);
            }
        } catch (IOException e) {
            err.println("ctscope doctor: " + e.getMessage());
            err.flush();
            return Severity.UNKNOWN.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Severity.UNKNOWN.exitCode();
        }
        badLines.finish();
        for (String u : reader.unreadable()) {
            err.println("ctscope doctor: " + u);
        }
        Diagnosis d = Doctor.diagnose(facts, thresholds, clock.instant());
        String rendered;
        switch (format) {
            case "json":
                Report r = d.toReport();
                r.section("doctor").put("unreadable", new ArrayList<Object>(reader.unreadable()));
                rendered = JsonRenderer.render(r);
                break;
            case "nagios":
                rendered = NagiosLine.render(d);
                break;
            default:
                rendered = DoctorText.render(d);
        }
        out.print(rendered);
        out.flush();
        err.flush();
        if (!reader.unreadable().isEmpty() && d.status() == Severity.OK) {
            return Severity.UNKNOWN.exitCode();
        }
        return d.exitCode();
    }

    private void readLive(DoctorFacts facts, DoctorFiles reader) throws IOException, InterruptedException {
        LiveProbe probe = new LiveProbe(facts, reader, clock);
        probe.host(true);
        List<String> names = new ArrayList<>();
        for (String n : netns) {
            if (n.equals("all")) {
                names.addAll(LiveProbe.allNamespaces());
            } else {
                names.add(n);
            }
        }
        for (String n : names) {
            probe.namespace(n, true);
        }
        if (every != null) {
            Thread.sleep(every * 1000);
            probe.sampleStats(facts.namespaces);
        }
        probe.slab();
        probe.kernelLog();
    }

    private int usage(PrintWriter err, String message) {
        err.println("ctscope doctor: " + message);
        err.flush();
        return Severity.UNKNOWN.exitCode();
    }
}
