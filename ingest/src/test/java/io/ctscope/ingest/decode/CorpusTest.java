package io.ctscope.ingest.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctscope.ingest.TestFiles;
import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.record.ConntrackRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every real-world text capture of the corpus (samples/corpus) and checks it against expectations derived
 * by reading each file and its notes in SOURCES.md (which lines are redacted, truncated, garbled or
 * look-alikes), not from what the code happens to output.
 */
class CorpusTest {
    private record Expect(InputFormat format, long records, long bad, long summaries, long skipped) {
    }

    private static Expect ok(InputFormat format, long records) {
        return new Expect(format, records, 0, 0, 0);
    }

    private static Expect ok(InputFormat format, long records, long summaries) {
        return new Expect(format, records, 0, summaries, 0);
    }

    private static final InputFormat EVENTS = InputFormat.EVENTS;
    private static final InputFormat LIST = InputFormat.CONNTRACK_LIST;
    private static final InputFormat NF = InputFormat.NF_CONNTRACK;
    private static final InputFormat IP = InputFormat.IP_CONNTRACK;
    /** Every line of the file is rejected: nothing was recognised, so no format can be claimed. */
    private static final InputFormat NONE = InputFormat.UNKNOWN;

    private static final Map<String, Expect> EXPECTED = Map.ofEntries(
        // line 3: IPv6 redacted to xxxx:...; line 9: xx.xx.xx.xx; line 2 (no use=) is still a complete entry
        Map.entry("ip_conntrack__inliniac_vuurmuur__parser_comment_samples.txt", new Expect(IP, 7, 2, 0, 0)),
        Map.entry("ip_conntrack__unresolved_repo__close_wait_snat.txt", ok(IP, 18)),
        // line 2 ends in the paste-damaged "mark=0 zo2"
        Map.entry("nf_conntrack__openwrt_luci__issue5909.txt", new Expect(NF, 1, 1, 0, 0)),
        Map.entry("nf_conntrack__s905060_site-reliability-engineer-handbook__centos63_secmark.txt", ok(NF, 1)),
        Map.entry("nf_conntrack__turris-cz_foris-controller__omnia_ipv6_unknown.txt", ok(NF, 8)),
        Map.entry("nf_conntrack__unresolved_repo__aliyun_centos7_ssh_zone0.txt", ok(NF, 1)),
        Map.entry("nf_conntrack__unresolved_repo__docker_blog_icmp_zone0.txt", ok(NF, 1)),
        Map.entry("nf_conntrack__unresolved_repo__fedora_secctx_zone_unknown.txt", ok(NF, 8)),
        Map.entry("nf_conntrack__unresolved_repo__gy-vm02_secmark_unreplied_broadcast.txt", ok(NF, 3)),
        Map.entry("nf_conntrack__unresolved_repo__ipv6_loopback_expanded_unreplied.txt", ok(NF, 2)),
        // lines 1-3 and 5 redacted (xx.xx.xx.xx, 1xx.xx.xx.xx), line 4 cut after TIME_WAIT
        Map.entry("nf_conntrack__unresolved_repo__openstack_zone3_single_spaced_redacted.txt", new Expect(NONE, 0, 5, 0, 0)),
        // the blank line between the two entries is skipped
        Map.entry("nf_conntrack__unresolved_repo__pptp_gre_keys.txt", new Expect(NF, 2, 0, 0, 1)),
        // src=ip1 dst=ip2
        Map.entry("events__google_nftables__issue138_redacted_ips.txt", new Expect(NONE, 0, 1, 0, 0)),
        Map.entry("events__kellyjonbrazil_jc__issue646_conntrack_E_unknown_igmp.txt", ok(EVENTS, 17)),
        Map.entry("events__mk-fg_conntrack-logger__issue5_tcp_lifecycle.txt", ok(EVENTS, 5)),
        Map.entry("events__netfilter-devel_lore__20240408_ipv6_offload_destroy.txt", ok(EVENTS, 7)),
        Map.entry("events__netfilter-devel_lore__20240409_timestamp_offload_nat.txt", ok(EVENTS, 7)),
        Map.entry("events__s-h_note__udp_dnat_snat.txt", ok(EVENTS, 3)),
        Map.entry("events__unresolved_repo__5g_lab_sctp_nat_lifecycle.txt", ok(EVENTS, 7)),
        Map.entry("events__unresolved_repo__core2duoe6420_blog_o_extended_id_nat_clash.txt", ok(EVENTS, 6)),
        // not conntrack-tools: a syslog-prefixed look-alike logger, id before the protocol
        Map.entry("events__vyos_vyos-1x__pr3804_conntrack_logger_syslog.txt", new Expect(NONE, 0, 4, 0, 0)),
        Map.entry("events__weaveworks_scope__conntrack_E_o_id.txt", ok(EVENTS, 8)),
        // addresses redacted to 91.209.xxx.xxx
        Map.entry("list__blackbird_si_blog__vyatta_established_unreplied_redacted.txt", new Expect(NONE, 0, 1, 0, 0)),
        // only the "0 flow entries" summary: the summary alone says it was conntrack -L
        Map.entry("list__canonical_hotsos__fip_netns_empty.txt", ok(LIST, 0, 1)),
        // line 1434 is an entry cut by the interleaved stderr summary ("use=conntrack v1.4.5 ... 1438 flow
        // entries have been shown."), line 1435 its rest ("1"): the summary is counted, the entry rejoined
        Map.entry("list__canonical_hotsos__openstack_compute_o_extended_1439.txt", new Expect(LIST, 1438, 0, 1, 0)),
        Map.entry("list__canonical_hotsos__snat_netns_o_extended_unknown_vrrp_igmp.txt", ok(LIST, 2, 1)),
        Map.entry("list__confidential-containers_cloud-api-adaptor__issue2015_vxlan_unreplied.txt", ok(LIST, 3, 1)),
        Map.entry("list__containernetworking_plugins__issue123_udp_hostport_dnat.txt", ok(LIST, 1, 1)),
        Map.entry("list__kubernetes_kubernetes__issue129617_udp_delta_time.txt", ok(LIST, 3)),
        Map.entry("list__kubernetes_kubernetes__issue91216_tcp_dns_dnat.txt", ok(LIST, 5)),
        // two entries each reflowed over three lines with " \" continuations: none is a whole entry
        Map.entry("list__netfilter-devel_mail__helper_ftp_backslash_wrapped.txt", new Expect(NONE, 0, 6, 0, 0)),
        Map.entry("list__openwrt_luci__issue5909_offload.txt", ok(LIST, 3, 1)),
        Map.entry("list__sonic-net_sonic-mgmt__issue14350_ipv6_dying_icmpv6.txt", ok(LIST, 3)),
        Map.entry("list__svinota_pyroute2__issue1198_offload_snat.txt", ok(LIST, 6, 1)),
        Map.entry("list__ubicloud_ubicloud__pr1009_offload_dnat.txt", ok(LIST, 6, 1)),
        Map.entry("list__unresolved_repo__5g_lab_sctp_nat.txt", ok(LIST, 1, 1)),
        Map.entry("list__unresolved_repo__openwrt_op2_icmp_counters.txt", ok(LIST, 1, 2)),
        Map.entry("list__unresolved_repo__vagrant_vpn_netns_icmp_snat.txt", ok(LIST, 1, 1)),
        Map.entry("list__weaveworks_scope__conntrack_L_o_id.txt", ok(LIST, 4))
    );

