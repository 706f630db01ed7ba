package io.ctscope.analysis.occupancy;

import io.ctscope.analysis.ParsedLines;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.flow.FlowTracker;
import io.ctscope.analysis.report.JsonRenderer;
import io.ctscope.analysis.report.Report;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Builds {@code conntrack -E -o timestamp,id} lines for the occupancy tests, at {@link #T0} plus an
 * offset in µs, and runs them through a {@link FlowTracker} holding an {@link OccupancyAnalyzer}.
 */
final class EventLines {
    /** 2024-11-21 06:20:00 UTC; a multiple of 16 s, so coarse intervals start on it. */
    static final long T0 = 1_732_170_000L;
    static final long S = 1_000_000L;

    private EventLines() {
    }

    static String stamp(long offsetMicros) {
        long micros = T0 * S + offsetMicros;
        return String.format("[%d.%06d]\t", micros / S, micros % S);
    }

    private static int port(long id) {
        return (int) (10_000 + id % 50_000);
    }

    static String newTcp(long at, long id) {
        int p = port(id);
        return stamp(at) + "    [NEW] tcp      6 120 SYN_SENT src=10.0.0.2 dst=172.16.0.2 sport=" + p + " dport=80 [UNREPLIED] "
            + "src=172.16.0.2 dst=172.16.0.1 sport=80 dport=" + p + " id=" + id;
    }

    static String updateTcp(long at, long id) {
        int p = port(id);
        return stamp(at) + " [UPDATE] tcp      6 432000 ESTABLISHED src=10.0.0.2 dst=172.16.0.2 sport=" + p + " dport=80 "
            + "src=172.16.0.2 dst=172.16.0.1 sport=80 dport=" + p + " [ASSURED] id=" + id;
    }

    static String destroyTcp(long at, long id) {
        int p = port(id);
        return stamp(at) + "[DESTROY] tcp      6 src=10.0.0.2 dst=172.16.0.2 sport=" + p + " dport=80 "
            + "src=172.16.0.2 dst=172.16.0.1 sport=80 dport=" + p + " [ASSURED] id=" + id;
    }

    static String newUdp(long at, long id) {
        int p = port(id);
        return stamp(at) + "    [NEW] udp      17 30 src=10.0.0.3 dst=172.16.0.3 sport=" + p + " dport=53 [UNREPLIED] "
            + "src=172.16.0.3 dst=172.16.0.1 sport=53 dport=" + p + " id=" + id;
    }

    static String destroyUdp(long at, long id) {
        int p = port(id);
        return stamp(at) + "[DESTROY] udp      17 src=10.0.0.3 dst=172.16.0.3 sport=" + p + " dport=53 "
            + "src=172.16.0.3 dst=172.16.0.1 sport=53 dport=" + p + " id=" + id;
    }

    /** A {@code conntrack -L -o id} line: a table entry without timestamp. */
    static String dumpTcp(long id) {
        int p = port(id);
        return "tcp      6 431999 ESTABLISHED src=10.0.0.9 dst=172.16.0.9 sport=" + p + " dport=443 "
            + "src=172.16.0.9 dst=172.16.0.1 sport=443 dport=" + p + " [ASSURED] mark=0 use=1 id=" + id;
    }

    static Report run(List<String> lines) {
        return run(new ReportOptions(), TimeBuckets.DEFAULT_MAX_INTERVALS, lines);
    }

    static Report run(ReportOptions options, List<String> lines) {
        return run(options, TimeBuckets.DEFAULT_MAX_INTERVALS, lines);
    }

    static Report run(ReportOptions options, int maxIntervals, List<String> lines) {
        FlowTracker tracker = tracker(options, maxIntervals, lines);
        Report report = new Report();
        tracker.contribute(report);
        return report;
    }

    static FlowTracker tracker(ReportOptions options, int maxIntervals, List<String> lines) {
        FlowTracker tracker = new FlowTracker(List.of(new OccupancyAnalyzer(options, maxIntervals)));
        ParsedLines.feed(tracker, lines);
        return tracker;
    }

    static String json(Report report) {
        return JsonRenderer.render(report);
    }

    /** The {@code [ts, entries]} points of a series as {@code long[][]}, for assertArrayEquals. */
    static long[][] points(Object series) {
        List<?> list = (List<?>) series;
        long[][] out = new long[list.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long[]) list.get(i);
        }
        return out;
    }

    static long[] point(long ts, long entries) {
        return new long[] {ts, entries};
    }
}
