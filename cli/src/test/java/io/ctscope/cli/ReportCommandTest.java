package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {
    private static final String EVENTS = String.join("\n",
        "[1700000000.000001]\t    [NEW] ipv4     2 tcp      6 120 SYN_SENT src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 [UNREPLIED] src=172.16.0.2 dst=172.16.0.1 sport=80 dport=40000 id=1",
        "[1700000000.500000]\t [UPDATE] ipv4     2 tcp      6 432000 ESTABLISHED src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 src=172.16.0.2 dst=172.16.0.1 sport=80 dport=40000 [ASSURED] id=1",
        "[1700000001.000000]\t    [NEW] ipv4     2 udp      17 30 src=10.0.0.2 dst=172.16.0.2 sport=5000 dport=53 [UNREPLIED] src=172.16.0.2 dst=172.16.0.1 sport=53 dport=5000 id=2",
        "[1700000002.000000]\t    [NEW] ipv6     10 icmpv6   58 30 src=fd77:1::2 dst=fd77:2::2 type=128 code=0 id=9 [UNREPLIED] src=fd77:2::2 dst=fd77:2::1 type=129 code=0 id=9 id=3",
        "[1700000040.000000]\t[DESTROY] ipv4     2 udp      17 src=10.0.0.2 dst=172.16.0.2 sport=5000 dport=53 [UNREPLIED] src=172.16.0.2 dst=172.16.0.1 sport=53 dport=5000 id=2",
        "this line is garbage",
        "conntrack v1.4.7 (conntrack-tools): 5 flow events have been shown.",
        "WARNING: We have hit ENOBUFS! We are losing events.",
        "");

    private static Path write(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void shouldReportCountsAsJson(@TempDir Path dir) throws IOException {
        Path f = write(dir, "events.txt", EVENTS);
        CliRun run = CliRun.run("report", "--format", "json", f.toString());
        assertEquals(0, run.exitCode, run.err);
        String json = run.out;
        assertTrue(json.contains("\"records\": 5"), json);
        assertTrue(json.contains("\"bad_lines\": 1"), json);
        assertTrue(json.contains("\"loss_warnings\": 1"), json);
        assertTrue(json.contains("\"NEW\": 3"), json);
        assertTrue(json.contains("\"UPDATE\": 1"), json);
        assertTrue(json.contains("\"DESTROY\": 1"), json);
        assertTrue(json.contains("\"entries\": 2"), json);
        assertTrue(json.contains("\"tcp/ESTABLISHED\": 1"), json);
        assertTrue(json.contains("\"icmpv6\": 1"), json);
        assertTrue(json.contains("\"first_ts\": 1700000000.000001"), json);
        assertTrue(json.contains("\"last_ts\": 1700000040"), json);
        assertTrue(json.contains("\"" + f + "\": \"events\""), json);
        assertTrue(run.err.contains(f + ":6: not a conntrack record"), run.err);
    }

    @Test
    void shouldFailAtTheFirstBadLineWhenStrict(@TempDir Path dir) throws IOException {
        Path f = write(dir, "events.txt", EVENTS);
        CliRun run = CliRun.run("report", "--strict", f.toString());
        assertEquals(1, run.exitCode);
        assertTrue(run.err.contains(":6: not a conntrack record"), run.err);
        assertTrue(run.err.contains("--strict"), run.err);
    }

    @Test
    void shouldShowTheFirstTwentyBadLinesThenACount(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            sb.append("garbage ").append(i).append('\n');
        }
        sb.append(EVENTS);
        Path f = write(dir, "noisy.txt", sb.toString());
        CliRun run = CliRun.run("report", "--format", "json", f.toString());
        assertEquals(0, run.exitCode);
        assertEquals(20, run.err.lines().filter(l -> l.startsWith(f.toString())).count(), run.err);
        assertTrue(run.err.contains("6 more bad lines not shown (26 in all)"), run.err);
        assertTrue(run.out.contains("\"records\": 5"), run.out);
    }

    @Test
    void shouldReadGzipAndTellDumpFormats(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("nf_conntrack.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("ipv4     2 udp      17 30 src=10.0.0.2 dst=172.16.0.2 sport=5000 dport=53 src=172.16.0.2 dst=10.0.0.2 sport=53 dport=5000 mark=0 zone=0 use=2\n"
                + "ipv6     10 tcp      6 299 ESTABLISHED src=fd77:0001:0000:0000:0000:0000:0000:0002 dst=fd77:0002:0000:0000:0000:0000:0000:0002 sport=1 dport=2 src=fd77:0002:0000:0000:0000:0000:0000:0002 dst=fd77:0001:0000:0000:0000:0000:0000:0002 sport=2 dport=1 [ASSURED] mark=0 zone=0 use=2\n")
                .getBytes(StandardCharsets.US_ASCII));
        }
        Path list = write(dir, "table.txt",
            "tcp      6 431999 ESTABLISHED src=10.0.0.2 dst=172.16.0.2 sport=1 dport=2 src=172.16.0.2 dst=10.0.0.2 sport=2 dport=1 [ASSURED] mark=0 use=1\n"
                + "conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n");
        CliRun run = CliRun.run("report", "--format", "json", gz.toString(), list.toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("\"" + gz + "\": \"nf_conntrack\""), run.out);
        assertTrue(run.out.contains("\"" + list + "\": \"conntrack-list\""), run.out);
        // two dumps are two snapshots: the table is the later one
        assertTrue(run.out.contains("\"entries\": 1,"), run.out);
        assertTrue(run.out.contains("\"snapshots\": ["), run.out);
        assertTrue(run.out.contains("\"first_ts\": null"), run.out);
    }

    @Test
    void shouldReadStandardInput() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(EVENTS.getBytes(StandardCharsets.US_ASCII)));
            CliRun run = CliRun.run("report", "-");
            assertEquals(0, run.exitCode, run.err);
            assertTrue(run.out.contains("TABLE  2 flows open at the end of the capture"), run.out);
            assertTrue(run.out.contains("tcp/ESTABLISHED"), run.out);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void shouldExitWithUsageErrorWithoutInput() {
        CliRun run = CliRun.run("report");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("no input given"), run.err);
    }

    @Test
    void shouldFailOnAMissingFile(@TempDir Path dir) {
        CliRun run = CliRun.run("report", dir.resolve("nope.txt").toString());
        assertEquals(1, run.exitCode);
        assertTrue(run.err.contains("no such file"), run.err);
    }

    @Test
    void shouldRejectAnUnknownOutputFormat(@TempDir Path dir) throws IOException {
        Path f = write(dir, "events.txt", EVENTS);
        CliRun run = CliRun.run("report", "--format", "yaml", f.toString());
        assertEquals(2, run.exitCode);
    }

    @Test
    void shouldPrintOneSectionAsCsv(@TempDir Path dir) throws IOException {
        Path f = write(dir, "events.txt", EVENTS);
        CliRun run = CliRun.run("report", "--format", "csv", "--section", "table.by_state", f.toString());
        assertEquals(0, run.exitCode, run.err);
        assertEquals("key,value\nicmpv6,1\ntcp/ESTABLISHED,1\n", run.out);   // ties in name order
        CliRun series = CliRun.run("report", "--format", "csv", "--section", "occupancy.series", f.toString());
        assertEquals(0, series.exitCode, series.err);
        // NEW tcp at .000001 and NEW udp at 1.0, NEW icmpv6 at 2.0, udp destroyed at 40.0: live at each second's end
        assertTrue(series.out.startsWith("ts,entries\n1700000001,1\n1700000002,2\n1700000003,3\n"), series.out);
        assertTrue(series.out.endsWith("1700000040,3\n1700000041,2\n"), series.out);
    }

    @Test
    void shouldRefuseCsvWithoutASectionAndNameTheTablesOfAnUnknownOne(@TempDir Path dir) throws IOException {
        Path f = write(dir, "events.txt", EVENTS);
        CliRun none = CliRun.run("report", "--format", "csv", f.toString());
        assertEquals(2, none.exitCode);
        assertTrue(none.err.contains("--section"), none.err);
        CliRun unknown = CliRun.run("report", "--format", "csv", "--section", "tabel", f.toString());
        assertEquals(2, unknown.exitCode);
        assertTrue(unknown.err.contains("table.by_state") && unknown.err.contains("top.src"), unknown.err);
    }

    @Test
    void shouldAnalyseOnlyTheRecordsTheFiltersSelect(@TempDir Path dir) throws IOException {
        Path f = write(dir, "events.txt", EVENTS);
        CliRun v6 = CliRun.run("report", "--format", "json", "--src", "fd77:1::/64", f.toString());
        assertEquals(0, v6.exitCode, v6.err);
        assertTrue(v6.out.contains("\"matched\": 1,"), v6.out);
        assertTrue(v6.out.contains("\"excluded\": 4"), v6.out);
        assertTrue(v6.out.contains("\"entries\": 1,"), v6.out);
        CliRun udp = CliRun.run("report", "--format", "json", "--proto", "udp", "--port", "53", f.toString());
        assertTrue(udp.out.contains("\"expression\": \"--proto udp --port 53\""), udp.out);
        assertTrue(udp.out.contains("\"entries\": 0,"), udp.out);
    }

    @Test
    void shouldExitWithUsageErrorOnBadAnalysisOptions(@TempDir Path dir) throws IOException {
        Path f = write(dir, "events.txt", EVENTS);
        for (String[] bad : new String[][] {
            {"--src", "10.0.0.0/33"}, {"--proto", "tcq"}, {"--group", "/200"}, {"--resolution", "0s"},
            {"--port-range", "60999-32768"}, {"--top", "0"}, {"--state", "ESTABLISHD"}}) {
            CliRun run = CliRun.run("report", bad[0], bad[1], f.toString());
            assertEquals(2, run.exitCode, String.join(" ", bad));
            assertTrue(run.err.startsWith("ctscope report: "), run.err);
        }
    }

    @Test
    void shouldGroupTopTalkersByPrefixAndMeasureNatPortsAgainstTheRange(@TempDir Path dir) throws IOException {
        Path f = write(dir, "events.txt", EVENTS);
        CliRun run = CliRun.run("report", "--format", "json", "--group", "/24,/48", "--port-range", "32768-60999", f.toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("\"key\": \"10.0.0.0/24\""), run.out);
        assertTrue(run.out.contains("\"key\": \"fd77:1::/48\""), run.out);
        assertTrue(run.out.contains("\"range_size\": 28232"), run.out);
        // the tcp and udp flows were NATed to 172.16.0.1 with ports 40000 and 5000 (below the range)
        assertTrue(run.out.contains("\"outside_range\": 1"), run.out);
    }

    @Test
    void shouldFollowAFlowPickedByStateToItsDestroy(@TempDir Path dir) throws IOException {
        Path f = write(dir, "events.txt", String.join("\n",
            "[1700000000.000000]\t    [NEW] tcp      6 120 SYN_SENT src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 [UNREPLIED] src=172.16.0.2 dst=172.16.0.1 sport=80 dport=40000 id=1",
            "[1700000001.000000]\t [UPDATE] tcp      6 432000 ESTABLISHED src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 src=172.16.0.2 dst=172.16.0.1 sport=80 dport=40000 [ASSURED] id=1",
            "[1700000005.000000]\t [UPDATE] tcp      6 120 TIME_WAIT src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 src=172.16.0.2 dst=172.16.0.1 sport=80 dport=40000 [ASSURED] id=1",
            "[1700000125.000000]\t[DESTROY] tcp      6 TIME_WAIT src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=80 src=172.16.0.2 dst=172.16.0.1 sport=80 dport=40000 [ASSURED] id=1",
            "[1700000126.000000]\t    [NEW] tcp      6 120 SYN_SENT src=10.0.0.3 dst=172.16.0.2 sport=40001 dport=80 [UNREPLIED] src=172.16.0.2 dst=172.16.0.1 sport=80 dport=40001 id=2",
            ""));
        CliRun run = CliRun.run("report", "--format", "json", "--state", "ESTABLISHED", f.toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("\"matched\": 3,"), run.out);       // from the ESTABLISHED update to the DESTROY
        assertTrue(run.out.contains("\"excluded\": 2"), run.out);       // the first NEW, and the other flow
        assertTrue(run.out.contains("\"entries\": 0,"), run.out);       // its DESTROY closed it
        assertTrue(run.out.contains("\"first_seen_as_update\": 0,"), run.out);
        assertTrue(run.out.contains("\"peak\": 1,"), run.out);
    }
}
