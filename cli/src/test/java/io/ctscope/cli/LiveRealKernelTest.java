package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ctscope live --spawn} beside the real kernel: in a NAT router namespace of its own, live runs
 * during traffic next to an independent {@code stdbuf -oL conntrack -E} recorder; {@code /metrics} is
 * scraped mid-run; {@code conntrack -L} is taken at the end (it reaps the expired UDP/ICMP flows and so
 * emits their DESTROYs), both listeners get those, then SIGTERM. The final JSON report must count the
 * recorder's NEW/UPDATE/DESTROY and hold the table that {@code conntrack -L} listed. Needs root.
 */
class LiveRealKernelTest {
    private static final Pattern METRIC = Pattern.compile("(?m)^(ctscope_[a-z_]+)(\\{[^}]*\\})? (\\S+)$");

    @TempDir
    Path dir;

    @Test
    void shouldCountWhatAnIndependentRecorderSawAndEndWithTheTableConntrackLists() throws Exception {
        LabPrerequisites.require();
        long max = Long.parseLong(io.ctscope.ingest.io.ProcFiles.read(Path.of("/proc/sys/net/netfilter/nf_conntrack_max")).trim());
        assertTrue(max >= 1000, "nf_conntrack_max is " + max + " on this host (left lowered by another test?): the lab's flows"
            + " would be dropped");
        Path lab = LabPrerequisites.repoRoot().resolve("cli/src/test/resources/lab/live-lab.sh");
        String prefix = "ctlive-" + ProcessHandle.current().pid();
        String router = prefix + "-router";
        List<Process> started = new ArrayList<>();
        try {
            sh(lab.toString(), "up", prefix);
            Process recorder = new ProcessBuilder("ip", "netns", "exec", router, "stdbuf", "-oL", "conntrack", "-E", "-o",
                "timestamp,extended,id").redirectOutput(dir.resolve("recorder.txt").toFile())
                .redirectError(dir.resolve("recorder.err").toFile()).start();
            started.add(recorder);
            int port = 19469;
            Process ctscope = startLive(router, port, "--interval", "1");
            started.add(ctscope);
            awaitTrue("both listeners subscribed in " + router, () -> eventSockets(router) >= 2);

            sh(lab.toString(), "traffic", prefix, "8");
            Map<String, Double> mid = awaitMetrics(router, port, m -> m.getOrDefault("ctscope_events_total{type=\"NEW\"}", 0.0) > 0);
            for (String name : List.of("ctscope_events_total{type=\"UPDATE\"}", "ctscope_events_total{type=\"DESTROY\"}",
                "ctscope_new_flows_total", "ctscope_bad_lines_total", "ctscope_loss_warnings_total", "ctscope_journal_records_total",
                "ctscope_pipeline_lag_seconds", "ctscope_ingest_latency_seconds_count")) {
                assertTrue(mid.containsKey(name), name + " in /metrics: " + mid.keySet());
            }
            assertTrue(mid.keySet().stream().anyMatch(k -> k.startsWith("ctscope_table_entries{protocol=\"tcp\"")), mid.keySet().toString());
            assertTrue(mid.keySet().stream().anyMatch(k -> k.startsWith("ctscope_top_source_flows{source=\"10.78.1.2\"}")), mid.keySet().toString());

            // let the UDP and ICMP flows (2 s timeouts) expire, then list: the read reaps them (DESTROY)
            Path list = dir.resolve("final-list.txt");
            awaitTrue("udp/icmp entries expired", () -> {
                String l = capture("ip", "netns", "exec", router, "conntrack", "-L", "-o", "extended,id");
                return !l.contains(" udp ") && !l.contains(" icmp ");
            });
            Files.writeString(list, capture("ip", "netns", "exec", router, "conntrack", "-L", "-o", "extended,id"));
            awaitTrue("ctscope has analysed every event the recorder got", () -> {
                long recorded = eventsOf(dir.resolve("recorder.txt")).events.values().stream().mapToLong(Long::longValue).sum();
                Map<String, Double> m = scrape(router, port);
                double seen = m.getOrDefault("ctscope_events_total{type=\"NEW\"}", 0.0)
                    + m.getOrDefault("ctscope_events_total{type=\"UPDATE\"}", 0.0) + m.getOrDefault("ctscope_events_total{type=\"DESTROY\"}", 0.0);
                return recorded > 0 && seen == recorded;
            });
            new ProcessBuilder("kill", "-TERM", Long.toString(ctscope.pid())).start().waitFor();
            assertTrue(ctscope.waitFor(60, TimeUnit.SECONDS), "live ends after SIGTERM");
            String err = Files.readString(dir.resolve("live.err"));
            assertEquals(0, ctscope.exitValue(), err);
            recorder.destroy();
            recorder.waitFor(10, TimeUnit.SECONDS);

            String report = Files.readString(dir.resolve("report.json"));
            IndependentCount recorded = eventsOf(dir.resolve("recorder.txt"));
            IndependentCount listed = IndependentCount.ofDump(list);
            assertTrue(recorded.events.getOrDefault("DESTROY", 0L) >= 16, "udp and icmp flows were reaped: " + recorded.events);
            assertTrue(listed.entries >= 8, "tcp flows in TIME_WAIT stay: " + listed.byState);
            for (String type : List.of("NEW", "UPDATE", "DESTROY")) {
                assertEquals(recorded.events.getOrDefault(type, 0L), number(report, "\"" + type + "\": "), type + " events\n" + err);
            }
            assertEquals(listed.byState, object(report, "\"table\": {", "by_state"), "table vs conntrack -L");
            assertEquals(listed.entries, number(report, "\"table\": \\{\\s*\"entries\": "), "entries vs conntrack -L");
            assertTrue(err.contains("conntrack event socket receive buffer"), err);
            assertTrue(report.contains("\"event_socket_rb\": "), "the report says whether the buffer took");
        } finally {
            for (Process p : started) {
                p.destroyForcibly();
            }
            sh(lab.toString(), "down", prefix);
        }
    }

