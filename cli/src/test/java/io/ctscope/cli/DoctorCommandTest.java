package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static io.ctscope.cli.SampleFiles.corpus;
import static io.ctscope.cli.SampleFiles.lab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ctscope doctor on files: the lab's real 6.18 recordings, the corpus's published stats and kernel
 * logs, and small hand-written inputs whose figures are read off their lines.
 */
class DoctorCommandTest {
    @TempDir
    Path dir;



    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void shouldFindTheLabRouterHealthyWithItsOwnNumbers() {
        CliRun r = CliRun.run("doctor", lab("snap-b-sysctl.txt"), lab("snap-b-stats.txt"), lab("snap-b-proc.txt"));
        assertEquals(0, r.exitCode, r.out + r.err);
        // snap-b-sysctl.txt line 4: nf_conntrack_count = 13, line 16: nf_conntrack_max = 262144
        assertTrue(r.out.startsWith("CONNTRACK OK: 0 critical, 0 warnings\n"), r.out);
        assertTrue(r.out.contains("OK        given: table 13 of 262144 entries (<0.1% of nf_conntrack_max)"), r.out);
        assertTrue(r.out.contains("snap-b-sysctl.txt:4"), r.out);
        // snap-b-proc.txt: 13 lines; 4 udp, 3 tcp ESTABLISHED (the lab sets established to 60 s: no timeout advice)
        assertTrue(r.out.contains("udp holds 30.8% of the 13 entries"), r.out);
        assertFalse(r.out.contains("PROPOSED"), r.out);
    }

