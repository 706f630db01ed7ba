package io.ctscope.fleet.merge;

import io.ctscope.analysis.timeout.Setting;
import io.ctscope.analysis.whatif.WhatifOptions;
import io.ctscope.fleet.summary.BoxSummary;
import io.ctscope.fleet.summary.SummaryCodec;
import io.ctscope.fleet.summary.SummaryRecorder;
import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fleet's what-if of a box comes from its latest projection, whether a summary with records carried it or
 * the heartbeat that ends a run (its last records went out before their projection was due).
 */
class FleetWhatifTest {
    /** A UDP query at 0 s, answered; a second at 20 s; under udp_timeout=2 (30 in force) the peak of 2 at 20 s falls to 1. */
    private static final String[] LINES = {
        "[1795242000.000001]\t    [NEW] ipv4     2 udp      17 30 src=10.0.0.2 dst=192.0.2.9 sport=5353 dport=53 [UNREPLIED] src=192.0.2.9 dst=10.0.0.2 sport=53 dport=5353",
        "[1795242020.000001]\t    [NEW] ipv4     2 udp      17 30 src=10.0.0.3 dst=192.0.2.9 sport=5353 dport=53 [UNREPLIED] src=192.0.2.9 dst=10.0.0.3 sport=53 dport=5353",
    };

    @Test
    @SuppressWarnings("unchecked")
    void shouldTakeTheProjectionAHeartbeatBringsAtTheEndOfARun() {
        WhatifOptions proposal = new WhatifOptions();
        proposal.propose(Setting.UDP, 2);
        SummaryRecorder recorder = new SummaryRecorder("b", 60, proposal);
        ConntrackTextParser parser = new ConntrackTextParser();
        ConntrackRecord r = new ConntrackRecord();
        for (int i = 0; i < LINES.length; i++) {
            byte[] b = LINES[i].getBytes(StandardCharsets.US_ASCII);
            r.clear();
            parser.parse(b, 0, b.length, r);
            recorder.accept(r, i);
        }
        FleetView view = new FleetView();
        for (BoxSummary s : recorder.cut(false)) {
            view.add(SummaryCodec.decode(SummaryCodec.encode(s)), Long.MIN_VALUE, Long.MAX_VALUE);
        }
        assertEquals(List.of("b"), FleetWhatif.section(view).get("no_projection"), "no projection shipped yet");
        BoxSummary end = recorder.projectingHeartbeat();
        end.lastIndex = 1;
        view.add(SummaryCodec.decode(SummaryCodec.encode(end)), Long.MIN_VALUE, Long.MAX_VALUE);
        Map<String, Object> row = (Map<String, Object>) ((List<Object>) FleetWhatif.section(view).get("boxes")).get(0);
        assertEquals(2L, row.get("current_peak"));
        assertEquals(1L, row.get("projected_peak"));
        assertEquals(1L, row.get("peak_reduction"));
        assertEquals(1L, row.get("projected_now"), "at 20 s only the second query");
        FleetView before = new FleetView();
        before.add(SummaryCodec.decode(SummaryCodec.encode(end)), Long.MIN_VALUE, 1_795_242_020_000_000L);
        assertEquals(List.of(), FleetWhatif.section(before).get("boxes"), "a projection as of 20 s is not one before --to 20 s");
    }
}
