package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The whatif command line: the three spellings, the usage errors and their messages, the outputs. */
class WhatifCommandTest {
    @TempDir
    Path dir;

    private Path dump() throws IOException {
        return write("dump.txt",
            "ipv4     2 udp      17 24 src=10.0.0.3 dst=172.16.0.3 sport=1 dport=53 src=172.16.0.3 dst=172.16.0.1 sport=53 dport=1 mark=0 zone=0 use=2",
            "ipv4     2 udp      17 29 src=10.0.0.3 dst=172.16.0.3 sport=2 dport=53 src=172.16.0.3 dst=172.16.0.1 sport=53 dport=2 mark=0 zone=0 use=2");
    }

    private Path write(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void shouldAcceptAllThreeSpellingsOfAName() throws IOException {
        for (String name : List.of("net.netfilter.nf_conntrack_udp_timeout", "net.ipv4.netfilter.ip_conntrack_udp_timeout", "udp_timeout")) {
            WhatifRun r = WhatifRun.run(dump().toString(), "--set", name + "=5");
            assertEquals(0, r.exitCode, r.err);
            assertEquals(5L, r.report.get("timeouts.proposed.udp_timeout"), name);
            assertEquals(1L, r.report.get("removed_now.removed"), name);
        }
    }

    @Test
    void shouldNameTheClosestSettingForAnUnknownOne() throws IOException {
        WhatifRun r = WhatifRun.run(dump().toString(), "--set", "udp_timout=5");
        assertEquals(2, r.exitCode);
        assertEquals("ctscope whatif: unknown setting 'udp_timout' (did you mean udp_timeout?)\n", r.err);
        r = WhatifRun.run(dump().toString(), "--set", "net.netfilter.nf_conntrack_tcp_timeout_establised=3600");
        assertEquals(2, r.exitCode);
        assertTrue(r.err.contains("did you mean tcp_timeout_established?"), r.err);
    }

    @Test
    void shouldRejectNegativeAndNonNumericValues() throws IOException {
        WhatifRun r = WhatifRun.run(dump().toString(), "--set", "udp_timeout=-5");
        assertEquals(2, r.exitCode);
        assertEquals("ctscope whatif: udp_timeout: -5 is negative (expected a whole number of seconds)\n", r.err);
        r = WhatifRun.run(dump().toString(), "--set", "udp_timeout=ten");
        assertEquals(2, r.exitCode);
        assertEquals("ctscope whatif: udp_timeout: 'ten' is not a whole number of seconds\n", r.err);
        r = WhatifRun.run(dump().toString(), "--set", "udp_timeout");
        assertEquals(2, r.exitCode);
        assertTrue(r.err.contains("expected NAME=VALUE"), r.err);
    }

    @Test
    void shouldRejectASettingThatTimesNoEntry() throws IOException {
        WhatifRun r = WhatifRun.run(dump().toString(), "--set", "nf_conntrack_max=1000");
        assertEquals(2, r.exitCode);
        assertTrue(r.err.startsWith("ctscope whatif: --set max: not a timeout of a conntrack entry"), r.err);
    }

    @Test
    void shouldRejectEventsWithoutTimestampsWhenTheyAreTheOnlyEvidence() throws IOException {
        Path events = write("events.txt",
            "    [NEW] udp      17 30 src=10.0.0.3 dst=172.16.0.3 sport=1 dport=53 [UNREPLIED] src=172.16.0.3 dst=172.16.0.1 sport=53 dport=1",
            "[DESTROY] udp      17 src=10.0.0.3 dst=172.16.0.3 sport=1 dport=53 src=172.16.0.3 dst=172.16.0.1 sport=53 dport=1");
        WhatifRun r = WhatifRun.run(events.toString(), "--set", "udp_timeout=5");
        assertEquals(2, r.exitCode);
        assertEquals("ctscope whatif: the events have no timestamps, and events are the only evidence: record them"
            + " with conntrack -E -o timestamp (or give a table dump)\n", r.err);
    }

    @Test
    void shouldAskForAProposal() throws IOException {
        WhatifRun r = WhatifRun.run(dump().toString());
        assertEquals(2, r.exitCode);
        assertEquals("ctscope whatif: nothing proposed: give --set NAME=SECONDS (repeatable) or --timeouts FILE\n", r.err);
    }

    @Test
    void shouldReportBadLinesOfASettingsFileAsAUsageError() throws IOException {
        Path current = write("current.conf", "net.netfilter.nf_conntrack_udp_timeout = 20", "net.netfilter.nf_conntrack_icmp_timeout = soon");
        WhatifRun r = WhatifRun.run(dump().toString(), "--current", current.toString(), "--set", "udp_timeout=5");
        assertEquals(2, r.exitCode);
        assertTrue(r.err.startsWith("ctscope whatif: " + current + ":2: icmp_timeout: 'soon' is not a whole number of seconds\n"), r.err);
        assertTrue(r.err.endsWith("--current " + current + ": 1 bad line(s), see above\n"), r.err);
    }

    @Test
    void shouldTakeTheSettingsInForceAndTheProposalFromFiles() throws IOException {
        Path current = write("sysctl-a.txt", "kernel.pid_max = 4194304", "net.netfilter.nf_conntrack_udp_timeout = 40",
            "net.netfilter.nf_conntrack_max = 65536");
        Path proposed = write("proposed.conf", "# lower UDP", "net.netfilter.nf_conntrack_udp_timeout=15");
        WhatifRun r = WhatifRun.run(dump().toString(), "--current", current.toString(), "--timeouts", proposed.toString());
        assertEquals(0, r.exitCode, r.err);
        assertEquals(40L, r.report.get("timeouts.current.udp_timeout"));
        assertEquals("file", r.report.get("timeouts.source.udp_timeout"));
        assertEquals("default", r.report.get("timeouts.source.icmp_timeout"));
        assertEquals(15L, r.report.get("timeouts.proposed.udp_timeout"));
        assertEquals(1L, r.report.get("removed_now.removed"), "idle 16 and 11 s against 15 s");
        assertEquals(65536L, r.report.get("capacity.max"));
        WhatifRun over = WhatifRun.run(dump().toString(), "--current", current.toString(), "--timeouts", proposed.toString(),
            "--set", "udp_timeout=20");
        assertEquals(20L, over.report.get("timeouts.proposed.udp_timeout"), "--set wins over --timeouts");
    }

    @Test
    void shouldReadThisMachinesSettingsForItsOwnTable() throws IOException {
        Path udp = Path.of("/proc/sys/net/netfilter/nf_conntrack_udp_timeout");
        assumeTrue(Files.isReadable(Path.of("/proc/net/nf_conntrack")) && Files.isReadable(udp), "no conntrack procfs here");
        WhatifRun r = WhatifRun.run("/proc/net/nf_conntrack", "--set", "udp_timeout=5");
        assertEquals(0, r.exitCode, r.err);
        assertEquals("kernel", r.report.get("timeouts.source.udp_timeout"));
        // read as cat reads it: Files.readString gets only the first digit of a /proc/sys number on 6.18
        Process cat = new ProcessBuilder("cat", udp.toString()).start();
        long inForce = Long.parseLong(new String(cat.getInputStream().readAllBytes()).trim());
        assertEquals(inForce, r.report.get("timeouts.current.udp_timeout"));
        assertEquals("/proc/sys/net/netfilter", r.report.get("capacity.max_source"));
    }

    @Test
    void shouldPrintTheDeleteCommandsAndNothingElse() throws IOException {
        WhatifRun r = WhatifRun.run(dump().toString(), "--set", "udp_timeout=5", "--print-deletes");
        assertEquals(0, r.exitCode, r.err);
        assertEquals("conntrack -D -f ipv4 -p udp -s 10.0.0.3 -d 172.16.0.3 --sport 1 --dport 53 -w 0\n", r.out);
    }

    @Test
    void shouldPrintOneTableAsCsv() throws IOException {
        WhatifRun r = WhatifRun.run(dump().toString(), "--set", "udp_timeout=5", "--format", "csv", "--section", "removed_now.by_state");
        assertEquals(0, r.exitCode, r.err);
        assertEquals("key,entries,removed,left,ambiguous,offload,above_setting\nudp,2,1,1,0,0,0\n", r.out);
        WhatifRun missing = WhatifRun.run(dump().toString(), "--set", "udp_timeout=5", "--format", "csv");
        assertEquals(2, missing.exitCode);
    }

    @Test
    void shouldLeadTheTextWithTheVerdict() throws IOException {
        WhatifRun r = WhatifRun.run(dump().toString(), "--set", "udp_timeout=5");
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.out.startsWith("WHATIF  table now 2 \u2192 1 (1 idle past the proposal)\n"), r.out);
    }