    static Stream<Path> conntrackTextFiles() {
        return TestFiles.conntrackTextCorpus().stream();
    }

    static Stream<Path> nonConntrackFiles() {
        return TestFiles.corpusFiles("kernlog__", "stats__", "sysctl__").stream();
    }

    private static final class Result {
        final InputStats stats = new InputStats();
        final List<String> badLines = new ArrayList<>();
        final List<String> records = new ArrayList<>();
        InputFormat format;
    }

    private static Result decode(Path file) throws IOException {
        Result res = new Result();
        RecordSink sink = (ConntrackRecord r) -> res.records.add(r.line + ": " + r);
        BadLineListener bad = (input, line, reason) -> {
            res.badLines.add(input + ":" + line + ": " + reason);
            return true;
        };
        InputSource source = new InputSource(file.toString());
        FormatEvidence evidence = new FormatEvidence(source.name());
        assertTrue(new InputDecoder(sink, bad).decode(source, 0, res.stats, evidence));
        res.format = evidence.decide();
        return res;
    }

    @Test
    void shouldFindTheCorpusAndHaveAnExpectationForEveryTextFile() {
        List<Path> files = TestFiles.conntrackTextCorpus();
        assertEquals(EXPECTED.size(), files.size(), "corpus files: " + files);
        for (Path f : files) {
            assertNotNull(EXPECTED.get(f.getFileName().toString()), "no expectation for " + f.getFileName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conntrackTextFiles")
    void shouldDecodeEachCorpusFileAsExpected(Path file) throws IOException {
        String name = file.getFileName().toString();
        Expect expect = EXPECTED.get(name);
        assertNotNull(expect, "no expectation for " + name);
        Result res = decode(file);
        InputStats s = res.stats;
        String detail = name + "\nrejected: " + String.join("\n  ", res.badLines);

        assertEquals(TestFiles.lines(file).size(), s.lines, "lines of " + name);
        assertEquals(s.lines, s.records + s.badLines + s.summaryLines + s.skippedLines + s.lossWarnings,
            "every line is a record, a bad line, a summary or skipped: " + name);
        assertEquals(expect.records(), s.records, "records: " + detail);
        assertEquals(expect.bad(), s.badLines, "bad lines: " + detail);
        assertEquals(expect.summaries(), s.summaryLines, "summary lines: " + detail);
        assertEquals(expect.skipped(), s.skippedLines, "skipped lines: " + detail);
        assertEquals(0, s.lossWarnings, name);
        assertEquals(res.records.size(), s.records);
        assertEquals(res.badLines.size(), s.badLines);
        assertEquals(expect.format(), res.format, "format of " + name);
        for (String reason : res.badLines) {
            assertFalse(reason.endsWith(": "), reason);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonConntrackFiles")
    void shouldNeverMistakeLogsStatsOrSysctlForRecords(Path file) throws IOException {
        Result res = decode(file);
        assertEquals(0, res.stats.records, () -> file.getFileName() + " produced records:\n" + String.join("\n", res.records));
        assertEquals(0, res.stats.summaryLines, file.getFileName().toString());
        assertEquals(InputFormat.UNKNOWN, res.format, file.getFileName().toString());
        assertEquals(res.stats.lines, res.stats.badLines + res.stats.skippedLines, file.getFileName().toString());
    }

    @Test
    void shouldFindNonConntrackFilesToCheck() {
        assertTrue(nonConntrackFiles().count() >= 30);
    }

    @Test
    void shouldCountEventKindsOfTheTimestampedCapture() throws IOException {
        Result res = decode(TestFiles.corpusFile("events__netfilter-devel_lore__20240409_timestamp_offload_nat.txt"));
        InputStats s = res.stats;
        assertEquals(1, s.byKind[io.ctscope.ingest.record.RecordKind.NEW.ordinal()]);
        assertEquals(5, s.byKind[io.ctscope.ingest.record.RecordKind.UPDATE.ordinal()]);
        assertEquals(1, s.byKind[io.ctscope.ingest.record.RecordKind.DESTROY.ordinal()]);
        assertTrue(s.hasTimestamps());
        assertEquals(1712662404_573225L, s.firstTimestampMicros);
        assertEquals(1712662451_967906L, s.lastTimestampMicros);
    }
}
