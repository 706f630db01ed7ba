package io.ctscope.analysis.doctor;

import io.ctscope.ingest.stats.ConntrackStats;

/** One reading of conntrack's counters and when it was taken (epoch µs; for files, their modification time). */
public record StatsSample(ConntrackStats stats, long takenMicros, String takenFrom) {
}
