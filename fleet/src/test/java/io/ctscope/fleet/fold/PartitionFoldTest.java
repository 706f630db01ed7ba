package io.ctscope.fleet.fold;

import io.ctscope.analysis.report.JsonRenderer;
import io.ctscope.analysis.report.Report;
import io.ctscope.fleet.merge.FleetReport;
import io.ctscope.fleet.merge.FleetView;
import io.ctscope.fleet.summary.BoxSummary;
import io.ctscope.fleet.summary.SummaryCodec;
import io.ctscope.fleet.summary.SummaryRecorder;
import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.record.ConntrackRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A partition's fold handed over at every point of its input: what one instance published (every change,
 * as the compacted topic keeps it), restored by the next, which folds the rest, gives the report one fold of
 * the whole input gives.
 */
class PartitionFoldTest {
    private static final String SUMMARIES = "s";
    private static final String FOLDED = "f";

    /** Summaries records of two boxes on one partition: a delta per record over several 5 s buckets, with heartbeats. */
    private static List<ConsumerRecord<byte[], byte[]>> summaries() {
        ConntrackTextParser parser = new ConntrackTextParser();
        ConntrackRecord r = new ConntrackRecord();
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        SummaryRecorder[] boxes = {new SummaryRecorder("nat-1", 5), new SummaryRecorder("nat-2", 5)};
        for (int i = 0; i < 24; i++) {
            int box = i % 2;
            String line = String.format("[17952420%02d.000001]\t    [NEW] ipv4     2 udp      17 30 src=10.1.%d.%d dst=192.0.2.7 sport=%d "
                + "dport=53 [UNREPLIED] src=192.0.2.7 dst=198.51.100.%d sport=53 dport=%d", 10 + i, box, i % 5, 40000 + i, box + 1, 40000 + i);
            byte[] b = line.getBytes(StandardCharsets.US_ASCII);
            r.clear();
            assertEquals(0, parser.parse(b, 0, b.length, r), line);
            boxes[box].accept(r, i);
            List<BoxSummary> deltas = new ArrayList<>(boxes[box].cut());
            if (i % 7 == 0) {
                deltas.add(boxes[box].heartbeat());
            }
            for (BoxSummary d : deltas) {
                d.wallMillis = 1_795_242_000_000L + i;
                d.lagRecords = 24 - i;
                out.add(new ConsumerRecord<>(SUMMARIES, 0, out.size(), d.box.getBytes(StandardCharsets.UTF_8), SummaryCodec.encode(d)));
            }
        }
        byte[] newer = new byte[20];
        newer[0] = 9;
        out.add(5, new ConsumerRecord<>(SUMMARIES, 0, 5, new byte[] {1}, newer));
        List<ConsumerRecord<byte[], byte[]>> renumbered = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> c : out) {
            renumbered.add(new ConsumerRecord<>(SUMMARIES, 0, renumbered.size(), c.key(), c.value()));
        }
        return renumbered;
    }

    private static Report build(PartitionFold fold) {
        FleetView view = new FleetView();
        fold.addTo(view, Long.MIN_VALUE, Long.MAX_VALUE);
        return FleetReport.build(view, 1_795_242_100_000L, 60_000, 10);
    }

    private static String report(PartitionFold fold) {
        return JsonRenderer.render(build(fold));
    }

    /** Folds {@code records}, publishing after each one, and returns every record it published. */
    private static List<ConsumerRecord<byte[], byte[]>> foldAndPublish(PartitionFold fold, List<ConsumerRecord<byte[], byte[]>> records,
                                                                       List<ConsumerRecord<byte[], byte[]>> topic) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            fold.add(r);
            for (ProducerRecord<byte[], byte[]> p : fold.changes(FOLDED, 1_795_242_050_000L, "test")) {
                assertEquals(0, p.partition());
                topic.add(new ConsumerRecord<>(FOLDED, 0, topic.size(), p.key(), p.value()));
            }
            fold.published(1_795_242_050_000L);
        }
        return topic;
    }

    @Test
    void shouldRestoreAtAnyPointAndGoOnToTheReportOfOneFold() {
        List<ConsumerRecord<byte[], byte[]>> all = summaries();
        PartitionFold whole = new PartitionFold(0);
        all.forEach(whole::add);
        String expected = report(whole);
        Report once = build(whole);
        assertEquals(2L, once.get("fleet.boxes"));
        assertEquals(24L, once.get("fleet.events.NEW"), "one NEW a line");
        assertEquals(1L, once.get("skipped.summaries"));
        for (int k = 0; k <= all.size(); k++) {
            List<ConsumerRecord<byte[], byte[]>> topic = foldAndPublish(new PartitionFold(0), all.subList(0, k), new ArrayList<>());
            PartitionFold next = new PartitionFold(0);
            topic.forEach(next::restore);
            assertEquals(k, next.nextOffset(), "the state covers the summaries up to where it was published");
            for (ConsumerRecord<byte[], byte[]> r : all.subList((int) next.nextOffset(), all.size())) {
                next.add(r);
            }
            assertEquals(expected, report(next), "handed over after " + k + " summaries");
        }
    }

    @Test
    void shouldNameOnlyTheFirstUnreadableSummary() {
        PartitionFold fold = new PartitionFold(0);
        byte[] newer = {9, 0, 0};
        String first = fold.add(new ConsumerRecord<>(SUMMARIES, 0, 42, new byte[] {1}, newer));
        assertTrue(first.startsWith("s partition 0 offset 42: summary format version 9: "), first);
        assertNull(fold.add(new ConsumerRecord<>(SUMMARIES, 0, 43, new byte[] {1}, newer)));
    }

    @Test
    void shouldRefuseAFoldRecordOfAnotherVersionByName() {
        byte[] value = FoldRecords.latest(new FoldRecords.Latest(1, 2, 3, 4));
        value[0] = 7;
        FoldFormatException e = assertThrows(FoldFormatException.class,
            () -> new PartitionFold(0).restore(new ConsumerRecord<>(FOLDED, 0, 3, FoldRecords.latestKey("a"), value)));
        assertEquals("f partition 0 offset 3: latest record version 7: this build reads version 1 (a newer ctscope folded it)", e.getMessage());
    }
}