    @Test
    void shouldReadOneInputFromStandardInputAsFromItsFile() throws java.io.IOException {
        CliRun files = CliRun.run("doctor", "--format", "nagios", lab("snap-b-sysctl.txt"), lab("snap-b-stats.txt"),
            lab("snap-b-proc.txt"));
        java.io.InputStream saved = System.in;
        CliRun piped;
        try {
            System.setIn(new java.io.ByteArrayInputStream(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
                lab("snap-b-stats.txt")))));
            piped = CliRun.run("doctor", "--format", "nagios", lab("snap-b-sysctl.txt"), "-", lab("snap-b-proc.txt"));
        } finally {
            System.setIn(saved);
        }
        assertEquals(files.exitCode, piped.exitCode, piped.err);
        assertEquals(files.out, piped.out);
        assertTrue(piped.out.contains("drop"), piped.out); // the counters from standard input were read
        assertEquals("", piped.err);
    }

    @Test
    void shouldPrintTheNagiosLineWithPerfdataAgainstTheThresholds() {
        CliRun r = CliRun.run("doctor", "--format", "nagios", "--warn", "80%", "--crit", "95",
            lab("snap-b-sysctl.txt"), lab("snap-b-stats.txt"));
        assertEquals(0, r.exitCode, r.err);
        // 262144 x 0.80 = 209715.2, x 0.95 = 249036.8: rounded down
        assertEquals("CONNTRACK OK - given: table 13 of 262144 entries (<0.1% of nf_conntrack_max)"
            + " | entries=13;209715;249036;0;262144 drop=0c early_drop=0c insert_failed=0c\n", r.out);
    }

    @Test
    void shouldWarnOnTheAksNodesDropCountersWithoutARate() {
        CliRun r = CliRun.run("doctor", corpus("stats__unresolved_repo__aks_5.15_conntrack_S_early_drop.txt"));
        assertEquals(1, r.exitCode, r.out + r.err);
        // cpu=0 drop=4 insert_failed=4 early_drop=939985; cpu=1 drop=1 insert_failed=1 early_drop=938060
        assertTrue(r.out.contains("WARNING   given: drop=5 early_drop=1878045 insert_failed=5"), r.out);
        assertTrue(r.out.contains("give two samples"), r.out);
    }

    @Test
    void shouldGiveRatesFromTwoSamplesAndCallOngoingDropsCritical() throws IOException {
        Path a = write("s1.txt", "cpu=0   \tfound=0 invalid=0 insert=0 insert_failed=0 drop=10 early_drop=0 error=0 search_restart=0 \n");
        Path b = write("s2.txt", "cpu=0   \tfound=0 invalid=0 insert=0 insert_failed=0 drop=40 early_drop=0 error=0 search_restart=0 \n");
        Files.setLastModifiedTime(a, FileTime.fromMillis(1_700_000_000_000L));
        Files.setLastModifiedTime(b, FileTime.fromMillis(1_700_000_030_000L));
        CliRun r = CliRun.run("doctor", "--format", "json", a.toString(), b.toString());
        assertEquals(2, r.exitCode, r.out + r.err);
        assertTrue(r.out.contains("\"rates_per_s\": {\n          \"found\": 0,\n          \"invalid\": 0,\n          \"insert\": 0,\n          \"insert_failed\": 0,\n          \"drop\": 1,"), r.out); // (40 - 10) / 30 s
        assertTrue(r.out.contains("drop: 30 more (1.00/s) over the 30s"), r.out);
    }

    @Test
    void shouldReportEveryTableFullPlaceOfALogWithSuppressions() {
        CliRun r = CliRun.run("doctor", corpus("kernlog__unresolved_repo__geektime_course_dmesg_net_ratelimit.txt"));
        assertEquals(2, r.exitCode, r.out + r.err);
        assertTrue(r.out.contains("CRITICAL  table full: 3 kernel messages"), r.out);
        assertTrue(r.out.contains("+ 3939 messages suppressed"), r.out);
    }

    @Test
    void shouldNameTheNamespaceOfA618Message() throws IOException {
        Path log = write("dmesg.txt", "[ 5123.000001] nf_conntrack: nf_conntrack: table full in netns 4026532246, dropping packet\n"
            + "[ 5123.500000] nf_conntrack: nf_conntrack: table full in netns 4026532246, dropping packet\n");
        CliRun r = CliRun.run("doctor", "--format", "json", log.toString());
        assertEquals(2, r.exitCode, r.out + r.err);
        assertTrue(r.out.contains("\"netns\": 4026532246"), r.out);
        assertTrue(r.out.contains("netns 4026532246 (not among the namespaces read)"), r.out);
    }

    @Test
    void shouldBackTheTimeoutAdviceWithAWhatifProjectionOnTheDump() throws IOException {
        Path sysctl = write("sysctl.txt", "net.netfilter.nf_conntrack_max = 4\nnet.netfilter.nf_conntrack_count = 4\n");
        StringBuilder dump = new StringBuilder();
        // remaining 100000 of 432000: idle 332000 s, past 54000; one fresh entry (remaining 431990)
        for (int i = 1; i <= 3; i++) {
            dump.append("ipv4     2 tcp      6 100000 ESTABLISHED src=10.0.0.").append(i)
                .append(" dst=10.1.0.1 sport=40000 dport=443 src=10.1.0.1 dst=10.0.0.").append(i)
                .append(" sport=443 dport=40000 [ASSURED] mark=0 zone=0 use=2\n");
        }
        dump.append("ipv4     2 tcp      6 431990 ESTABLISHED src=10.0.0.9 dst=10.1.0.1 sport=40000 dport=443 src=10.1.0.1"
            + " dst=10.0.0.9 sport=443 dport=40000 [ASSURED] mark=0 zone=0 use=2\n");
        Path table = write("nf_conntrack.txt", dump.toString());
        CliRun r = CliRun.run("doctor", sysctl.toString(), table.toString());
        assertEquals(2, r.exitCode, r.out + r.err);
        assertTrue(r.out.contains("CRITICAL  given: table 4 of 4 entries (100% of nf_conntrack_max)"), r.out);
        assertTrue(r.out.contains("PROPOSED sysctl.conf (whatif)"), r.out);
        assertTrue(r.out.contains("net.netfilter.nf_conntrack_max = 8"), r.out);
        assertTrue(r.out.contains("net.netfilter.nf_conntrack_tcp_timeout_established = 54000"), r.out);
        assertTrue(r.out.contains("# whatif on " + table + ": table now 4 → 1"), r.out);
        assertTrue(r.out.contains("tcp/ESTABLISHED: 4 (100.0%); 1m-1h 1, >1d 3") || r.out.contains("tcp/ESTABLISHED: 4 (100.0%); idle <1m 1, >1d 3"), r.out);
    }

    @Test
    void shouldMarkTheTimeoutAdviceARuleOfThumbWithoutADump() throws IOException {
        Path sysctl = write("sysctl.txt", "net.netfilter.nf_conntrack_max = 100\nnet.netfilter.nf_conntrack_count = 99\n");
        CliRun r = CliRun.run("doctor", sysctl.toString());
        assertEquals(2, r.exitCode);
        assertTrue(r.out.contains("PROPOSED sysctl.conf (rule of thumb)"), r.out);
        assertTrue(r.out.contains("net.netfilter.nf_conntrack_tcp_timeout_established = 54000"), r.out);
    }

    @Test
    void shouldExitUnknownOnUsageErrorsAndUnreadableInput() throws IOException {
        assertEquals(3, CliRun.run("doctor").exitCode);
        assertEquals(3, CliRun.run("doctor", "--bogus").exitCode);
        CliRun th = CliRun.run("doctor", "--warn", "90%", "--crit", "80%", lab("snap-b-stats.txt"));
        assertEquals(3, th.exitCode);
        assertTrue(th.err.contains("--warn 90.0% is above --crit 80.0%"), th.err);
        CliRun missing = CliRun.run("doctor", dir.resolve("nope.txt").toString());
        assertEquals(3, missing.exitCode, missing.out + missing.err);
        assertTrue(missing.err.contains("nope.txt"), missing.err);
        Path text = write("notes.txt", "hello\n");
        CliRun other = CliRun.run("doctor", text.toString(), lab("snap-b-stats.txt"));
        assertEquals(3, other.exitCode, other.out);
        assertTrue(other.err.contains("notes.txt: looks like text that is not conntrack output"), other.err);
    }
}
