package io.ctscope.ingest.decode;

import io.ctscope.ingest.TestFiles;
import io.ctscope.ingest.io.InputSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An input that is no conntrack output is recognised for what it is (issue 9 item 7, issue 11 item 4). */
class LookalikeTest {
    private final List<String> bad = new ArrayList<>();

    private FormatEvidence decode(Path file) throws IOException {
        FormatEvidence evidence = new FormatEvidence(file.toString());
        new InputDecoder(r -> { }, (i, l, reason) -> bad.add(l + ": " + reason))
            .decode(new InputSource(file.toString()), 0, new InputStats(), evidence);
        return evidence;
    }

    private FormatEvidence decode(byte[] bytes) throws IOException {
        FormatEvidence evidence = new FormatEvidence("t");
        new InputDecoder(r -> { }, (i, l, reason) -> bad.add(l + ": " + reason))
            .decode(new ByteArrayInputStream(bytes), "t", 0, new InputStats(), evidence);
        return evidence;
    }

    @Test
    void shouldRecogniseEveryStatsSysctlAndKernelLogFileOfTheCorpusAndTheLab() throws IOException {
        int checked = 0;
        for (Path f : TestFiles.corpusFiles("stats__", "sysctl__", "kernlog__")) {
            String n = f.getFileName().toString();
            ContentKind expected = n.startsWith("stats__") ? ContentKind.STATS
                : n.startsWith("sysctl__") ? ContentKind.SYSCTL : ContentKind.KERNEL_LOG;
            assertEquals(expected, decode(f).lookalike(), n);
            checked++;
        }
        for (Path f : TestFiles.labRecordings()) {
            String n = f.getFileName().toString();
            if (n.endsWith("-stats.txt") || n.endsWith("-proc-stat.txt")) {
                assertEquals(ContentKind.STATS, decode(f).lookalike(), n);
                checked++;
            } else if (n.endsWith("-sysctl.txt")) {
                assertEquals(ContentKind.SYSCTL, decode(f).lookalike(), n);
                checked++;
            }
        }
        assertTrue(checked >= 36, "checked " + checked);
    }

    @Test
    void shouldNotCallAConntrackInputALookalike() throws IOException {
        int allRejected = 0;
        for (Path f : TestFiles.conntrackTextCorpus()) {
            String n = f.getFileName().toString();
            FormatEvidence evidence = new FormatEvidence(n);
            InputStats stats = new InputStats();
            new InputDecoder(r -> { }, (i, l, reason) -> true).decode(new InputSource(f.toString()), 0, stats, evidence);
            if (stats.records > 0 || stats.summaryLines > 0) {
                assertNull(evidence.lookalike(), n);
            } else if (n.equals("events__vyos_vyos-1x__pr3804_conntrack_logger_syslog.txt")) {
                // not conntrack-tools: a syslog of VyOS's own logger imitating conntrack -E
                assertEquals(ContentKind.KERNEL_LOG, evidence.lookalike());
            } else {
                // redacted addresses ("ip1", "xx.xx.xx.xx"): conntrack output, every line rejected
                assertEquals(ContentKind.GARBLED, evidence.lookalike(), n);
                allRejected++;
            }
        }
        assertTrue(allRejected >= 2 && allRejected <= 4, "files with every line rejected: " + allRejected);
        // only the conntrack-tools summary: a dump of 0 entries, which is conntrack output
        assertNull(decode(TestFiles.corpusFile("list__canonical_hotsos__fip_netns_empty.txt")).lookalike());
    }

    @Test
    void shouldSayEmptyAndBinary() throws IOException {
        assertEquals(ContentKind.EMPTY, decode(new byte[0]).lookalike());
        assertEquals(ContentKind.EMPTY, decode("\n\n".getBytes(StandardCharsets.US_ASCII)).lookalike());
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, '\n', 0, 0, 3, 0, 0x3e, '\n'};
        assertEquals(ContentKind.BINARY, decode(elf).lookalike());
        assertEquals(ContentKind.TEXT, decode("hello world\n".getBytes(StandardCharsets.US_ASCII)).lookalike());
    }

    @Test
    void shouldTellTheOperatorWhatAStatsLineIsAndKeepAGarbledRecordsOwnReason() throws IOException {
        decode(("cpu=0   \tfound=0 invalid=0 insert=0 insert_failed=0 drop=0 early_drop=0 error=0 search_restart=0 \n"
            + "tcp      6 431999 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=x dport=80\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals("1: not a conntrack record: conntrack statistics (ctscope doctor reads them)", bad.get(0));
        assertEquals("2: malformed number in sport=", bad.get(1));
    }

    @Test
    void shouldExplainInOneLine() {
        assertEquals("s.txt: looks like conntrack statistics (conntrack -S or /proc/net/stat/nf_conntrack), not a conntrack"
            + " table or event stream: it holds no records (ctscope doctor s.txt reads it)", ContentKind.STATS.explain("s.txt"));
        assertEquals("e: empty: it holds no conntrack records", ContentKind.EMPTY.explain("e"));
    }
}