    @Test
    void shouldRejectBadNumbersForTheOtherOptions() throws IOException {
        WhatifRun r = WhatifRun.run(dump().toString(), "--set", "udp_timeout=5", "--kernel", "latest");
        assertEquals(2, r.exitCode);
        assertEquals("ctscope whatif: bad kernel version \"latest\": use MAJOR.MINOR, e.g. 4.19 or 6.1\n", r.err);
        r = WhatifRun.run(dump().toString(), "--set", "udp_timeout=5", "--max", "0");
        assertEquals(2, r.exitCode);
        assertEquals("ctscope whatif: --max must be positive, not 0\n", r.err);
        r = WhatifRun.run(dump().toString(), "--set", "udp_timeout=5", "--bytes-per-entry", "-1");
        assertEquals(2, r.exitCode);
        assertEquals("ctscope whatif: --bytes-per-entry must be positive, not -1\n", r.err);
    }

    @Test
    void shouldUseTheOldUdpRulesForAnOldKernel() throws IOException {
        Path assured = write("assured.txt",
            "ipv4     2 udp      17 100 src=10.0.0.3 dst=172.16.0.3 sport=1 dport=53 src=172.16.0.3 dst=172.16.0.1 sport=53 dport=1 [ASSURED] mark=0 zone=0 use=2");
        // before 5.0 the stream timeout defaults to 180 s: 100 s left is 80 s idle, not 20 s
        WhatifRun old = WhatifRun.run(assured.toString(), "--set", "udp_timeout_stream=60", "--kernel", "4.19.0-27-amd64");
        assertEquals(180L, old.report.get("timeouts.current.udp_timeout_stream"));
        assertEquals(1L, old.report.get("removed_now.removed"));
        WhatifRun current = WhatifRun.run(assured.toString(), "--set", "udp_timeout_stream=60");
        assertEquals(120L, current.report.get("timeouts.current.udp_timeout_stream"));
        assertEquals(0L, current.report.get("removed_now.removed"));
    }

