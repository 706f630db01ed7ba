package io.ctscope.fleet.summary;

import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.RecordKind;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryRecorderTest {
    /** Three flows from two sources over two 10 s buckets, one source-NATed; conntrack -E -o timestamp,extended,id. */
    static final String[] LINES = {
        "[1795242011.000001]\t    [NEW] ipv4     2 tcp      6 120 SYN_SENT src=10.0.0.2 dst=192.0.2.1 sport=40000 dport=80 [UNREPLIED] src=192.0.2.1 dst=198.51.100.1 sport=80 dport=40000 id=1",
        "[1795242012.000001]\t [UPDATE] ipv4     2 tcp      6 60 SYN_RECV src=10.0.0.2 dst=192.0.2.1 sport=40000 dport=80 src=192.0.2.1 dst=198.51.100.1 sport=80 dport=40000 id=1",
        "[1795242013.000001]\t    [NEW] ipv4     2 udp      17 30 src=10.0.0.2 dst=192.0.2.9 sport=5353 dport=53 [UNREPLIED] src=192.0.2.9 dst=198.51.100.1 sport=53 dport=5353 id=2",
        "[1795242019.500001]\t    [NEW] ipv4     2 udp      17 30 src=10.0.0.3 dst=192.0.2.9 sport=5353 dport=53 [UNREPLIED] src=192.0.2.9 dst=10.0.0.3 sport=53 dport=5353 id=3",
        "[1795242021.000001]\t[DESTROY] ipv4     2 udp      17 src=10.0.0.2 dst=192.0.2.9 sport=5353 dport=53 [UNREPLIED] src=192.0.2.9 dst=198.51.100.1 sport=53 dport=5353 id=2",
    };

    private static List<BoxSummary> record(SummaryRecorder recorder, int from, int to) {
        ConntrackTextParser parser = new ConntrackTextParser();
        ConntrackRecord r = new ConntrackRecord();
        for (int i = from; i < to; i++) {
            byte[] b = LINES[i].getBytes(StandardCharsets.US_ASCII);
            r.clear();
            assertEquals(0, parser.parse(b, 0, b.length, r), LINES[i]);
            recorder.accept(r, 100 + i);
        }
        return recorder.cut();
    }

    @Test
    void shouldCutOneDeltaPerBucketAndCarryTheTableAcrossCuts() {
        SummaryRecorder recorder = new SummaryRecorder("box", 10);
        List<BoxSummary> first = record(recorder, 0, 3);
        assertEquals(1, first.size());
        BoxSummary a = first.get(0);
        assertEquals(1795242010_000000L, a.bucketMicros);
        assertEquals(3, a.records);
        assertEquals(100, a.firstIndex);
        assertEquals(102, a.lastIndex);
        assertEquals(2, a.events(RecordKind.NEW));
        assertEquals(Map.of("tcp/SYN_SENT", 1L, "udp", 1L), a.byState(RecordKind.NEW));
        assertEquals(2, a.entriesEnd);
        assertEquals(Map.of("198.51.100.1", 2L), a.natPeak());

        List<BoxSummary> second = record(recorder, 3, 5);
        assertEquals(2, second.size(), "the cut spans the 10 s and the 20 s bucket");
        assertEquals(3, second.get(0).entriesEnd, "the table carried over from the first cut");
        assertEquals(1, second.get(0).records);
        assertEquals(2, second.get(1).entriesEnd);
        assertEquals(1, second.get(1).flowsClosed);
        assertNotNull(second.get(1).lifetimesMs());
        assertEquals(8000, second.get(1).lifetimesMs().getMaxValue(), 8);
    }

    @Test
    void shouldDecodeWhatItEncodesAndMergeLikeOneDelta() {
        SummaryRecorder recorder = new SummaryRecorder("box-1", 10);
        List<BoxSummary> deltas = new ArrayList<>(record(recorder, 0, 2));
        deltas.addAll(record(recorder, 2, 4));
        BoxSummary merged = new BoxSummary();
        for (BoxSummary d : deltas) {
            d.wallMillis = 5;
            merged.merge(SummaryCodec.decode(SummaryCodec.encode(d)));
        }
        assertEquals(4, merged.records);
        assertEquals(100, merged.firstIndex);
        assertEquals(103, merged.lastIndex);
        assertEquals(3, merged.events(RecordKind.NEW));
        assertEquals(1, merged.events(RecordKind.UPDATE));
        assertEquals(3, merged.entriesEnd);
        assertEquals(3, merged.entriesMax);
        assertEquals(3, merged.flowsOpened);
        ItemsSketch<String> s = merged.sources();
        assertEquals(2, s.getEstimate("10.0.0.2"));
        assertEquals(1, s.getEstimate("10.0.0.3"));
        assertEquals(Map.of("198.51.100.1", 2L), merged.natPeak());
    }

    @Test
    void shouldRefuseAnotherSummaryVersionByName() {
        byte[] v = SummaryCodec.encode(new BoxSummary());
        v[0] = 9;
        SummaryFormatException e = org.junit.jupiter.api.Assertions.assertThrows(SummaryFormatException.class,
            () -> SummaryCodec.decode(v));
        assertTrue(e.getMessage().startsWith("summary format version 9: this build reads versions 1 to 2 (a newer ctscope shipped it)"), e.getMessage());
    }
}
