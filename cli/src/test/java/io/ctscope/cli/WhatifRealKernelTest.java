package io.ctscope.cli;

import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * whatif against the real kernel (cli/src/test/resources/whatif-lab: client -> NAT router -> server in
 * private namespaces, a fixed workload of UDP request/reply, UDP streams (some active without events for
 * 4.5 s after they go ASSURED), short TCP, unanswered UDP and SYNs, and pings, in three waves at 0, 3 and
 * 5 s). The same workload runs under timeouts A and B (B lower for every state it uses) and once more
 * under A with nothing reading the table (DESTROYs lag), with the live entries sampled every 0.1 s (every
 * 10th read kept as a dump beside the stream) and the table copied at the same moment (8 s) of the A and
 * B runs.
 * What whatif projects from one run must be what the kernel did in the other. Needs root; fails under CI
 * without it.
 */
class WhatifRealKernelTest {
    @TempDir
    static Path dir;
    static Path lab;
    static Path a;
    static Path b;
    static Path lag;
    static Path drain;

    @BeforeAll
    static void runTheLab() throws Exception {
        LabPrerequisites.require();
        LabPrerequisites.requireTool("python3");
        lab = Path.of(WhatifRealKernelTest.class.getResource("/whatif-lab/whatif-lab.sh").toURI()).getParent();
        a = dir.resolve("a");
        b = dir.resolve("b");
        lag = dir.resolve("lag");
        drain = dir.resolve("drain");
        // under B (4 s) the peak is waves 3 and 5 with wave 0's streams (their last packet at 2.7 s): 1.7 s
        // between wave 5's start and those streams' expiry, so a wave started late under load stays inside it
        String waves = "waves=0,3,5 snap=8 streams=1";
        // three independent namespaces sets, run side by side to keep the test short
        List<Process> runs = List.of(
            start(a, "a.conf", "events-reap", waves, null),
            start(b, "b.conf", "events-reap", waves, null),
            start(lag, "a.conf", "events-count", "waves=0,3,5 streams=1", null));
        for (Process p : runs) {
            finish(p);
        }
        finish(start(drain, "drain-a.conf", "drain", "waves=0,3,7 snap=9 streams=0", "drain-b.conf"));
    }

