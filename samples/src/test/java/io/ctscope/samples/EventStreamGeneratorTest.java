package io.ctscope.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctscope.samples.CaptureReplay.Event;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventStreamGeneratorTest {

    /** Slow enough (200 simulated seconds) that full TCP lifecycles, TIME_WAIT included, complete. */
    private static final GeneratorConfig LONG_RUN = GeneratorConfig.of(400_000, 42).withRate(2_000);
    private static List<Event> events;

    @BeforeAll
    static void generateOnce() {
        events = CaptureReplay.parse(CaptureReplay.generate(LONG_RUN));
    }

    @Test
    void shouldGiveIdenticalBytesForTheSameSeed() {
        GeneratorConfig config = GeneratorConfig.of(100_000, 7);
        assertArrayEquals(CaptureReplay.generate(config), CaptureReplay.generate(config));
    }

    @Test
    void shouldDifferForAnotherSeed() {
        byte[] a = CaptureReplay.generate(GeneratorConfig.of(10_000, 7));
        byte[] b = CaptureReplay.generate(GeneratorConfig.of(10_000, 8));
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void shouldWriteExactlyTheRequestedNumberOfLines() {
        for (long n : new long[] {0, 1, 2, 7, 12_345}) {
            byte[] capture = CaptureReplay.generate(GeneratorConfig.of(n, 3));
            long newlines = 0;
            for (byte b : capture) {
                newlines += b == '\n' ? 1 : 0;
            }
            assertEquals(n, newlines, "lines for --lines " + n);
            assertTrue(n == 0 || capture[capture.length - 1] == '\n');
        }
        assertEquals(LONG_RUN.lines(), events.size());
    }

    @Test
    void shouldReportWhatItWrote() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerationSummary summary = new EventStreamGenerator(GeneratorConfig.of(50_000, 5)).writeTo(out);
        assertEquals(50_000, summary.lines());
        assertEquals(summary.lines(), summary.newEvents() + summary.updateEvents() + summary.destroyEvents());
        assertEquals(out.size(), summary.bytes());
    }

    @Test
    void shouldStartAtTheConfiguredTimeAndNeverGoBack() {
        assertEquals(GeneratorConfig.DEFAULT_START_MICROS, events.get(0).micros);
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).micros >= events.get(i - 1).micros, "line " + (i + 1) + " goes back in time");
        }
        Event first = CaptureReplay.parse(CaptureReplay.generate(
                GeneratorConfig.of(1, 1).withStartMicros(1_712_662_404_573_225L))).get(0);
        assertTrue(first.line.startsWith("[1712662404.573225]\t    [NEW] ipv4     2 "), first.line);
    }

    @Test
    void shouldApproachTheConfiguredRate() {
        GenerationSummary summary = new EventStreamGenerator(GeneratorConfig.of(400_000, 11).withRate(20_000))
                .writeTo(OutputStreamsForTests.DISCARD);
        double rate = summary.lines() / summary.simulatedSeconds();
        // the table fills from empty, so the first two minutes run below the steady rate
        assertTrue(rate > 12_000 && rate < 24_000, "events/s " + rate);
    }

    @Test
    void shouldOnlyUpdateOrDestroyFlowsItOpenedWithTheirOwnTuples() {
        Map<Long, Event> open = new HashMap<>();
        for (Event e : events) {
            Event opened = open.get(e.id);
            if (e.tag.equals("[NEW]")) {
                assertEquals(null, opened, "id reused while open: " + e.line);
                open.put(e.id, e);
                continue;
            }
            assertNotNull(opened, "event for a flow never opened: " + e.line);
            assertEquals(opened.originalTuple(), e.originalTuple(), e.line);
            assertEquals(opened.replyTuple(), e.replyTuple(), e.line);
            if (e.tag.equals("[DESTROY]")) {
                open.remove(e.id);
            }
        }
    }

    @Test
    void shouldNeverShareATupleAmongOpenFlows() {
        Set<String> replyTuples = new HashSet<>();
        Set<String> originalTuples = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        for (Event e : events) {
            // the NAT side: (nat address, translated port, server, server port)
            String nat = e.replyDst + ":" + e.replyDport + "<" + e.replySrc + ":" + e.replySport;
            if (e.tag.equals("[NEW]")) {
                assertTrue(replyTuples.add(nat), "NAT tuple in use by another open flow: " + e.line);
                assertTrue(originalTuples.add(e.originalTuple()), "original tuple in use: " + e.line);
                assertTrue(ids.add(e.id), "id in use: " + e.line);
            } else if (e.tag.equals("[DESTROY]")) {
                replyTuples.remove(nat);
                originalTuples.remove(e.originalTuple());
                ids.remove(e.id);
            }
        }
    }

    @Test
    void shouldTranslateToANatAddressKeepingThePortMostly() {
        long kept = 0;
        long news = 0;
        for (Event e : events) {
            if (e.tag.equals("[NEW]")) {
                news++;
                assertTrue(e.origSrc.startsWith("10."), e.line);
                assertTrue(e.replyDst.startsWith("198.18."), e.line);
                assertEquals(e.origDst, e.replySrc, e.line);
                kept += e.origSport == e.replyDport ? 1 : 0;
            }
        }
        assertTrue(kept > 0.8 * news && kept < news, "kept " + kept + " of " + news);
    }

    @Test
    void shouldDestroyNoEarlierThanTheTimeoutAfterTheLastEvent() {
        Map<Long, Event> last = new HashMap<>();
        int checked = 0;
        for (Event e : events) {
            if (!e.tag.equals("[DESTROY]")) {
                last.put(e.id, e);
                continue;
            }
            Event before = last.remove(e.id);
            boolean killedByRst = "SYN_SENT".equals(before.state) && e.unreplied && e.replyPackets > 0;
            if (!killedByRst) {
                assertTrue(e.micros >= before.micros + before.timeout * 1_000_000L,
                        "destroyed before expiry: " + before.line + " / " + e.line);
                checked++;
            }
        }
        assertTrue(checked > 10_000);
    }

    @Test
    void shouldGiveTheTopHostALargeShareOfFlows() {
        Map<String, Integer> flowsPerHost = new HashMap<>();
        int flows = 0;
        for (Event e : events) {
            if (e.tag.equals("[NEW]")) {
                flowsPerHost.merge(e.origSrc, 1, Integer::sum);
                flows++;
            }
        }
        int[] counts = flowsPerHost.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        int top = counts[counts.length - 1];
        int topOnePercent = 0;
        for (int i = counts.length - 1; i >= counts.length - GeneratorConfig.DEFAULT_HOSTS / 100; i--) {
            topOnePercent += counts[i];
        }
        assertTrue(top > 0.05 * flows, "top host has " + top + " of " + flows);
        assertTrue(topOnePercent > 0.3 * flows, "top 1% of hosts have " + topOnePercent + " of " + flows);
        assertTrue(flowsPerHost.size() > 1_000, "active hosts " + flowsPerHost.size());
    }

    @Test
    void shouldCoverEveryLifecycle() {
        Set<String> seen = new HashSet<>();
        for (Event e : events) {
            seen.add(e.tag + " " + e.protocol + " " + (e.state == null ? "" : e.state) + " " + e.timeout
                    + (e.unreplied ? " U" : "") + (e.assured ? " A" : ""));
        }
        for (String expected : new String[] {
                "[NEW] tcp SYN_SENT 120 U", "[UPDATE] tcp SYN_RECV 60", "[UPDATE] tcp ESTABLISHED 432000 A",
                "[UPDATE] tcp FIN_WAIT 120 A", "[UPDATE] tcp LAST_ACK 30 A", "[UPDATE] tcp TIME_WAIT 120 A",
                "[UPDATE] tcp CLOSE 10 A", "[DESTROY] tcp  -1 A", "[DESTROY] tcp  -1 U",
                "[NEW] udp  30 U", "[UPDATE] udp  30", "[UPDATE] udp  120 A", "[DESTROY] udp  -1", "[DESTROY] udp  -1 U",
                "[DESTROY] udp  -1 A", "[NEW] icmp  30 U", "[UPDATE] icmp  30", "[DESTROY] icmp  -1"}) {
            assertTrue(seen.contains(expected), "never saw " + expected + " in " + seen);
        }
    }

    @Test
    void shouldDropNewFlowsWhenTheTableIsFull() {
        GeneratorConfig tiny = GeneratorConfig.of(50_000, 9).withMaxFlows(1_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerationSummary summary = new EventStreamGenerator(tiny).writeTo(out);
        assertTrue(summary.droppedTableFull() > 0);
        assertEquals(1_000, summary.peakOpen());
        int open = 0;
        int peak = 0;
        for (Event e : CaptureReplay.parse(out.toByteArray())) {
            open += e.tag.equals("[NEW]") ? 1 : e.tag.equals("[DESTROY]") ? -1 : 0;
            peak = Math.max(peak, open);
        }
        assertEquals(1_000, peak);
    }

    @Test
    void shouldSpreadHostsOverTheConfiguredNatAddresses() {
        Set<String> natAddrs = new HashSet<>();
        for (Event e : CaptureReplay.parse(CaptureReplay.generate(GeneratorConfig.of(20_000, 1).withNatAddresses(2)))) {
            natAddrs.add(e.replyDst);
        }
        assertEquals(Set.of("198.18.0.1", "198.18.0.2"), natAddrs);
    }
}
