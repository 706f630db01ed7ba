package io.ctscope.fleet.merge;

import io.ctscope.analysis.report.Report;

import java.util.Map;

/**
 * Where a fleet view came from: the raw summaries read from their start ({@link #direct}), or the fold's topic
 * (the state {@code fleet-fold} instances published per partition) plus the summaries past what it covers
 * ({@link #folded}), which makes that answer as current and as exact as the direct read.
 *
 * @param read              {@code summaries} or {@code folded}
 * @param topic             the topic the boxes' state came from
 * @param reason            why this path, in words
 * @param partitions        partitions of the summaries topic
 * @param foldedPartitions  partitions the fold has published a state for (folded only)
 * @param tailSummaries     summaries the reader itself read past the fold's offsets (folded only)
 * @param oldestFoldMillis  the oldest of the partitions' last publication (the fold's clock; MIN_VALUE: none)
 */
public record FleetSource(String read, String topic, String reason, int partitions, int foldedPartitions,
                          long tailSummaries, long oldestFoldMillis) {
    public static FleetSource direct(String summaries, String reason, int partitions) {
        return new FleetSource("summaries", summaries, reason, partitions, 0, 0, Long.MIN_VALUE);
    }

    public static FleetSource folded(String topic, int partitions, int foldedPartitions, long tailSummaries, long oldestFoldMillis) {
        return new FleetSource("folded", topic, "the fold's state of " + foldedPartitions + " of " + partitions
            + " partitions, and the summaries past it", partitions, foldedPartitions, tailSummaries, oldestFoldMillis);
    }

    /** The {@code source} section: how the report was read, and how far behind the fold is. */
    public void addTo(Report report, long nowMillis) {
        Map<String, Object> s = report.section("source");
        s.put("read", read);
        s.put("topic", topic);
        s.put("reason", reason);
        s.put("partitions", (long) partitions);
        if (read.equals("folded")) {
            s.put("folded_partitions", (long) foldedPartitions);
            s.put("tail_summaries", tailSummaries);
            s.put("fold_age_seconds", oldestFoldMillis == Long.MIN_VALUE ? null : (Object) ((nowMillis - oldestFoldMillis) / 1000.0));
        }
    }
}
