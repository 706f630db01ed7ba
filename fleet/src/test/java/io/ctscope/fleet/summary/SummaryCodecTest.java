package io.ctscope.fleet.summary;

import io.ctscope.analysis.timeout.Setting;
import io.ctscope.analysis.whatif.WhatifOptions;
import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.RecordKind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SummaryCodecTest {
    /** A version 1 summary (before ship --set) as its documented layout has it, written field by field. */
    @Test
    void shouldStillReadAVersionOneSummaryWithoutAProjection() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF("old-box");
            out.writeLong(1_795_242_010_000_000L);
            out.writeInt(10);
            for (long v : new long[] {5, 9, 4, 1_000, 0, -1, 262_144, 3, 1, 2, 3}) {
                out.writeLong(v);
            }
            out.writeInt(1);
            out.writeByte(RecordKind.NEW.ordinal());
            out.writeByte(17);
            out.writeByte(0);
            out.writeLong(4);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(1);
            out.writeUTF("198.51.100.1");
            out.writeLong(7);
        }
        BoxSummary s = SummaryCodec.decode(bytes.toByteArray());
        assertEquals("old-box", s.box);
        assertEquals(9, s.lastIndex);
        assertEquals(262_144, s.conntrackMax);
        assertEquals(3, s.entriesMax);
        assertEquals(4, s.events(RecordKind.NEW));
        assertEquals(7L, s.natPeak().get("198.51.100.1"));
        assertNull(s.projection());
    }

    /**
     * Two flows and a DNS query under udp_timeout=1 (timeouts in force from the stream: tcp SYN_RECV 60, udp 30),
     * projected by hand from the model in DESIGN.md: the tcp flow lives on (censored, SYN_RECV not proposed);
     * the first query, destroyed early at 21 s, ends under the proposal at its last event + 1 s = 14 s; the second,
     * open at the end, at 19.5 + 1 = 20.5 s. Now the table peaks at 3 (19.5 s to 21 s), projected at 2.
     */
    @Test
    void shouldCarryTheProjectionOfEachIntervalThroughTheCodec() {
        WhatifOptions proposal = new WhatifOptions();
        proposal.propose(Setting.byName("nf_conntrack_udp_timeout"), 1);
        SummaryRecorder recorder = new SummaryRecorder("box", 10, proposal);
        ConntrackTextParser parser = new ConntrackTextParser();
        ConntrackRecord r = new ConntrackRecord();
        String[] lines = SummaryRecorderTest.LINES;
        for (int i = 0; i < lines.length; i++) {
            byte[] b = lines[i].getBytes(StandardCharsets.US_ASCII);
            r.clear();
            assertEquals(0, parser.parse(b, 0, b.length, r), lines[i]);
            recorder.accept(r, i);
        }
        List<BoxSummary> deltas = recorder.cut(true);
        assertEquals(2, deltas.size());
        BoxProjection first = SummaryCodec.decode(SummaryCodec.encode(deltas.get(0))).projection();
        BoxProjection second = SummaryCodec.decode(SummaryCodec.encode(deltas.get(1))).projection();
        assertEquals("udp_timeout=1", first.proposal);
        assertEquals(3, second.currentPeak);
        assertEquals(2, second.projectedPeak);
        assertEquals(2, first.intervalMax, "10 s to 19.5 s: tcp and the first query");
        assertEquals(2, first.intervalEnd, "at 19.5 s: tcp and the second query");
        assertEquals(2, second.intervalMax, "20 s: the second query is still there");
        assertEquals(1, second.intervalEnd, "at 21 s: only tcp");
        BoxSummary merged = SummaryCodec.decode(SummaryCodec.encode(deltas.get(0)));
        merged.merge(SummaryCodec.decode(SummaryCodec.encode(deltas.get(1))));
        assertEquals(1, merged.projection().intervalEnd, "the later delta's point");
        assertEquals(2, merged.projection().intervalMax);
        assertNull(SummaryCodec.decode(SummaryCodec.encode(new SummaryRecorder("plain", 10).heartbeat())).projection());
    }
}
