package io.ctscope.ingest.stats;

import io.ctscope.ingest.TestFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every stats file of the real-world corpus and of the lab recordings, checked against a recount
 * written differently (regular expressions over the text, Long.parseLong with radix 16) and against
 * figures read off the published lines by hand.
 */
class StatsParserTest {
    private final List<String> bad = new ArrayList<>();

    private ConntrackStats parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return StatsParser.parse(in, file.getFileName().toString(), (input, line, reason) -> bad.add(input + ":" + line + ": " + reason));
        }
    }

    private ConntrackStats parse(String text) throws IOException {
        return StatsParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t",
            (input, line, reason) -> bad.add(input + ":" + line + ": " + reason));
    }

    /** Sums {@code key=value} over lines starting with cpu=, by regex. */
    private static Map<String, Long> recountCpuLines(Path file) throws IOException {
        Map<String, Long> sums = new LinkedHashMap<>();
        Pattern kv = Pattern.compile("([a-z_]+)=(\\d+)");
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("cpu=")) {
                continue;
            }
            Matcher m = kv.matcher(line.substring(line.indexOf(' ')));
            while (m.find()) {
                sums.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        return sums;
    }

    @Test
    void shouldSumEveryPerCpuFileOfTheCorpusAndTheLabLikeARegexRecount() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : TestFiles.corpusFiles("stats__")) {
            if (Files.readString(p).startsWith("cpu=")) {
                files.add(p);
            }
        }
        for (Path p : TestFiles.labRecordings()) {
            if (p.getFileName().toString().endsWith("-stats.txt")) {
                files.add(p);
            }
        }
        assertTrue(files.size() >= 10, "per-cpu stats files: " + files);
        for (Path f : files) {
            bad.clear();
            ConntrackStats s = parse(f);
            Map<String, Long> expected = recountCpuLines(f);
            assertEquals(StatsForm.CONNTRACK_S, s.form(), f.toString());
            assertEquals(List.of(), bad, f.toString());
            assertEquals(expected, s.counters(), f.toString());
            assertEquals(Files.readAllLines(f).size(), s.cpus(), f + " cpus");
        }
    }

    @Test
    void shouldReadTheBusyAksNodeAsPublished() throws IOException {
        ConntrackStats s = parse(TestFiles.corpusFile("stats__unresolved_repo__aks_5.15_conntrack_S_early_drop.txt"));
        // cpu=0 drop=4, cpu=1 drop=1; early_drop 939985 + 938060; clash_resolve 770239427 + 771663566
        assertEquals(5, s.get("drop"));
        assertEquals(1_878_045, s.get("early_drop"));
        assertEquals(1_541_902_993L, s.get("clash_resolve"));
        assertEquals(4_642_957_175L, s.get("search_restart"));
        assertEquals(0, s.get("chaintoolong"));
        assertEquals(ConntrackStats.ABSENT, s.get("ignore"));
        assertEquals(2, s.cpus());
    }

    @Test
    void shouldKeepUnknownCountersAndAcceptSpacesInsteadOfTheTab() throws IOException {
        ConntrackStats s = parse("cpu=0   \tfound=1 drop=2 future_counter=7 \ncpu=1 found=3 drop=4 future_counter=1\n");
        assertEquals(List.of(), bad);
        assertEquals(8, s.get("future_counter"));
        assertEquals(6, s.get("drop"));
        assertEquals(List.of("found", "drop", "future_counter"), new ArrayList<>(s.counters().keySet()));
    }

    /** Reads a /proc/net/stat/nf_conntrack file by its header with Long.parseLong(.., 16). */
    private static Map<String, Long> recountProc(Path file, long[] entries) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] names = lines.get(0).trim().split("\\s+");
        Map<String, Long> sums = new LinkedHashMap<>();
        for (String row : lines.subList(1, lines.size())) {
            String[] v = row.trim().split("\\s+");
            for (int i = 0; i < names.length; i++) {
                long n = Long.parseLong(v[i], 16);
                if (i == 0) {
                    entries[0] = n;
                } else {
                    sums.merge(names[i], n, Long::sum);
                }
            }
        }
        return sums;
    }

    @Test
    void shouldReadEveryProcStatFileByItsHeaderWithoutSummingEntries() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : TestFiles.corpusFiles("stats__")) {
            if (p.getFileName().toString().contains("_stat_")) {
                files.add(p);
            }
        }
        for (Path p : TestFiles.labRecordings()) {
            if (p.getFileName().toString().endsWith("-proc-stat.txt")) {
                files.add(p);
            }
        }
        assertTrue(files.size() >= 5, "proc stat files: " + files);
        for (Path f : files) {
            bad.clear();
            ConntrackStats s = parse(f);
            long[] entries = {ConntrackStats.ABSENT};
            Map<String, Long> raw = recountProc(f, entries);
            assertEquals(List.of(), bad, f.toString());
            assertEquals(StatsForm.PROC_STAT, s.form(), f.toString());
            assertEquals(entries[0], s.entries(), f + " entries");
            for (Map.Entry<String, Long> e : raw.entrySet()) {
                assertEquals(e.getValue(), s.get(CounterNames.canonical(e.getKey())), f + " " + e.getKey());
            }
        }
    }

    @Test
    void shouldNameThe618ColumnsAsConntrackSDoes() throws IOException {
        Path lab = TestFiles.root().resolve("samples/lab/recorded/snap-a-proc-stat.txt");
        ConntrackStats s = parse(lab);
        // the 6.18 header says clashres and chainlength; conntrack -S on the same box clash_resolve and chaintoolong
        assertTrue(s.has("clash_resolve"));
        assertTrue(s.has("chaintoolong"));
        assertTrue(s.has("error"));
        assertFalse(s.has("clashres"));
        assertEquals(16, s.entries(), "00000010 on both rows, the namespace total once");
        assertEquals(2, s.cpus());
    }

    @Test
    void shouldReadNetdataRowsAsPublished() throws IOException {
        ConntrackStats s = parse(TestFiles.corpusFile("stats__netdata_netdata__issue161_stat_nf_conntrack.txt"));
        assertEquals(0x71e, s.entries());
        assertEquals(0x53a + 0x8, s.get("drop"));
        assertEquals(0x21251, s.get("error"));
        assertEquals(3, s.cpus());
    }

    @Test
    void shouldAcceptTheHeaderAloneAndReadTheLegacySummaryTable() throws IOException {
        ConntrackStats header = parse(TestFiles.corpusFile("stats__google_nftables__issue138_stat_header_clashres.txt"));
        assertEquals(List.of(), bad);
        assertEquals(StatsForm.PROC_STAT, header.form());
        assertEquals(0, header.cpus());

        ConntrackStats legacy = parse(TestFiles.corpusFile("stats__kubernetes_kubernetes__issue56903_conntrack_S_legacy.txt"));
        assertEquals(StatsForm.CONNTRACK_S_TABLE, legacy.form());
        assertEquals(90, legacy.entries());
        assertEquals(3_774_748, legacy.get("found"));
        assertEquals(132_421, legacy.get("insert"));
        assertEquals(0, legacy.get("error"), "icmp_error is conntrack -S's error");
        // the two lines kubectl added around it are reported, not taken for counters
        assertEquals(2, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("stats__kubernetes_kubernetes__issue56903_conntrack_S_legacy.txt:18: a conntrack-tools message"), bad.get(0));
        assertTrue(bad.get(1).contains(":19: not conntrack statistics"), bad.get(1));
    }

    @Test
    void shouldRejectGarbledLinesAndKeepTheRest() throws IOException {
        ConntrackStats s = parse("cpu=0 found=1 drop=x\ncpu=1 found=2 drop=3\nentries  found drop\n00000005  00000001\n"
            + "00000005  00000001 00000002\n\u001b[31mjunk\n");
        assertEquals(3, s.get("drop") - 2, "cpu=1 drop=3 kept; the proc row drop=2 kept");
        assertEquals(5, s.entries());
        assertEquals(3, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("t:1: malformed number in drop="), bad.get(0));
        assertTrue(bad.get(1).startsWith("t:4: 2 columns where the header names 3"), bad.get(1));
        assertTrue(bad.get(2).startsWith("t:6: not conntrack statistics: \\x1b[31mjunk"), bad.get(2));
    }
}
