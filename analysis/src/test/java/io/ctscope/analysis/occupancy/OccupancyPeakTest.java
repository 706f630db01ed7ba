package io.ctscope.analysis.occupancy;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.ctscope.analysis.occupancy.EventLines.S;
import static io.ctscope.analysis.occupancy.EventLines.T0;
import static io.ctscope.analysis.occupancy.EventLines.destroyTcp;
import static io.ctscope.analysis.occupancy.EventLines.destroyUdp;
import static io.ctscope.analysis.occupancy.EventLines.json;
import static io.ctscope.analysis.occupancy.EventLines.newTcp;
import static io.ctscope.analysis.occupancy.EventLines.newUdp;
import static io.ctscope.analysis.occupancy.EventLines.point;
import static io.ctscope.analysis.occupancy.EventLines.points;
import static io.ctscope.analysis.occupancy.EventLines.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The occupancy peak is the most entries live at any instant, not at an interval end. */
class OccupancyPeakTest {
    @Test
    void shouldSeeABurstThatOpensAndClosesWithinOneSecond() {
        Report report = run(List.of(
            newTcp(100_000, 1), newTcp(200_000, 2), newTcp(300_000, 3),
            destroyTcp(500_000, 1), destroyTcp(600_000, 2), destroyTcp(700_000, 3),
            newTcp(1_500_000, 4)));
        // Interval ends see 0 and 1; three were live from 0.3 s to 0.5 s.
        assertArrayEquals(new long[][] {point(T0 + 1, 0), point(T0 + 2, 1)}, points(report.get("occupancy.series")));
        assertArrayEquals(new long[][] {point(T0 + 1, 3), point(T0 + 2, 1)}, points(report.get("occupancy.series_max")));
        assertEquals(3L, report.get("occupancy.peak"));
        assertEquals(new BigDecimal("1732170000.300000"), report.get("occupancy.peak_ts"));
        assertEquals(3L, report.get("occupancy.by_protocol.tcp.peak"));
    }

    @Test
    void shouldCountClosesBeforeOpensAtOneInstant() {
        Report report = run(List.of(newTcp(100_000, 1), destroyTcp(400_000, 1), newTcp(400_000, 2)));
        assertEquals(1L, report.get("occupancy.peak"), "a DESTROY and a NEW at the same µs: one live at that instant");
        assertEquals(new BigDecimal("1732170000.100000"), report.get("occupancy.peak_ts"));
    }

    @Test
    void shouldKeepThePeakExactForTwoSortedRunsInEitherOrder() {
        List<Span> spans = randomSpans(99, 400);
        List<String> sorted = lines(spans, 0, spans.size());
        // Two halves of the flows, each in time order, overlapping in time, the later-starting half first.
        int half = spans.size() / 2;
        List<String> twoRuns = new ArrayList<>(lines(spans, half, spans.size()));
        twoRuns.addAll(lines(spans, 0, half));
        Report expected = run(sorted);
        Report actual = run(twoRuns);
        assertEquals(true, actual.get("occupancy.peak_exact"));
        assertEquals(expected.get("occupancy.peak"), actual.get("occupancy.peak"));
        assertEquals(expected.get("occupancy.peak_ts"), actual.get("occupancy.peak_ts"));
        assertArrayEquals(points(expected.get("occupancy.series_max")), points(actual.get("occupancy.series_max")));
        assertEquals(json(expected), json(actual));
    }

    @Test
    void shouldMatchABruteForceRecountAtEveryInstantAndInterval() {
        for (long seed = 1; seed <= 5; seed++) {
            List<Span> spans = randomSpans(seed, 300);
            for (long width : new long[] {1, 10}) {
                ReportOptions options = new ReportOptions();
                options.resolutionSeconds = width;
                Report report = run(options, lines(spans, 0, spans.size()));
                long[] peak = brutePeak(spans);
                assertEquals(peak[0], report.get("occupancy.peak"), "seed " + seed);
                assertEquals(BigDecimal.valueOf(T0 * S + peak[1]).movePointLeft(6).stripTrailingZeros(),
                    new BigDecimal(report.get("occupancy.peak_ts").toString()).stripTrailingZeros(), "seed " + seed);
                long[][] max = points(report.get("occupancy.series_max"));
                for (long[] p : max) {
                    long endMicros = (p[0] - T0) * S;
                    assertEquals(bruteMax(spans, endMicros - width * S, endMicros), p[1], "seed " + seed + " interval ending " + p[0]);
                }
            }
        }
    }

    /** A flow's open and close, µs after T0; udp for odd ids. */
    private record Span(int id, long open, long close) {
    }

    private static List<Span> randomSpans(long seed, int n) {
        Random rnd = new Random(seed);
        List<Span> spans = new ArrayList<>();
        for (int id = 1; id <= n; id++) {
            // Whole milliseconds often, so ties between a close and an open happen.
            long open = rnd.nextInt(120_000) * 1_000L + (rnd.nextBoolean() ? 0 : rnd.nextInt(1000));
            long close = open + rnd.nextInt(5_000) * 1_000L;
            spans.add(new Span(id, open, close));
        }
        spans.sort(Comparator.comparingLong(Span::open));
        return spans;
    }

    /** The lines of spans[from..to) in time order (each flow's NEW before its DESTROY). */
    private static List<String> lines(List<Span> spans, int from, int to) {
        List<long[]> events = new ArrayList<>();
        for (int k = from; k < to; k++) {
            Span s = spans.get(k);
            events.add(new long[] {s.open, 1, s.id});
            events.add(new long[] {s.close, 0, s.id});
        }
        // by time; at one time the NEW first, so a flow's own NEW always precedes its DESTROY
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> -e[1]));
        List<String> out = new ArrayList<>();
        for (long[] e : events) {
            boolean udp = e[2] % 2 == 1;
            if (e[1] == 1) {
                out.add(udp ? newUdp(e[0], e[2]) : newTcp(e[0], e[2]));
            } else {
                out.add(udp ? destroyUdp(e[0], e[2]) : destroyTcp(e[0], e[2]));
            }
        }
        return out;
    }

    /** Live at instant t: opened at or before t and not closed at or before t. */
    private static long liveAt(List<Span> spans, long t) {
        long n = 0;
        for (Span s : spans) {
            if (s.open <= t && s.close > t) {
                n++;
            }
        }
        return n;
    }

    /** {peak, earliest instant}: the count can only rise at an open, so try every open. */
    private static long[] brutePeak(List<Span> spans) {
        long best = -1;
        long at = 0;
        for (Span s : spans) {
            long n = liveAt(spans, s.open);
            if (n > best || (n == best && s.open < at)) {
                best = n;
                at = s.open;
            }
        }
        return new long[] {best, at};
    }

    /** Most live at any instant of [from, to): at its start or at any open inside. */
    private static long bruteMax(List<Span> spans, long from, long to) {
        long best = liveAt(spans, from - 1) ;
        best = Math.max(best, liveAt(spans, from));
        for (Span s : spans) {
            if (s.open >= from && s.open < to) {
                best = Math.max(best, liveAt(spans, s.open));
            }
        }
        return best;
    }
}
