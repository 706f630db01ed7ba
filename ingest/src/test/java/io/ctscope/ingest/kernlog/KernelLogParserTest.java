package io.ctscope.ingest.kernlog;

import io.ctscope.ingest.TestFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kernel-log file of the corpus, with the figures read off its published lines by hand. */
class KernelLogParserTest {
    private static final Instant NOW = Instant.parse("2026-12-01T21:00:00Z");

    private final List<String> bad = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<Long> netns = new ArrayList<>();
    private final List<Long> wall = new ArrayList<>();
    private final List<Long> uptime = new ArrayList<>();
    private long suppressed;
    private long buckets;
    private long max;

    private KernelLogSummary read(InputStream in, String name) throws IOException {
        KernelLogParser p = new KernelLogParser(name, ZoneOffset.UTC, NOW, e -> {
            events.add(e.kind + (e.vps != null ? " vps=" + e.vps : "") + " " + e.module);
            netns.add(e.netns);
            wall.add(e.wallMicros);
            uptime.add(e.uptimeMicros);
            suppressed += e.suppressed;
            buckets += e.buckets;
            max += e.max;
        }, (input, line, reason) -> bad.add(input + ":" + line + ": " + reason));
        return p.read(in);
    }

    private KernelLogSummary corpus(String file) throws IOException {
        try (InputStream in = Files.newInputStream(TestFiles.corpusFile(file))) {
            return read(in, file);
        }
    }

