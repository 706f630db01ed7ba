package io.ctscope.analysis.whatif;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.timeout.Setting;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ctscope.analysis.whatif.WhatifLines.T0;
import static io.ctscope.analysis.whatif.WhatifLines.at;
import static io.ctscope.analysis.whatif.WhatifLines.destroyUdp;
import static io.ctscope.analysis.whatif.WhatifLines.listedUdp;
import static io.ctscope.analysis.whatif.WhatifLines.newUdp;
import static io.ctscope.analysis.whatif.WhatifLines.num;
import static io.ctscope.analysis.whatif.WhatifLines.propose;
import static io.ctscope.analysis.whatif.WhatifLines.runInputs;
import static io.ctscope.analysis.whatif.WhatifLines.seriesAt;
import static io.ctscope.analysis.whatif.WhatifLines.udp;
import static io.ctscope.analysis.whatif.WhatifLines.udpReply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dump taken beside an event stream narrows the band: an entry listed at D with r s left of a state
 * timed T had its last packet at D - T + r or later, which the events cannot show (packets that only
 * refresh the timeout print nothing).
 */
class DumpEvidenceTest {
    /** A UDP stream ASSURED at 3 s, then active without events: its DESTROY at 300 s says until 180 s at most. */
    private static final List<String> STREAM = List.of(
        newUdp(0, 1000, 30),
        at(0.1) + " [UPDATE] udp      17 30 " + udp(1000) + " " + udpReply(1000),
        at(3) + " [UPDATE] udp      17 120 " + udp(1000) + " " + udpReply(1000) + " [ASSURED]",
        at(300) + "[DESTROY] udp      17 " + udp(1000) + " " + udpReply(1000) + " [ASSURED]");
    /** At 100 s the table showed it with 110 s of its 120 left: a packet at 90 s. */
    private static final List<String> DUMP_AT_100 = List.of(listedUdp(1000, 110, true));

    private static WhatifOptions streamTimeoutTo60(long dumpSource, long dumpAtSecond) {
        WhatifOptions o = propose(Setting.UDP_STREAM, 60);
        o.inputTakenMicros = source -> source == dumpSource ? (T0 + dumpAtSecond) * 1_000_000L : -1;
        return o;
    }

    @Test
    void shouldRaiseTheLowCurveToTheLastPacketADumpShows() {
        Report events = runInputs(streamTimeoutTo60(-1, 0), STREAM);
        // the events alone: quiet since 3 s (gone at 63 s under 60) or active to 300 - 120 = 180 s (240 s)
        assertArrayEquals(new long[] {T0 + 100, 1, 0, 1}, seriesAt(events, 100));
        assertNull(events.get("evidence.dump_entries"));

        Report withDump = runInputs(streamTimeoutTo60(1, 100), STREAM, DUMP_AT_100);
        // a packet at 90 s at the latest rounding (idle 10 s, a second for the rounding and the read): low to 89 + 60
        assertArrayEquals(new long[] {T0 + 100, 1, 1, 1}, seriesAt(withDump, 100));
        assertArrayEquals(new long[] {T0 + 149, 1, 1, 1}, seriesAt(withDump, 149));
        assertArrayEquals(new long[] {T0 + 150, 1, 0, 1}, seriesAt(withDump, 150));
        assertArrayEquals(new long[] {T0 + 240, 1, 0, 1}, seriesAt(withDump, 240), "high and point as before");
        assertArrayEquals(new long[] {T0 + 241, 0, 0, 0}, seriesAt(withDump, 241));
        assertEquals(1, num(withDump, "evidence.dump_entries"));
        assertEquals(1, num(withDump, "evidence.dump_bounded"));
        assertTrue(((Number) withDump.get("projected.mean_low")).doubleValue()
            > ((Number) events.get("projected.mean_low")).doubleValue(), "the band is narrower");
        assertEquals(1, num(withDump, "removed_now.entries"), "the dump still answers what it removes now");
        String text = WhatifText.render(withDump).replaceAll("\\s+", " ");
        assertTrue(text.contains("dumps beside the stream: 1 entries, the last packet of 1 flows later than their last"), text);
        assertTrue(!WhatifText.render(events).contains("dumps beside"), "no dump, no dump clause");
    }

    @Test
    void shouldReadTheDumpTheSameWhetherItComesBeforeOrAfterTheStream() {
        Report after = runInputs(streamTimeoutTo60(1, 100), STREAM, DUMP_AT_100);
        Report before = runInputs(streamTimeoutTo60(0, 100), DUMP_AT_100, STREAM);
        for (String key : List.of("peak", "peak_low", "peak_high", "mean", "mean_low", "mean_high")) {
            assertEquals(after.get("projected." + key), before.get("projected." + key), key);
        }
        assertEquals(after.get("current.peak"), before.get("current.peak"));
        assertArrayEquals(series(after), series(before));
        assertEquals(1, num(before, "evidence.dump_bounded"));
    }

    private static long[][] series(Report r) {
        @SuppressWarnings("unchecked")
        List<long[]> series = (List<long[]>) r.get("projected.series");
        return series.toArray(new long[0][]);
    }

    @Test
    void shouldMatchAReusedTupleToTheEntryAliveWhenTheDumpWasTaken() {
        // two entries of one tuple: 0-40 s (quiet from 0) and 50-90 s; the dump at 60 s lists the second
        // with 28 of 30 s left, a packet at 58 s: the first entry keeps its band, the second's low rises
        List<String> stream = List.of(
            newUdp(0, 1000, 30), destroyUdp(40, 1000),
            newUdp(50, 1000, 30), destroyUdp(90, 1000));
        WhatifOptions o = propose(Setting.UDP, 10);
        o.inputTakenMicros = source -> source == 1 ? (T0 + 60) * 1_000_000L : -1;
        Report r = runInputs(o, stream, List.of(listedUdp(1000, 28, false)));
        assertEquals(1, num(r, "evidence.dump_bounded"));
        assertArrayEquals(new long[] {T0 + 10, 1, 1, 1}, seriesAt(r, 10));
        assertArrayEquals(new long[] {T0 + 11, 1, 0, 1}, seriesAt(r, 11), "the first entry: low ends at 10 s, point and high at 20 s");
        // the second: low from 57 s (58 less 1 s) to 67 s, where the events alone ended it at 60 s
        assertArrayEquals(new long[] {T0 + 66, 1, 1, 1}, seriesAt(r, 66));
        assertArrayEquals(new long[] {T0 + 68, 1, 0, 1}, seriesAt(r, 68));
    }

    @Test
    void shouldNotUseADumpWhoseTimeIsUnknown() {
        Report r = runInputs(streamTimeoutTo60(-1, 0), STREAM, DUMP_AT_100);
        assertEquals(0, num(r, "evidence.dump_entries"));
        assertEquals(1, num(r, "evidence.dump_entries_untimed"));
        assertEquals(0, num(r, "evidence.dump_bounded"));
        assertArrayEquals(new long[] {T0 + 100, 1, 0, 1}, seriesAt(r, 100));
    }
}
