package io.ctscope.ingest.sysctl;

import io.ctscope.ingest.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysctlReaderTest {
    private final List<String> bad = new ArrayList<>();

    private boolean collect(String input, long line, String reason) {
        bad.add(input + ":" + line + ": " + reason);
        return true;
    }

    private SysctlSettings parse(String text) throws IOException {
        return SysctlReader.parse("t.conf", new BufferedReader(new StringReader(text)), this::collect);
    }

    /** The conntrack names of a file, worked out with a regex instead of SysctlNames. */
    private static Set<String> namesByRegex(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(file)) {
            String name = line.split("=")[0].trim();
            String leaf = name.replaceFirst("^net\\.(ipv4\\.netfilter|netfilter|ipv6)\\.", "").replaceFirst("^net\\.", "");
            if (leaf.matches("(nf|ip)_conntrack_\\w+")) {
                names.add(leaf.replaceFirst("^ip_", "nf_"));
            }
        }
        return names;
    }

    @Test
    void shouldReadEveryCorpusSysctlFileWithoutABadLine() throws IOException {
        List<Path> files = TestFiles.corpusFiles("sysctl__");
        assertEquals(6, files.size(), "the corpus has six sysctl files");
        for (Path f : files) {
            bad.clear();
            SysctlSettings s = SysctlReader.read(f, this::collect);
            assertEquals(List.of(), bad, f.getFileName().toString());
            Set<String> read = new TreeSet<>();
            s.all().forEach(x -> read.add(x.name()));
            assertEquals(namesByRegex(f), read, f.getFileName().toString());
        }
    }

    @Test
    void shouldReadTheValuesThePastesShow() throws IOException {
        SysctlSettings vyatta = SysctlReader.read(TestFiles.corpusFile("sysctl__blackbird_si_blog__vyatta_ip_conntrack_max_count.txt"), this::collect);
        assertEquals(917504, vyatta.value("nf_conntrack_max").getAsLong());
        assertEquals(917115, vyatta.value("count").getAsLong());
        SysctlSettings rhel6 = SysctlReader.read(TestFiles.corpusFile("sysctl__unresolved_repo__gy-vm02_sysctl_grep_nf_conntrack.txt"), this::collect);
        assertEquals(4000, rhel6.value("tcp_timeout_established").getAsLong());
        assertTrue(rhel6.get("net.ipv6.nf_conntrack_frag6_timeout").isPresent());
        SysctlSettings k8s = SysctlReader.read(TestFiles.corpusFile("sysctl__canonical_hotsos__k8s_ubuntu_5.4_sysctl_a.txt"), this::collect);
        assertEquals(1, k8s.otherLines(), "net.ipv4.vs.conntrack is IPVS's");
        assertEquals(1, k8s.overridden().size(), "net.nf_conntrack_max repeats net.netfilter.nf_conntrack_max");
        SysctlSettings legacy = SysctlReader.read(TestFiles.corpusFile("sysctl__unresolved_repo__ipv4_netfilter_ip_conntrack.txt"), this::collect);
        assertEquals(180, legacy.value("net.netfilter.nf_conntrack_udp_timeout_stream").getAsLong());
        assertEquals(List.of(), bad);
    }

    @Test
    void shouldReadTheLabRecordingOfThisKernel() throws IOException {
        Path f = TestFiles.root().resolve("samples/lab/recorded/snap-a-sysctl.txt");
        SysctlSettings s = SysctlReader.read(f, this::collect);
        assertEquals(List.of(), bad);
        assertEquals(5, s.value("udp_timeout").getAsLong());
        assertEquals(10, s.value("udp_timeout_stream").getAsLong());
        assertEquals(namesByRegex(f).size(), s.size());
        long tcp = s.ofKind(SysctlKind.TIMEOUT).stream().filter(x -> x.name().startsWith("nf_conntrack_tcp_timeout_")).count();
        long sctp = s.ofKind(SysctlKind.TIMEOUT).stream().filter(x -> x.name().startsWith("nf_conntrack_sctp_timeout_")).count();
        assertEquals(10, tcp, "6.18 has ten TCP timeouts (eight states, max_retrans, unacknowledged)");
        assertEquals(8, sctp, "6.18 has eight SCTP timeouts (no heartbeat_acked)");
    }

    @Test
    void shouldReadSysctlConfAndSysctlDConventions() throws IOException {
        SysctlSettings s = parse("# kube-proxy\n; old style comment\n\nnet.netfilter.nf_conntrack_max=131072\n"
            + "-net.netfilter.nf_conntrack_tcp_timeout_established = 86400\n"
            + "net.netfilter.nf_conntrack_tcp_timeout_close_wait=3600\r\n"
            + "kernel.pid_max = 4194304\n"
            + "net.netfilter.nf_conntrack_max = 262144\n");
        assertEquals(List.of(), bad);
        assertEquals(262144, s.value("nf_conntrack_max").getAsLong(), "the later line wins, as sysctl --system does");
        assertEquals(86400, s.value("tcp_timeout_established").getAsLong());
        assertEquals(3600, s.value("tcp_timeout_close_wait").getAsLong());
        assertEquals(1, s.otherLines());
        assertEquals("t.conf:8", s.get("nf_conntrack_max").get().where());
        assertEquals(131072, s.overridden().get(0).value());
    }

    @Test
    void shouldReadGrepOfProcSys() throws IOException {
        SysctlSettings s = parse("/proc/sys/net/netfilter/nf_conntrack_udp_timeout:30\n/proc/sys/net/nf_conntrack_max:65536\n");
        assertEquals(List.of(), bad);
        assertEquals(30, s.value("udp_timeout").getAsLong());
        assertEquals(65536, s.value("nf_conntrack_max").getAsLong());
    }

    @Test
    void shouldReportBadLinesAndKeepTheRest() throws IOException {
        SysctlSettings s = parse("net.netfilter.nf_conntrack_udp_timeout = 30\n"
            + "net.netfilter.nf_conntrack_max = lots\n"
            + "net.netfilter.nf_conntrack_icmp_timeout = -1\n"
            + "this line is not a setting\n"
            + "sysctl: permission denied on key 'net.ipv4.tcp_fastopen_key'\n"
            + "net.netfilter.nf_conntrack_generic_timeout = 600\n");
        assertEquals(List.of(
            "t.conf:2: max: 'lots' is not a whole number",
            "t.conf:3: icmp_timeout: -1 is negative (expected a whole number of seconds)",
            "t.conf:4: not a sysctl setting (expected name = value): 'this line is not a setting'"), bad);
        assertEquals(2, s.size());
        assertEquals(600, s.value("generic_timeout").getAsLong());
        assertFalse(s.get("nf_conntrack_max").isPresent());
    }

    @Test
    void shouldStopAtTheFirstBadLineWhenTheListenerSaysSo() throws IOException {
        SysctlSettings s = SysctlReader.parse("t.conf", new BufferedReader(new StringReader(
            "udp_timeout = x\nnet.netfilter.nf_conntrack_generic_timeout = 600\n")), (i, l, r) -> false);
        assertTrue(s.isEmpty());
    }

    @Test
    void shouldReadAProcSysDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("nf_conntrack_udp_timeout"), "30\n");
        Files.writeString(dir.resolve("nf_conntrack_max"), "262144\n");
        Files.writeString(dir.resolve("nf_log_all_netns"), "0\n");
        Files.writeString(dir.resolve("nf_conntrack_tcp_timeout_close"), "ten\n");
        Files.createDirectory(dir.resolve("nf_log"));
        SysctlSettings s = SysctlReader.read(dir, this::collect);
        assertEquals(2, s.size());
        assertEquals(30, s.value("net.netfilter.nf_conntrack_udp_timeout").getAsLong());
        assertEquals(1, s.otherLines());
        assertEquals(List.of(dir.resolve("nf_conntrack_tcp_timeout_close") + ":1: tcp_timeout_close: 'ten' is not a whole number of seconds"), bad);
    }
}