    private KernelLogSummary text(String s) throws IOException {
        return read(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), "t");
    }

    private static long utc(String iso) {
        Instant t = Instant.parse(iso);
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    @Test
    void shouldCoverEveryKernelLogFileOfTheCorpus() {
        List<Path> files = TestFiles.corpusFiles("kernlog__");
        assertEquals(13, files.size(), "a test below per file: " + files);
    }

    @Test
    void shouldReadTheBareIpConntrackMessage() throws IOException {
        KernelLogSummary s = corpus("kernlog__blackbird_si_blog__vyatta_ip_conntrack_bare.txt");
        assertEquals(List.of("TABLE_FULL ip_conntrack"), events);
        assertEquals(KernelLogEvent.NO_TIME, wall.get(0));
        assertEquals(KernelLogEvent.NO_TIME, uptime.get(0));
        assertEquals(1, s.tableFull);
    }

    @Test
    void shouldReadTheDoubledPrefixAfterASyslogTag() throws IOException {
        corpus("kernlog__canonical_hotsos__issue101_syslog_double_prefix.txt");
        assertEquals(List.of("TABLE_FULL nf_conntrack"), events);
        assertEquals(1_694_413_644_132L, uptime.get(0));
        assertEquals(KernelLogEvent.NO_NETNS, netns.get(0));
    }

    @Test
    void shouldPassOverJournalLinesThatMerelyMentionConntrack() throws IOException {
        KernelLogSummary s = corpus("kernlog__canonical_hotsos__journal_non_conntrack_noise.txt");
        assertEquals(List.of(), events);
        assertEquals(List.of(), bad);
        assertEquals(5, s.otherLines);
    }

    @Test
    void shouldDateABsdSyslogLineWithAPaddedDayInTheYearBeforeNow() throws IOException {
        corpus("kernlog__canonical_hotsos__kern_log_scenario_syslog.txt");
        assertEquals(1, events.size());
        assertEquals(utc("2026-06-08T10:48:13Z"), wall.get(0), "Jun  8 of this year: not in the future of Dec 1");
        assertEquals(1_694_413_621_694L, uptime.get(0));
        events.clear();
        wall.clear();
        new KernelLogParser("t", ZoneOffset.UTC, Instant.parse("2026-03-01T00:00:00Z"), e -> wall.add(e.wallMicros),
            (i, l, r) -> true).read(Files.newInputStream(TestFiles.corpusFile("kernlog__canonical_hotsos__kern_log_scenario_syslog.txt")));
        assertEquals(utc("2025-06-08T10:48:13Z"), wall.get(0), "June would be in the future of March: last year");
    }

    @Test
    void shouldReadRfc3339StampsWithMicroseconds() throws IOException {
        KernelLogSummary s = corpus("kernlog__nvidia_docs__cumulus_syslog_rfc3339.txt");
        assertEquals(3, s.tableFull);
        assertEquals(utc("2019-02-25T03:45:03.778502Z"), wall.get(0));
        assertEquals(utc("2019-02-25T03:45:03.787758Z"), wall.get(2));
        assertEquals(20_763_743_334_180L, uptime.get(0));
    }

    @Test
    void shouldReadPaddedUptimesAmongOtherKernelLines() throws IOException {
        KernelLogSummary s = corpus("kernlog__openzfs_zfs__issue3748_dmesg_padded_uptime.txt");
        assertEquals(6, s.tableFull);
        assertEquals(3, s.otherLines);
        assertEquals(10_810_168L, uptime.get(0));
        assertEquals(15_690_967L, uptime.get(5));
    }

    @Test
    void shouldReadMessagesWithAndWithoutThePeriodAndTheOldRatelimitLine() throws IOException {
        KernelLogSummary s = corpus("kernlog__pc-freak_blog__dmesg_table_full_ratelimit.txt");
        assertEquals(12, s.tableFull);
        assertEquals(1, s.suppressedLines);
        assertEquals(83, suppressed);
        assertEquals("SUPPRESSED __ratelimit", events.get(12));
        assertEquals(List.of(), bad);
    }

    @Test
    void shouldReadBareDmesgLinesWithAPeriod() throws IOException {
        assertEquals(3, corpus("kernlog__s905060_site-reliability-engineer-handbook__centos63_dmesg.txt").tableFull);
    }

    @Test
    void shouldReadTheMessageInsideQuotes() throws IOException {
        assertEquals(1, corpus("kernlog__sonic-net_sonic-mgmt__issue14350_quoted_signature.txt").tableFull);
        assertEquals(List.of(), bad);
    }

    @Test
    void shouldKeepTheOpenVzContainer() throws IOException {
        corpus("kernlog__techytrois_blog__openvz_ip_conntrack_vps.txt");
        assertEquals(List.of("TABLE_FULL vps=xxx ip_conntrack", "TABLE_FULL vps=xxx ip_conntrack"), events);
    }

    @Test
    void shouldCountNetRatelimitSuppressionsOnTheSameStamp() throws IOException {
        KernelLogSummary s = corpus("kernlog__unresolved_repo__geektime_course_dmesg_net_ratelimit.txt");
        assertEquals(3, s.tableFull);
        assertEquals(3939, suppressed);
        assertEquals(uptime.get(1), uptime.get(2));
    }

    @Test
    void shouldReadTheModuleBanner() throws IOException {
        KernelLogSummary s = corpus("kernlog__unresolved_repo__hexo_blog_messages_version_banner.txt");
        assertEquals(1, s.tableFull);
        assertEquals(1, s.banners);
        assertEquals(16384, buckets);
        assertEquals(65536, max);
    }

    @Test
    void shouldCountAMessageHardWrappedAfterTableFullOnce() throws IOException {
        KernelLogSummary s = corpus("kernlog__wballard_starphleet__pr352_syslog_wrapped.txt");
        assertEquals(4, s.tableFull);
        assertEquals(0, s.otherLines, "the 'dropping packet' halves belong to their messages");
        assertEquals(List.of(), bad);
        assertEquals(38_775_494_393_661L, uptime.get(0));
    }

    @Test
    void shouldKeepTheNamespaceOfA618ChildNamespace() throws IOException {
        // as this project's 6.18 lab kernel printed it (DESIGN.md), in dmesg and /dev/kmsg form
        text("[ 5123.000001] nf_conntrack: nf_conntrack: table full in netns 4026532246, dropping packet\n"
            + "4,2051,5123000002,-;nf_conntrack: nf_conntrack: table full in netns 4026532246, dropping packet\n"
            + "[ 5124.000000] nf_conntrack: nf_conntrack: table full, dropping packet\n");
        assertEquals(List.of(4026532246L, 4026532246L, KernelLogEvent.NO_NETNS), netns);
        assertEquals(List.of(5_123_000_001L, 5_123_000_002L, 5_124_000_000L), uptime);
    }

    @Test
    void shouldReadDmesgTAndJournalIsoStamps() throws IOException {
        text("[Tue Dec  1 20:59:01 2026] nf_conntrack: table full, dropping packet\n"
            + "2026-12-01T20:59:02+0000 host kernel: nf_conntrack: table full, dropping packet\n"
            + "2026-12-01T22:59:03,250000+02:00 nf_conntrack: table full, dropping packet\n"
            + "Dec 01 20:59:04.500000 host kernel: nf_conntrack: table full, dropping packet\n");
        assertEquals(List.of(utc("2026-12-01T20:59:01Z"), utc("2026-12-01T20:59:02Z"), utc("2026-12-01T20:59:03.25Z"),
            utc("2026-12-01T20:59:04.5Z")), wall);
    }

    @Test
    void shouldRejectGarbledMessagesAndPassOverOtherTables() throws IOException {
        KernelLogSummary s = text("[1.0] nf_conntrack: table full in netns x1, dropping packet\n"
            + "[2.0] nf_conntrack: tablefull table full dropping packet\n"
            + "[3.0] nf_conntrack: expectation table full\n"
            + "[4.0] nf_conntrack: table full, dropping \u0001packet\n"
            + "[5.0] nf_conntrack version 0.5.0 (many buckets, 65536 max)\n"
            + "[6.0] nf_conntrack: table full, dropping packet\n");
        assertEquals(1, s.tableFull);
        assertEquals(1, s.otherLines);
        assertEquals(4, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("t:1: malformed namespace number"), bad.get(0));
        assertTrue(bad.get(1).startsWith("t:2: garbled table-full message"), bad.get(1));
        assertEquals("t:4: binary data", bad.get(2));
        assertTrue(bad.get(3).startsWith("t:5: malformed numbers"), bad.get(3));
    }
}
