package io.ctscope.cli;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every example an operator is shown, as written, in bash: the {@code Examples:} of every
 * command's {@code --help} (found by walking the command tree, so a new command's examples are run
 * as soon as it exists) and every command of README.md's {@code console} ({@code $ } lines) and
 * {@code sh} code blocks ({@code text} blocks hold syntax, not commands).
 *
 * <p>{@code ctscope} (and {@code ./ctscope}) run the classes under test through a stand-in launcher
 * on PATH. The examples name placeholder files (events.txt, dump.txt ...): each one is a bundled
 * recording under that name in the example's own working directory, where {@code samples/} leads to
 * the checkout's samples. An example that reads the live kernel (conntrack, /proc) runs in the
 * real-kernel group: as root, in a network namespace of its own whose loopback traffic is tracked,
 * with a live {@code conntrack -E} stopped (SIGINT, as Ctrl-C) and {@code ctscope live} stopped
 * (SIGTERM) after three seconds; a {@code ctscope fleet-fold} service is stopped so too. A doctor example passes with any Nagios answer (0, 1, 2: this box's
 * own state decides which), not with 3 (UNKNOWN). Not run: the README's own build and test commands
 * ({@code .ci/run}, {@code mvn}), which run this suite, and {@code live --dashboard}, which needs a
 * terminal and is run under tmux by LiveDashboardTmuxTest.
 */
class DocumentedExamplesTest {
    /** The broker the ship and fleet examples talk to, in place of the host they name. */
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    private static final Path ROOT = LabPrerequisites.repoRoot();
    private static final Path SAMPLES = ROOT.resolve("samples");
    /** Placeholder file names the examples use, and the recording each one stands for. */
    private static final Map<String, String> FIXTURES = Map.of(
        "events.txt", "lab/recorded/events-timestamp-extended-id.txt",
        "dump.txt", "lab/recorded/final-list.txt",
        "d.txt", "lab/recorded/snap-b-list-extended-id.txt",
        "capture.events.gz", "lab/recorded/events-timestamp-extended-id.txt",
        "sysctl-a.txt", "lab/recorded/snap-a-sysctl.txt",
        "conntrack-S.txt", "lab/recorded/snap-a-stats.txt",
        "nf_conntrack.txt", "lab/recorded/snap-a-proc.txt",
        "dmesg.txt", "corpus/kernlog__pc-freak_blog__dmesg_table_full_ratelimit.txt");
    /** Placeholder files an operator writes by hand, and what they hold here. */
    private static final Map<String, String> WRITTEN = Map.of(
        "proposed.conf", "# proposed in /etc/sysctl.d/90-conntrack.conf\n"
            + "net.netfilter.nf_conntrack_udp_timeout = 2\n"
            + "net.netfilter.nf_conntrack_tcp_timeout_established = 30\n");
    private static final Pattern FILE_WORD = Pattern.compile("(?<![-/\\w.])([\\w-][\\w.-]*\\.(?:txt|gz|csv|json|conf))\\b");
    private static final Pattern LIVE_KERNEL = Pattern.compile("(^|[|;&]\\s*)(sudo\\s+)?conntrack\\s|/proc/|--spawn|--live|--netns");
    private static final Pattern VAR_LOG = Pattern.compile("\\b(var/log/[\\w./-]+)");
    /** A command that runs until it is stopped: a live conntrack -E, ctscope live without --duration, a fleet-fold. */
    private static final Pattern UNTIL_STOPPED = Pattern.compile("conntrack -E|ctscope live (?!.*--duration)|ctscope fleet-fold ");

    private static final java.util.concurrent.atomic.AtomicInteger NAMESPACES = new java.util.concurrent.atomic.AtomicInteger();

    static final class Example {
        final String source;
        final String command;

        Example(String source, String command) {
            this.source = source;
            this.command = command;
        }

        /** The command without a trailing {@code # comment}. */
        String code() {
            return command.replaceAll("\\s+#[^'\"]*$", "").trim();
        }

        boolean needsLiveKernel() {
            return LIVE_KERNEL.matcher(code()).find();
        }

        boolean isTheBuildItself() {
            return code().contains(".ci/run") || code().startsWith("mvn ");
        }

        /** The dashboard needs a terminal: LiveDashboardTmuxTest runs it under tmux at 80x24. */
        boolean needsATerminal() {
            return code().contains("--dashboard");
        }

        /** doctor answers by the Nagios convention: 0 OK, 1 WARNING, 2 CRITICAL are answers; 3 is not. */
        boolean isAHealthCheck() {
            return code().matches("(.*[|;&]\\s*)?ctscope doctor\\b.*");
        }
    }

