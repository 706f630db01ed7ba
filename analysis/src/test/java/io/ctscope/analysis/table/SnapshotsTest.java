package io.ctscope.analysis.table;

import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.filter.RecordFilters;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.decode.LineParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SnapshotsTest {
    private static final String TCP_EST = "ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=443 src=172.16.0.2 dst=172.16.0.1 sport=443 dport=40000 [ASSURED] mark=0 zone=0 use=2";
    private static final String TCP_TW = "ipv4     2 tcp      6 100 TIME_WAIT src=10.0.0.2 dst=172.16.0.2 sport=40000 dport=443 src=172.16.0.2 dst=172.16.0.1 sport=443 dport=40000 [ASSURED] mark=0 zone=0 use=2";
    private static final String UDP_1 = "ipv4     2 udp      17 20 src=10.0.0.3 dst=172.16.0.2 sport=5000 dport=53 src=172.16.0.2 dst=172.16.0.1 sport=53 dport=5000 mark=0 zone=0 use=2";
    private static final String UDP_2 = "ipv4     2 udp      17 25 src=10.0.0.3 dst=172.16.0.2 sport=5001 dport=53 src=172.16.0.2 dst=172.16.0.1 sport=53 dport=5001 mark=0 zone=0 use=2";
    private static final String UDP_3 = "ipv4     2 udp      17 29 src=10.0.0.4 dst=172.16.0.2 sport=5002 dport=53 src=172.16.0.2 dst=172.16.0.1 sport=53 dport=5002 mark=0 zone=0 use=2";

    /** Parses each dump's lines as its own input (source id 0, 1, ...) into the standard report. */
    private static Report report(ReportOptions options, List<List<String>> dumps) {
        ReportBuilder b = ReportBuilder.standard(options);
        LineParser parser = new LineParser();
        ConntrackRecord r = new ConntrackRecord();
        for (int i = 0; i < dumps.size(); i++) {
            for (String line : dumps.get(i)) {
                byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
                assertEquals(ParseStatus.RECORD, parser.parse(bytes, 0, bytes.length, r), line);
                r.source = i;
                b.accept(r);
            }
        }
        return b.build(new InputSummary());
    }

    @Test
    void shouldMakeTheLatestDumpTheTableAndKeepAFlowListedTwiceOneFlow() {
        ReportOptions options = new ReportOptions();
        options.inputs.add("a.txt", 1_700_000_000_000_000L, SnapshotInputs.FILE_MTIME);
        options.inputs.add("b.txt", 1_700_000_060_500_000L, SnapshotInputs.FILE_MTIME);

        Report r = report(options, List.of(List.of(TCP_EST, UDP_1, UDP_2), List.of(TCP_TW, UDP_3)));

        assertEquals(2L, r.get("table.entries"));
        assertEquals(Map.of("tcp/TIME_WAIT", 1L, "udp", 1L), r.get("table.by_state"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> snapshots = (List<Map<String, Object>>) r.get("table.snapshots");
        assertEquals("a.txt", snapshots.get(0).get("input"));
        assertEquals(3L, snapshots.get(0).get("entries"));
        assertEquals(Map.of("tcp/ESTABLISHED", 1L, "udp", 2L), snapshots.get(0).get("by_state"));
        assertEquals(1_700_000_000L, snapshots.get(0).get("taken_ts"));
        assertEquals("mtime", snapshots.get(0).get("time_source"));
        assertEquals(2L, snapshots.get(1).get("entries"));
        assertEquals("1700000060.500000", snapshots.get(1).get("taken_ts").toString());
        // the tcp flow is in both dumps: one flow from 10.0.0.2, not two
        assertEquals(1L, source(r, "10.0.0.2").get("flows"));
        // the table was fullest with the first dump (3 entries): 10.0.0.4 came only with the second
        assertEquals(2L, source(r, "10.0.0.3").get("peak_entries"));
        assertEquals(0L, source(r, "10.0.0.4").get("peak_entries"));
        assertEquals(1L, source(r, "10.0.0.4").get("flows"));
    }

    private static Map<?, ?> source(Report r, String address) {
        return (Map<?, ?>) ((List<?>) r.get("top.src")).stream()
            .filter(e -> address.equals(((Map<?, ?>) e).get("key"))).findFirst().orElseThrow();
    }

    /** A {@code -L -o xml} entry; conntrack 1.4.7 prints no {@code <when>} in dumps, but a dump that has one is dated by it. */
    private static String xmlEntry(int sport, String when) {
        return "<flow><meta direction=\"original\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>10.0.0.3</src><dst>172.16.0.2</dst></layer3>"
            + "<layer4 protonum=\"17\" protoname=\"udp\"><sport>" + sport + "</sport><dport>53</dport></layer4></meta>"
            + "<meta direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>172.16.0.2</src><dst>172.16.0.1</dst></layer3>"
            + "<layer4 protonum=\"17\" protoname=\"udp\"><sport>53</sport><dport>" + sport + "</dport></layer4></meta>"
            + "<meta direction=\"independent\"><timeout>29</timeout><mark>0</mark><use>1</use><id>" + sport + "</id></meta>"
            + when + "</flow>";
    }

    @Test
    void shouldDateASnapshotByItsLinesWhenTheyCarryTheTime() {
        String at = "<when><hour>21</hour><min>39</min><sec>50</sec><wday>3</wday><day>11</day><month>7</month><year>2017</year></when>";
        ReportOptions options = new ReportOptions();
        options.inputs.add("a.xml", 1_700_000_000_000_000L, SnapshotInputs.FILE_MTIME);

        Report r = report(options, List.of(List.of(xmlEntry(5000, "")), List.of(xmlEntry(5001, at), xmlEntry(5002, at))));

        assertEquals("mtime", snapshot(r, 0).get("time_source"));
        assertEquals("records", snapshot(r, 1).get("time_source"));
        assertEquals(java.time.Instant.parse("2017-07-11T21:39:50Z").getEpochSecond(), snapshot(r, 1).get("taken_ts"));
        assertEquals("#1", snapshot(r, 1).get("input"));
    }

    @Test
    void shouldShowAnEmptyTableWhenTheFilterLeavesNothingOfTheLatestDump() {
        ReportOptions options = new ReportOptions();
        options.filter = RecordFilters.of(List.of("tcp"), null, null, null, null);

        Report r = report(options, List.of(List.of(TCP_EST, UDP_1), List.of(UDP_2, UDP_3)));

        assertEquals(0L, r.get("table.entries"));
    }

    @Test
    void shouldNotListASingleDump() {
        Report r = report(new ReportOptions(), List.of(List.of(TCP_EST, UDP_1)));

        assertEquals(2L, r.get("table.entries"));
        assertNull(r.get("table.snapshots"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> snapshot(Report r, int i) {
        return ((List<Map<String, Object>>) r.get("table.snapshots")).get(i);
    }
}