    /**
     * Events lost on purpose: three TCP flows exist before ctscope starts (no listener: with
     * nf_conntrack_events=2 they never send an event); then the spawned conntrack is stopped (SIGSTOP)
     * while 4000 UDP flows come and go, so its socket overflows (ENOBUFS) and their events, DESTROYs
     * included, are lost. The table reads must still end on the table that conntrack -L lists.
     */
    @Test
    void shouldResyncFromTheTableAfterLosingEventsOnPurpose() throws Exception {
        LabPrerequisites.require();
        Path lab = LabPrerequisites.repoRoot().resolve("cli/src/test/resources/lab/live-lab.sh");
        String prefix = "ctlivr-" + ProcessHandle.current().pid();
        String router = prefix + "-router";
        List<Process> started = new ArrayList<>();
        try {
            sh(lab.toString(), "up", prefix);
            sh(lab.toString(), "traffic", prefix, "3");
            int port = 19470;
            Process ctscope = startLive(router, port, "--interval", "0", "--snapshot-every", "1");
            started.add(ctscope);
            awaitTrue("the first table read", () -> scrape(router, port).getOrDefault("ctscope_table_reads_total", 0.0) >= 1);
            String conntrack = capture("pgrep", "-P", Long.toString(ctscope.pid()), "-f", "conntrack -E").trim();
            assertTrue(conntrack.matches("\\d+"), "the spawned conntrack: " + conntrack);
            sh("kill", "-STOP", conntrack);
            sh(lab.toString(), "burst", prefix, "4000");
            awaitTrue("udp entries expired and reaped", () -> capture("ip", "netns", "exec", router, "conntrack", "-L").lines()
                .noneMatch(l -> l.startsWith("udp ")));
            sh("kill", "-CONT", conntrack);
            awaitTrue("ENOBUFS counted", () -> scrape(router, port).getOrDefault("ctscope_loss_warnings_total", 0.0) >= 1);
            Path list = dir.resolve("final-list.txt");
            Files.writeString(list, capture("ip", "netns", "exec", router, "conntrack", "-L", "-o", "extended,id"));
            double reads = scrape(router, port).getOrDefault("ctscope_table_reads_total", 0.0);
            awaitTrue("two more table reads", () -> scrape(router, port).getOrDefault("ctscope_table_reads_total", 0.0) >= reads + 2);
            new ProcessBuilder("kill", "-TERM", Long.toString(ctscope.pid())).start().waitFor();
            assertTrue(ctscope.waitFor(60, TimeUnit.SECONDS), "live ends after SIGTERM");
            String err = Files.readString(dir.resolve("live.err"));
            assertEquals(0, ctscope.exitValue(), err);
            String report = Files.readString(dir.resolve("report.json"));
            IndependentCount listed = IndependentCount.ofDump(list);
            assertEquals(3, listed.entries, "the three TIME_WAIT flows from before the start: " + listed.byState);
            assertEquals(listed.byState, object(report, "\"table\": {", "by_state"), "table vs conntrack -L\n" + err);
            assertTrue(number(report, "\"appeared_without_new\": ") >= 3, "the flows from before the listener");
            Files.copy(dir.resolve("report.json"), Path.of("target", "live-resync-report.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertTrue(number(report, "\"vanished_without_destroy\": ") >= 1, "udp flows whose DESTROY was lost (target/live-resync-report.json)");
            assertTrue(number(report, "\"restarts\": \\d+,\\s*\"loss_warnings\": ") >= 1, "live.loss_warnings: the ENOBUFS on stderr");
            assertTrue(number(report, "\"table_reads\": ") >= 4, "each read ended by conntrack's summary line, events or not");
        } finally {
            for (Process p : started) {
                p.destroyForcibly();
            }
            sh(lab.toString(), "down", prefix);
        }
    }