    @Test
    void shouldApplyTheReportsFilters() throws IOException {
        Path mixed = write("mixed.txt",
            "ipv4     2 udp      17 24 src=10.0.0.3 dst=172.16.0.3 sport=1 dport=53 src=172.16.0.3 dst=172.16.0.1 sport=53 dport=1 mark=0 zone=0 use=2",
            "ipv4     2 tcp      6 100 TIME_WAIT src=10.0.0.2 dst=172.16.0.2 sport=5 dport=80 src=172.16.0.2 dst=172.16.0.1 sport=80 dport=5 [ASSURED] mark=0 zone=0 use=2");
        WhatifRun r = WhatifRun.run(mixed.toString(), "--set", "udp_timeout=5", "--set", "tcp_timeout_time_wait=5", "--proto", "tcp");
        assertEquals(0, r.exitCode, r.err);
        assertEquals(1L, r.report.get("removed_now.entries"));
        assertEquals(1L, r.report.get("removed_now.by_state.tcp/TIME_WAIT.removed"));
        assertEquals(1L, r.report.get("filter.excluded"));
    }

    @Test
    void shouldGiveTheSameAnswerFromAJournal() throws IOException {
        Path recorded = LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt");
        Path queue = dir.resolve("queue");
        CliRun ingest = CliRun.run("ingest", "--queue", queue.toString(), recorded.toString());
        assertEquals(0, ingest.exitCode, ingest.err);
        WhatifRun fromFile = WhatifRun.run(recorded.toString(), "--set", "udp_timeout=2", "--format", "json");
        WhatifRun fromQueue = WhatifRun.run("--queue", queue.toString(), "--set", "udp_timeout=2", "--format", "json");
        assertEquals(0, fromQueue.exitCode, fromQueue.err);
        for (String key : List.of("verdict", "current", "projected", "at_risk", "censored", "evidence", "timeouts")) {
            assertEquals(json(fromFile, key), json(fromQueue, key), key);
        }
    }

    private static String json(WhatifRun r, String key) {
        io.ctscope.analysis.report.Report one = new io.ctscope.analysis.report.Report();
        one.root().put(key, r.report.get(key));
        return io.ctscope.analysis.report.JsonRenderer.render(one);
    }

    @Test
    void shouldFitTheHelpIn80Columns() {
        CliRun r = CliRun.run("whatif", "--help");
        assertEquals(0, r.exitCode);
        for (String line : r.out.split("\n")) {
            assertTrue(line.length() <= 80, "too wide: " + line);
        }
    }
}