    /** The examples of every command's --help, walking the command tree from the top. */
    static List<Example> helpExamples() {
        List<Example> out = new ArrayList<>();
        collect(Main.newCommandLine(), out);
        return out;
    }

    private static void collect(CommandLine cl, List<Example> out) {
        String name = cl.getCommandSpec().qualifiedName();
        String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        int at = usage.indexOf("\nExamples:\n");
        if (at >= 0) {
            String pending = "";
            for (String line : usage.substring(at + "\nExamples:\n".length()).split("\n")) {
                if (line.isBlank()) {
                    break;
                }
                String joined = pending + line.trim();
                if (joined.endsWith("\\")) {
                    pending = joined.substring(0, joined.length() - 1);
                    continue;
                }
                pending = "";
                out.add(new Example(name + " --help", joined));
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                collect(sub, out);
            }
        }
    }

    /** The commands of README.md's console and sh blocks. */
    static List<Example> readmeExamples() throws IOException {
        List<Example> out = new ArrayList<>();
        String block = null;
        int n = 0;
        String pending = "";
        for (String raw : Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8)) {
            n++;
            String line = pending.isEmpty() ? raw : pending + raw.trim();
            if (block != null && line.endsWith("\\")) {
                pending = line.substring(0, line.length() - 1);
                continue;
            }
            pending = "";
            if (line.startsWith("```")) {
                block = block == null ? line.substring(3).trim() : null;
                continue;
            }
            if ("console".equals(block) && line.startsWith("$ ")) {
                out.add(new Example("README.md:" + n, line.substring(2)));
            } else if (("sh".equals(block) || "bash".equals(block)) && !line.isBlank() && !line.trim().startsWith("#")) {
                out.add(new Example("README.md:" + n, line));
            }
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> everyDocumentedExampleRunsAsWritten(@TempDir Path dir) throws IOException {
        List<Example> all = new ArrayList<>(helpExamples());
        all.addAll(readmeExamples());
        assertTrue(all.size() >= 10, "too few examples found: " + all.size());
        assertTrue(all.stream().anyMatch(e -> e.source.startsWith("ctscope report")), "report --help examples not found");
        assertTrue(all.stream().anyMatch(e -> e.source.startsWith("ctscope ingest")), "ingest --help examples not found");
        Path bin = launcher(dir);
        List<DynamicTest> tests = new ArrayList<>();
        for (Example e : all) {
            if (e.isTheBuildItself() || e.needsATerminal()) {
                continue;
            }
            // the examples of one page run in order in one directory, as an operator would run them
            String page = e.source.replaceAll(":\\d+$", "").replaceAll("\\W+", "-");
            Path work = dir.resolve(page);
            tests.add(DynamicTest.dynamicTest(e.source + ": " + e.command, () -> run(e, bin, work)));
        }
        return tests;
    }

    private static void run(Example e, Path bin, Path work) throws Exception {
        if (!Files.exists(work)) {
            Files.createDirectories(work);
            Files.createSymbolicLink(work.resolve("samples"), ROOT.resolve("samples"));
        }
        Matcher files = FILE_WORD.matcher(e.code());
        while (files.find()) {
            String name = files.group(1);
            String recording = FIXTURES.get(name);
            if (recording != null && !Files.exists(work.resolve(name))) {
                fixture(work.resolve(name), SAMPLES.resolve(recording));
            } else if (WRITTEN.containsKey(name)) {
                Files.writeString(work.resolve(name), WRITTEN.get(name), StandardCharsets.UTF_8);
            } else if (recording == null && !isWrittenBy(e.code(), name)) {
                Assertions.fail(e.source + " reads " + name + ", which no fixture provides: name a bundled file"
                    + " (samples/...) or add " + name + " to FIXTURES");
            }
        }
        String script = e.code().replaceAll("(^|[|;&]\\s*)\\./ctscope\\b", "$1ctscope");
        // the system's own places (--queue /var/lib/ctscope, --follow /var/log/x.log) live in the work
        // directory here; a log to follow is the bundled capture
        script = script.replace(" /var/", " var/");
        script = script.replaceAll("--kafka \\S+", "--kafka " + KAFKA.bootstrap());
        Matcher logs = VAR_LOG.matcher(script);
        while (logs.find()) {
            Path log = work.resolve(logs.group(1));
            Files.createDirectories(log.getParent());
            if (!Files.exists(log)) {
                fixture(log, SAMPLES.resolve(FIXTURES.get("events.txt")));
            }
        }
        List<String> cmd = new ArrayList<>();
        String namespace = null;
        if (e.needsLiveKernel()) {
            LabPrerequisites.require();
            namespace = "ctex-" + ProcessHandle.current().pid() + "-" + NAMESPACES.incrementAndGet();
            trackedNamespace(namespace);
            cmd.addAll(List.of("ip", "netns", "exec", namespace));
        }
        cmd.addAll(List.of("bash", "-o", "pipefail", "-c", script));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.redirectOutput(work.resolve("stdout").toFile()).redirectError(work.resolve("stderr").toFile());
        Process traffic = null;
        try {
            if (namespace != null) {
                // one ping after another, each a new flow, so a capture started now sees NEW events
                traffic = new ProcessBuilder("ip", "netns", "exec", namespace, "bash", "-c",
                    "for i in $(seq 30); do ping -q -c 1 -W 1 127.0.0.1; sleep 0.2; done")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            }
            Process p = pb.start();
            if (UNTIL_STOPPED.matcher(e.code()).find()) {
                // a live capture runs until stopped: stop it as an operator does, once events came
                // (Ctrl-C for conntrack -E; SIGTERM, as a service manager sends it, for ctscope live, fleet-fold)
                p.waitFor(3, TimeUnit.SECONDS);
                boolean pipedCapture = e.code().contains("conntrack -E");
                // bash execs a lone command, so the example's own process may be the one to stop
                List<ProcessHandle> running = new ArrayList<>(List.of(p.toHandle()));
                running.addAll(p.descendants().collect(Collectors.toList()));
                for (ProcessHandle h : running) {
                    String command = h.info().command().orElse("");
                    if (pipedCapture && command.endsWith("/conntrack")) {
                        new ProcessBuilder("kill", "-INT", Long.toString(h.pid())).start().waitFor();
                    } else if (!pipedCapture && command.endsWith("/java")) {
                        // the example is `ctscope live ...` (or fleet-fold): its JVM (ProcessHandle cannot show a
                        // command line as long as the test classpath, so it is found by its program)
                        new ProcessBuilder("kill", "-TERM", Long.toString(h.pid())).start().waitFor();
                    }
                }
            }
            boolean done = p.waitFor(90, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            String out = Files.readString(work.resolve("stdout"));
            String err = Files.readString(work.resolve("stderr"));
            assertTrue(done, e.source + ": did not finish in 90 s: " + e.command);
            String failure = e.source + ": " + e.command + "\nstdout:\n" + out + "\nstderr:\n" + err;
            if (e.isAHealthCheck()) {
                // this box's own state decides OK/WARNING/CRITICAL (a table-full test may have run)
                assertTrue(p.exitValue() <= 2, failure);
            } else {
                assertEquals(0, p.exitValue(), failure);
            }
            assertTrue(!out.isBlank() || writesAFile(e.code()), e.source + ": printed nothing: " + e.command + "\n" + err);
            assertTrue(!err.contains("Exception") && !err.contains("\tat "), e.source + ": a stack trace:\n" + err);
        } finally {
            if (traffic != null) {
                traffic.destroy();
                traffic.waitFor(10, TimeUnit.SECONDS);
            }
            if (namespace != null) {
                new ProcessBuilder("ip", "netns", "del", namespace).start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean isWrittenBy(String code, String name) {
        return Pattern.compile(">\\s*" + Pattern.quote(name) + "\\b").matcher(code).find();
    }

    private static boolean writesAFile(String code) {
        return code.matches(".*>\\s*[\\w.-]+\\s*$");
    }

    private static void fixture(Path target, Path recording) throws IOException {
        if (target.toString().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
                Files.copy(recording, out);
            }
        } else {
            Files.copy(recording, target);
        }
    }

    /** A namespace of its own whose conntrack tracks loopback (a conntrack rule switches tracking on). */
    private static void trackedNamespace(String ns) throws IOException, InterruptedException {
        for (String[] step : new String[][] {
            {"ip", "netns", "add", ns},
            {"ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"},
            {"ip", "netns", "exec", ns, "iptables", "-A", "OUTPUT", "-m", "conntrack", "--ctstate", "NEW", "-j", "ACCEPT"},
            {"ip", "netns", "exec", ns, "ping", "-q", "-c", "2", "-i", "0.2", "127.0.0.1"},
        }) {
            Process p = new ProcessBuilder(step).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", step) + ": " + out);
        }
    }

    /** {@code ctscope} on PATH: the classes under test, with the JVM flags the real launcher passes. */
    private static Path launcher(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path shim = bin.resolve("ctscope");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(shim, "#!/bin/sh\nexec '" + java + "' " + System.getProperty("ctscope.test.jvmArgs", "")
            + " -cp '" + System.getProperty("java.class.path") + "' io.ctscope.cli.Main \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