    private Process startLive(String router, int port, String... extra) throws IOException {
        List<String> live = new ArrayList<>(List.of("ip", "netns", "exec", router,
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        live.addAll(List.of(System.getProperty("ctscope.test.jvmArgs", "").trim().split("\\s+")));
        live.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.ctscope.cli.Main", "live", "--spawn",
            "--queue", dir.resolve("q").toString(), "--metrics", "127.0.0.1:" + port, "--format", "json"));
        live.addAll(List.of(extra));
        return new ProcessBuilder(live).redirectOutput(dir.resolve("report.json").toFile())
            .redirectError(dir.resolve("live.err").toFile()).start();
    }

    private static IndependentCount eventsOf(Path events) throws IOException {
        return IndependentCount.ofEvents(events);
    }

    /** Event sockets (NETLINK_NETFILTER with multicast groups) in the namespace. */
    private static long eventSockets(String ns) throws IOException, InterruptedException {
        return capture("ip", "netns", "exec", ns, "cat", "/proc/net/netlink").lines()
            .map(l -> l.trim().split("\\s+"))
            .filter(f -> f.length >= 10 && f[1].equals("12") && !f[3].equals("Groups") && Long.parseLong(f[3], 16) != 0)
            .count();
    }

    private static Map<String, Double> scrape(String ns, int port) throws IOException, InterruptedException {
        String text = capture("ip", "netns", "exec", ns, "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port
            + " && printf 'GET /metrics HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3 && cat <&3");
        Map<String, Double> m = new TreeMap<>();
        Matcher x = METRIC.matcher(text);
        while (x.find()) {
            m.put(x.group(1) + (x.group(2) == null ? "" : x.group(2)), Double.parseDouble(x.group(3)));
        }
        return m;
    }

    private static Map<String, Double> awaitMetrics(String ns, int port, java.util.function.Predicate<Map<String, Double>> ok) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Double>[] last = new Map[1];
        awaitTrue("metrics", () -> ok.test(last[0] = scrape(ns, port)));
        return last[0];
    }

    private static long number(String json, String before) {
        Matcher m = Pattern.compile(before + "(\\d+)").matcher(json);
        assertTrue(m.find(), before + " in report");
        return Long.parseLong(m.group(1));
    }

    private static Map<String, Long> object(String json, String section, String key) {
        Matcher m = Pattern.compile(Pattern.quote(section) + "[\\s\\S]*?\"" + key + "\": \\{([^}]*)\\}").matcher(json);
        assertTrue(m.find(), key + " in report");
        Map<String, Long> out = new TreeMap<>();
        Matcher e = Pattern.compile("\"([^\"]+)\": (\\d+)").matcher(m.group(1));
        while (e.find()) {
            out.put(e.group(1), Long.parseLong(e.group(2)));
        }
        return out;
    }

    /** Polls {@code condition} (a state of the kernel or of ctscope) until it holds, for at most 60 s. */
    private static void awaitTrue(String what, ThrowingCondition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }

    private static void sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
    }

    private static String capture(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
