package io.ctscope.analysis.duration;

import io.ctscope.analysis.ParsedLines;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationAnalyzerTest {
    private static final long T0 = 1_732_170_000L;

    private final DurationAnalyzer durations = new DurationAnalyzer();
    private final FlowTracker tracker = new FlowTracker(List.of(durations));

    private void feed(String... lines) {
        ParsedLines.feed(tracker, lines);
    }

    private Report report() {
        Report r = new Report();
        tracker.contribute(r);
        return r;
    }

    /** {@code -o timestamp} prefix for T0 + {@code micros}. */
    private static String at(long micros) {
        long t = T0 * 1_000_000 + micros;
        return String.format("[%d.%06d]\t", t / 1_000_000, t % 1_000_000);
    }

    private static String tcp(String tag, String timeoutAndState, int sport, String extra) {
        return tag + " tcp      6 " + timeoutAndState + "src=10.0.0.2 dst=172.16.0.2 sport=" + sport + " dport=80 "
            + "src=172.16.0.2 dst=172.16.0.1 sport=80 dport=" + sport + extra;
    }

    private static String tcpNew(long micros, int sport) {
        return at(micros) + "    [NEW] tcp      6 120 SYN_SENT src=10.0.0.2 dst=172.16.0.2 sport=" + sport
            + " dport=80 [UNREPLIED] src=172.16.0.2 dst=172.16.0.1 sport=80 dport=" + sport;
    }

    private static String tcpUpdate(long micros, int sport, String state, int timeout) {
        return at(micros) + tcp(" [UPDATE]", timeout + " " + state + " ", sport, " [ASSURED]");
    }

    private static String tcpDestroy(long micros, int sport, String extra) {
        return at(micros) + tcp("[DESTROY]", "", sport, " [ASSURED]" + extra);
    }

    private static final long S = 1_000_000;

    private double value(Report r, String path) {
        return ((Number) r.get(path)).doubleValue();
    }

    @Test
    void shouldMeasureLifetimesAndTimeInEachStateFromEventTimes() {
        feed(tcpNew(0, 40000),
            tcpUpdate(250_000, 40000, "SYN_RECV", 60),
            tcpUpdate(500_000, 40000, "ESTABLISHED", 432000),
            tcpNew(S, 40001),
            at(0) + "    [NEW] udp      17 30 src=10.0.0.2 dst=172.16.0.2 sport=5000 dport=53 [UNREPLIED] "
                + "src=172.16.0.2 dst=172.16.0.1 sport=53 dport=5000",
            tcpUpdate(2 * S + 500_000, 40001, "ESTABLISHED", 432000),
            at(30 * S + 4_000) + "[DESTROY] udp      17 src=10.0.0.2 dst=172.16.0.2 sport=5000 dport=53 "
                + "src=172.16.0.2 dst=172.16.0.1 sport=53 dport=5000",
            tcpUpdate(30 * S + 500_000, 40000, "FIN_WAIT", 120),
            tcpUpdate(31 * S, 40000, "TIME_WAIT", 120),
            // A newer kernel prints the state on DESTROY; it matches the last one seen.
            at(100 * S + 500_000) + tcp("[DESTROY]", "ESTABLISHED ", 40001, " [ASSURED]"),
            tcpDestroy(151 * S, 40000, ""));
        Report r = report();

        assertEquals("s", r.get("durations.unit"));
        assertEquals(0L, r.get("durations.censored"));
        // tcp lifetimes: 151.0 s and 99.5 s; udp 30.004 s.
        assertEquals(List.of("tcp", "udp"), keys(r.get("durations.lifetime")));
        assertEquals(2L, r.get("durations.lifetime.tcp.count"));
        assertEquals(151.0, value(r, "durations.lifetime.tcp.max"));
        assertEquals(125.25, value(r, "durations.lifetime.tcp.mean"));
        assertEquals(99.5, value(r, "durations.lifetime.tcp.p50"), 99.5 * 0.001);
        assertEquals(151.0, value(r, "durations.lifetime.tcp.p90"), 151.0 * 0.001);
        assertEquals(1L, r.get("durations.lifetime.udp.count"));
        assertEquals(30.004, value(r, "durations.lifetime.udp.p50"));
        assertEquals(30.004, value(r, "durations.lifetime.udp.max"));

        // Flow 40000: SYN_SENT 0.25, SYN_RECV 0.25, ESTABLISHED 30.0, FIN_WAIT 0.5, TIME_WAIT 120.0;
        // flow 40001: SYN_SENT 1.5, ESTABLISHED 98.0 (ended by the DESTROY).
        assertEquals(List.of("tcp/ESTABLISHED", "tcp/SYN_SENT", "tcp/FIN_WAIT", "tcp/SYN_RECV", "tcp/TIME_WAIT"),
            keys(r.get("durations.state")));
        assertEquals(2L, r.get("durations.state.tcp/SYN_SENT.count"));
        assertEquals(0.25, value(r, "durations.state.tcp/SYN_SENT.p50"));
        assertEquals(1.5, value(r, "durations.state.tcp/SYN_SENT.max"));
        assertEquals(0.875, value(r, "durations.state.tcp/SYN_SENT.mean"));
        assertEquals(0.25, value(r, "durations.state.tcp/SYN_RECV.max"));
        assertEquals(98.0, value(r, "durations.state.tcp/ESTABLISHED.max"));
        assertEquals(64.0, value(r, "durations.state.tcp/ESTABLISHED.mean"));
        assertEquals(0.5, value(r, "durations.state.tcp/FIN_WAIT.max"));
        assertEquals(120.0, value(r, "durations.state.tcp/TIME_WAIT.max"));
        assertEquals(1L, r.get("durations.state.tcp/TIME_WAIT.count"));
    }

    @Test
    void shouldTakeTheKernelLifetimeFromKtimestampEvenForFlowsSeenOnlyAtTheirEnd() {
        String stamps120 = " [start=Sat Nov 21 05:50:00 2026] [stop=Sat Nov 21 05:52:00 2026]";
        String stamps600 = " [start=Sat Nov 21 05:00:00 2026] [stop=Sat Nov 21 05:10:00 2026]";
        String stamps20 = " [start=Sat Nov 21 06:00:00 2026] [stop=Sat Nov 21 06:00:20 2026]";
        feed(
            // Destroyed unseen: created before the capture.
            tcpDestroy(10 * S, 40000, stamps120),
            // First seen as UPDATE, so its start is known only from the kernel.
            tcpUpdate(0, 40001, "ESTABLISHED", 432000),
            tcpDestroy(20 * S, 40001, stamps600),
            // Seen created; the DESTROY came 50 s later, but the kernel back-dates stop to the expiry.
            tcpNew(0, 40002),
            tcpDestroy(50 * S, 40002, stamps20));
        Report r = report();
        assertEquals(3L, r.get("durations.lifetime.tcp.count"));
        assertEquals(600.0, value(r, "durations.lifetime.tcp.max"));
        assertEquals(246.667, value(r, "durations.lifetime.tcp.mean"));
        assertEquals(120.0, value(r, "durations.lifetime.tcp.p50"), 120.0 * 0.001);
    }

    @Test
    void shouldCountFlowsOpenAtTheEndAsCensoredWithoutInventingAnEnd() {
        feed(tcpNew(0, 40000),
            tcpNew(S, 40001),
            tcpUpdate(2 * S, 40002, "ESTABLISHED", 432000),
            tcpDestroy(5 * S, 40000, ""),
            // A dump entry is a snapshot, not a lifetime being watched: not censored.
            "ipv4     2 udp      17 25 src=10.0.0.9 dst=172.16.0.2 sport=5000 dport=53 src=172.16.0.2 "
                + "dst=10.0.0.9 sport=53 dport=5000 mark=0 zone=0 use=2");
        Report r = report();
        assertEquals(2L, r.get("durations.censored"));
        assertEquals(1L, r.get("durations.lifetime.tcp.count"));
        assertEquals(5.0, value(r, "durations.lifetime.tcp.max"));
    }

    @Test
    void shouldSkipTheUnknownStartOfFlowsCreatedBeforeTheCapture() {
        feed(tcpUpdate(0, 40000, "ESTABLISHED", 432000),
            tcpUpdate(10 * S, 40000, "FIN_WAIT", 120),
            tcpUpdate(11 * S, 40000, "TIME_WAIT", 120),
            tcpDestroy(131 * S, 40000, ""));
        Report r = report();
        assertEquals(Map.of(), r.get("durations.lifetime"));
        assertEquals(List.of("tcp/FIN_WAIT", "tcp/TIME_WAIT"), keys(r.get("durations.state")));
        assertEquals(1.0, value(r, "durations.state.tcp/FIN_WAIT.max"));
        assertEquals(120.0, value(r, "durations.state.tcp/TIME_WAIT.max"));
    }

    @Test
    void shouldNotTimeTheLastStateWhenTheDestroyNamesAnotherOne() {
        // The FIN_WAIT and TIME_WAIT updates were lost: when ESTABLISHED ended is unknown.
        feed(tcpNew(0, 40000),
            tcpUpdate(S, 40000, "ESTABLISHED", 432000),
            at(200 * S) + tcp("[DESTROY]", "TIME_WAIT ", 40000, " [ASSURED]"));
        Report r = report();
        assertEquals(List.of("tcp/SYN_SENT"), keys(r.get("durations.state")));
        assertEquals(200.0, value(r, "durations.lifetime.tcp.max"));
    }

    @Test
    void shouldLeaveTheSectionOutWhenNothingWasTimed() {
        feed(tcp("    [NEW]", "120 SYN_SENT ", 40000, ""),
            tcp("[DESTROY]", "", 40000, ""));
        assertNull(report().get("durations"));
    }

    @Test
    void shouldMatchExactPercentilesWithinHdrHistogramPrecision() {
        Random random = new Random(42);
        int n = 400;
        long[] millis = new long[n];
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Spread over five orders of magnitude: 1 ms to about 3 hours.
            millis[i] = Math.max(1, (long) Math.pow(10, 1 + random.nextDouble() * 6));
            lines.add(tcpNew(i * 1000L, 20000 + i));
        }
        for (int i = 0; i < n; i++) {
            lines.add(tcpDestroy(i * 1000L + millis[i] * 1000, 20000 + i, ""));
        }
        feed(lines.toArray(new String[0]));
        Report r = report();

        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (long m : sorted) {
            sum += m;
        }
        assertEquals((long) n, r.get("durations.lifetime.tcp.count"));
        assertEquals(sorted[n - 1] / 1000.0, value(r, "durations.lifetime.tcp.max"));
        assertEquals(Math.round((double) sum / n) / 1000.0, value(r, "durations.lifetime.tcp.mean"));
        for (int p : new int[] {50, 90, 99}) {
            // Nearest rank: the smallest value with at least p % of the values at or below it.
            double exact = sorted[(int) Math.ceil(p / 100.0 * n) - 1] / 1000.0;
            double got = value(r, "durations.lifetime.tcp.p" + p);
            assertTrue(got >= exact && got <= exact * 1.001 + 0.001, "p" + p + ": " + got + " vs exact " + exact);
        }
    }

    private static List<String> keys(Object map) {
        return new ArrayList<>(((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList());
    }
}