    private static Process start(Path out, String timeouts, String mode, String spec, String lower) throws IOException {
        Files.createDirectories(out);
        List<String> cmd = new ArrayList<>(List.of("bash", lab.resolve("whatif-lab.sh").toString(), out.toString(),
            lab.resolve(timeouts).toString(), mode, spec));
        if (lower != null) {
            cmd.add(lab.resolve(lower).toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("lab.log").toFile());
        pb.environment().put("WHATIF_CMD", Path.of(System.getProperty("java.home"), "bin", "java") + " -cp "
            + System.getProperty("java.class.path") + " io.ctscope.cli.Main");
        return pb.start();
    }

    private static void finish(Process p) throws Exception {
        boolean done = p.waitFor(240, TimeUnit.SECONDS);
        if (!done) {
            p.destroy(); // the script's EXIT trap removes its namespaces
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
        assertTrue(done, "the lab did not finish in 240 s");
        assertEquals(0, p.exitValue(), "the lab failed: " + String.join(" ", p.info().arguments().orElse(new String[0])));
    }

    /** The workload's events: what the listener printed after the lab's probe and flush. */
    private static Path events(Path run) throws IOException {
        byte[] all = Files.readAllBytes(run.resolve("events.txt"));
        int from = Integer.parseInt(Files.readString(run.resolve("events.start")).trim());
        Path f = run.resolve("workload-events.txt");
        Files.write(f, java.util.Arrays.copyOfRange(all, from, all.length));
        return f;
    }

    /** The largest count the 0.1 s sampler saw. */
    private static long measuredPeak(Path run) throws IOException {
        long peak = 0;
        for (String line : Files.readAllLines(run.resolve("samples.txt"))) {
            peak = Math.max(peak, Long.parseLong(line.substring(line.indexOf(' ') + 1)));
        }
        return peak;
    }

    /**
     * The workload's flows in a run's capture, as the client made them: protocol and source port (ICMP id)
     * of each NEW, one per conntrack entry (the last {@code id=} of a line). The workload gives every flow
     * its own port, so each run must show all of them, each once: else the kernel saw another workload.
     */
    private static java.util.Set<String> workloadFlows(Path run) throws IOException {
        java.util.Set<String> flows = new java.util.TreeSet<>();
        java.util.Set<String> entries = new java.util.HashSet<>();
        for (String line : Files.readAllLines(events(run))) {
            if (!line.contains("[NEW]")) {
                continue;
            }
            String[] f = line.substring(line.indexOf(']', line.indexOf("[NEW]")) + 1).trim().split("\\s+");
            String port = f[2].equals("icmp") ? first(line, " id=") : first(line, " sport=");
            flows.add(f[2] + ":" + port);
            entries.add(line.substring(line.lastIndexOf(" id=") + 4));
        }
        assertEquals(flows.size(), entries.size(), run + ": a flow's tuple was used by two entries");
        return flows;
    }

    private static String first(String line, String key) {
        int at = line.indexOf(key) + key.length();
        int end = line.indexOf(' ', at);
        return line.substring(at, end < 0 ? line.length() : end);
    }

    /** Both runs made the same flows, every one of them: 52 per wave, 3 waves. */
    private static void assertSameWorkload(Path projected, Path measured) throws IOException {
        java.util.Set<String> p = workloadFlows(projected);
        assertEquals(3 * 52, p.size(), projected + ": the workload's flows");
        assertEquals(p, workloadFlows(measured), "the two runs made different flows");
    }

    private static WhatifRun whatif(String... args) {
        WhatifRun r = WhatifRun.run(args);
        assertEquals(0, r.exitCode, r.err);
        return r;
    }

    private static String conf(String name) {
        return lab.resolve(name).toString();
    }

    private static void assertProjectionHolds(WhatifRun r, long measuredUnderB, String what) {
        long low = r.num("projected.peak_low");
        long point = r.num("projected.peak");
        long high = r.num("projected.peak_high");
        String msg = what + ": measured " + measuredUnderB + ", projected " + point + " [" + low + ", " + high + "]";
        assertTrue(low <= measuredUnderB && measuredUnderB <= high, msg);
        assertTrue(Math.abs(point - measuredUnderB) <= 0.10 * measuredUnderB, msg);
        assertEquals(0L, r.report.get("input.bad_lines"), what + ": bad lines in the kernel's own output\n" + r.err);
    }

    private static void assertCurrentPeak(WhatifRun r, long measured, String what) {
        long current = r.num("current.peak");
        assertTrue(Math.abs(current - measured) <= 0.05 * measured, what + ": current.peak " + current + ", measured " + measured);
    }

    @Test
    void shouldProjectALoweringFromTheCaptureUnderA() throws IOException {
        assertSameWorkload(a, b);
        WhatifRun r = whatif(events(a).toString(), "--current", conf("a.conf"), "--timeouts", conf("b.conf"));
        assertProjectionHolds(r, measuredPeak(b), "A capture under B");
        assertCurrentPeak(r, measuredPeak(a), "A capture");
        assertTrue(r.num("projected.peak") < r.num("current.peak"), "lowering must lower the peak");
        // the kernel prints the full timeout it applies on NEW/UPDATE: the stream agrees with the sysctls set
        assertEquals(List.of(), r.report.get("timeouts.warnings"));
        assertEquals("stream", r.report.get("timeouts.source.udp_timeout"));
        assertEquals(10L, r.report.get("timeouts.current.udp_timeout"));
        assertEquals(12L, r.report.get("timeouts.current.udp_timeout_stream"), "the streams went ASSURED at 2.7 s");
        assertEquals(10L, r.report.get("timeouts.current.tcp_timeout_time_wait"));
    }

    @Test
    void shouldProjectARaisingFromTheCaptureUnderB() throws IOException {
        assertSameWorkload(b, a);
        WhatifRun r = whatif(events(b).toString(), "--current", conf("b.conf"), "--timeouts", conf("a.conf"));
        assertProjectionHolds(r, measuredPeak(a), "B capture under A");
        assertCurrentPeak(r, measuredPeak(b), "B capture");
        assertTrue(r.num("projected.peak") > r.num("current.peak"), "raising must raise the peak");
    }

    @Test
    void shouldProjectFromACaptureWhoseDestroysLag() throws IOException {
        assertSameWorkload(lag, b);
        WhatifRun r = whatif(events(lag).toString(), "--current", conf("a.conf"), "--timeouts", conf("b.conf"));
        assertTrue(((Number) r.report.get("evidence.lag_max_s")).doubleValue() > 2,
            "nothing read the table, so the gc should have reaped late: " + r.report.get("evidence"));
        assertProjectionHolds(r, measuredPeak(b), "lagging A capture under B");
        // nothing reaped: nf_conntrack_count is the count the events show (entries until their DESTROY)
        assertCurrentPeak(r, measuredPeak(lag), "lagging A capture");
    }

    @Test
    void shouldNarrowTheBandWithDumpsTakenBesideTheStream() throws IOException {
        assertSameWorkload(a, b);
        List<String> dumps = dumps(a);
        assertTrue(dumps.size() >= 5, "the sampler keeps a dump every second: " + dumps);
        List<String> args = new ArrayList<>(List.of(events(a).toString()));
        args.addAll(dumps);
        args.addAll(List.of("--current", conf("a.conf"), "--timeouts", conf("b.conf")));
        WhatifRun alone = whatif(events(a).toString(), "--current", conf("a.conf"), "--timeouts", conf("b.conf"));
        WhatifRun beside = whatif(args.toArray(new String[0]));
        // the long streams refresh for 4.5 s after their ASSURED event without one: the dumps show it
        assertTrue(beside.num("evidence.dump_bounded") >= 6, "6 long streams: " + beside.report.get("evidence"));
        assertEquals(0L, beside.report.get("evidence.dump_entries_untimed"));
        List<long[]> without = series(alone);
        List<long[]> with = series(beside);
        assertEquals(without.size(), with.size());
        long raised = 0;
        for (int k = 0; k < with.size(); k++) {
            long[] p = with.get(k);
            long[] q = without.get(k);
            assertEquals(q[3], p[3], "high is the same at " + p[0]);
            assertTrue(p[2] >= q[2] && p[2] <= p[1] && p[1] <= p[3], "low rises, under point and high at " + p[0]);
            raised += p[2] - q[2];
        }
        assertTrue(raised > 0, "the dumps raised the low curve");
        assertTrue(((Number) beside.report.get("projected.mean_low")).doubleValue()
            > ((Number) alone.report.get("projected.mean_low")).doubleValue());
        // and the narrower band still holds what the kernel did under B
        assertProjectionHolds(beside, measuredPeak(b), "A capture with its dumps under B");
        assertEquals(alone.report.get("current.peak"), beside.report.get("current.peak"), "dumps are evidence, not flows");
    }

    /**
     * The same run judged against itself: projected under the settings it ran with, from its events and
     * the dumps beside them, the band must hold the table the sampler read, at every second where that
     * table stood still (every sample from 0.35 s before to 0.15 s after the second the same: the curves
     * step at other instants, and the events' times run some ms behind the kernel).
     */
    @Test
    void shouldHoldTheRunsOwnTableWithTheDumpsBesideIt() throws IOException {
        List<String> args = new ArrayList<>(List.of(events(a).toString()));
        args.addAll(dumps(a));
        args.addAll(List.of("--current", conf("a.conf"), "--timeouts", conf("a.conf")));
        WhatifRun beside = whatif(args.toArray(new String[0]));
        WhatifRun alone = whatif(events(a).toString(), "--current", conf("a.conf"), "--timeouts", conf("a.conf"));
        List<double[]> samples = new ArrayList<>();
        for (String line : Files.readAllLines(a.resolve("samples.txt"))) {
            samples.add(new double[] {Double.parseDouble(line.substring(0, line.indexOf(' '))),
                Long.parseLong(line.substring(line.indexOf(' ') + 1))});
        }
        List<long[]> with = series(beside);
        List<long[]> without = series(alone);
        int checked = 0;
        for (int k = 0; k < with.size(); k++) {
            long[] p = with.get(k);
            long steady = steadyCount(samples, p[0]);
            if (steady < 0) {
                continue;
            }
            checked++;
            String at = "at " + p[0] + ": the table held " + steady + ", band " + p[2] + ".." + p[3]
                + " (without the dumps from " + without.get(k)[2] + ")";
            assertTrue(p[2] <= steady && steady <= p[3], at);
            assertTrue(without.get(k)[2] <= p[2], at);
        }
        assertTrue(checked >= 8, "too few steady seconds: " + checked);
    }

    /** The table's size around {@code second} when every sample from 0.35 s before to 0.15 s after agrees, else -1. */
    private static long steadyCount(List<double[]> samples, long second) {
        long value = -1;
        int n = 0;
        for (double[] s : samples) {
            if (s[0] >= second - 0.35 && s[0] <= second + 0.15) {
                if (n > 0 && (long) s[1] != value) {
                    return -1;
                }
                value = (long) s[1];
                n++;
            }
        }
        return n >= 4 ? value : -1;
    }

    private static List<String> dumps(Path run) throws IOException {
        List<String> dumps = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(run.resolve("dumps"))) {
            files.sorted().forEach(f -> dumps.add(f.toString()));
        }
        return dumps;
    }

    private static List<long[]> series(WhatifRun r) {
        @SuppressWarnings("unchecked")
        List<long[]> series = (List<long[]>) r.report.get("projected.series");
        return series;
    }

    /** Entries of a /proc/net/nf_conntrack copy per protocol and state, counted from its columns. */
    private static Map<String, Long> byState(Path dump) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : Files.readAllLines(dump)) {
            String[] f = line.trim().split("\\s+");
            String key = f[2].equals("tcp") || f[2].equals("sctp") ? f[2] + "/" + f[5] : f[2];
            counts.merge(key, 1L, Long::sum);
        }
        return counts;
    }

    @Test
    void shouldLeaveExactlyTheEntriesOfDumpBFromDumpA() throws IOException {
        WhatifRun r = whatif(a.resolve("snap.txt").toString(), "--current", conf("a.conf"), "--timeouts", conf("b.conf"));
        Map<String, Long> underA = byState(a.resolve("snap.txt"));
        Map<String, Long> underB = byState(b.resolve("snap.txt"));
        Map<String, Long> left = new TreeMap<>();
        Map<String, Long> entries = new TreeMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> states = (Map<String, Object>) r.report.get("removed_now.by_state");
        for (Map.Entry<String, Object> e : states.entrySet()) {
            Map<?, ?> m = (Map<?, ?>) e.getValue();
            entries.put(e.getKey(), ((Number) m.get("entries")).longValue());
            if (((Number) m.get("left")).longValue() > 0) {
                left.put(e.getKey(), ((Number) m.get("left")).longValue());
            }
        }
        assertEquals(underA, entries, "dump A as whatif read it");
        assertEquals(underB, left, "what the proposal leaves of dump A = dump B");
        assertTrue(r.num("removed_now.removed") > 0, "the proposal must remove something");
        assertEquals(0, r.num("removed_now.ambiguous"));
    }

    @Test
    void shouldDrainAsPredictedAndEmptyAtOnceAfterTheDeletes() throws IOException {
        Report report = parseJsonFree(drain);
        double dumpAt = Double.parseDouble(Files.readString(drain.resolve("snap.at")).trim());
        double deletesAt = Double.parseDouble(Files.readString(drain.resolve("deletes.at")).trim());
        long[] leftAfter = entriesLeftBySecond(report);
        int checked = 0;
        java.util.Set<Long> seen = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(drain.resolve("samples.txt"))) {
            double t = Double.parseDouble(line.substring(0, line.indexOf(' ')));
            long n = Long.parseLong(line.substring(line.indexOf(' ') + 1));
            double d = t - dumpAt;
            // an entry printed with r s left is there until r, maybe until r + 1: between the two counts
            if (d < 0.05 || t > deletesAt - 0.05 || Math.abs(d - Math.rint(d)) < 0.1) {
                continue;
            }
            long surely = at(leftAfter, (long) Math.ceil(d));
            long maybe = at(leftAfter, (long) Math.floor(d));
            assertTrue(surely <= n && n <= maybe, "at dump + " + d + " s the table had " + n + ", predicted " + surely + ".." + maybe);
            checked++;
            seen.add(n);
        }
        assertTrue(checked > 20, "too few samples between the dump and the deletes: " + checked);
        assertTrue(seen.size() >= 2, "the table should have drained some before the deletes: " + seen);
        List<String> deletes = Files.readAllLines(drain.resolve("deletes.sh"));
        assertEquals(((Number) report.get("removed_now.removed")).longValue(), deletes.size());
        assertTrue(deletes.stream().allMatch(l -> l.startsWith("conntrack -D -f ipv4 -p ")), deletes.toString());
        // right after the deletes the table holds what the proposal leaves, less what has left on its own
        // by then: the deletes run when the lab gets to them (a JVM start first, on a loaded machine)
        long afterDeletes = Files.readAllLines(drain.resolve("deletes.after")).size();
        double readAt = Double.parseDouble(Files.readString(drain.resolve("deletes.read")).trim());
        long[] keptAfter = keptBySecond(report);
        long fewest = at(keptAfter, (long) Math.ceil(readAt - dumpAt));
        long most = at(keptAfter, (long) Math.floor(deletesAt - dumpAt));
        assertTrue(fewest <= afterDeletes && afterDeletes <= most, "after the conntrack -D commands (" + (deletesAt - dumpAt)
            + " to " + (readAt - dumpAt) + " s after the dump) the table held " + afterDeletes + ", of the "
            + report.get("removed_now.left") + " the proposal leaves " + fewest + ".." + most + " still there");
        assertTrue(most > 0, "the deletes came after every kept entry had left: nothing was checked");
    }

    /** The drain run's report, recomputed in-process from its dump (the lab printed the same as JSON). */
    private static Report parseJsonFree(Path run) {
        return whatif(run.resolve("snap.txt").toString(), "--current", conf("drain-a.conf"), "--timeouts", conf("drain-b.conf")).report;
    }

    private static long[] entriesLeftBySecond(Report report) {
        return bySecond(report, false);
    }

    /** Per second after the dump: the timed entries the proposal keeps that are still there (entries less removable). */
    private static long[] keptBySecond(Report report) {
        return bySecond(report, true);
    }

    /** {@code removed_now.drain.series} as an array by second: entries left, or only those the proposal keeps. */
    private static long[] bySecond(Report report, boolean keptOnly) {
        @SuppressWarnings("unchecked")
        List<long[]> series = (List<long[]>) report.get("removed_now.drain.series");
        long[] left = new long[(int) series.get(series.size() - 1)[0] + 2];
        for (long[] p : series) {
            if (p[0] < left.length) {
                left[(int) p[0]] = keptOnly ? p[2] - p[1] : p[2];
            }
        }
        return left;
    }

    private static long at(long[] left, long second) {
        return second < left.length ? left[(int) second] : 0;
    }
}
