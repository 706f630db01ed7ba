package io.ctscope.ingest.decode;

import io.ctscope.ingest.record.RecordKind;

/** What was read from one input (or, merged, from all): line and record counts, rejects, time span. */
public final class InputStats {
    public long lines;
    public long records;
    public long badLines;
    public long lossWarnings;
    public long summaryLines;
    /** The sum of N over conntrack-tools' {@code N flow entries/events have been shown.} lines; -1 without one. */
    public long summaryShown = -1;
    public long skippedLines;
    public long unknownFields;
    public final long[] byKind = new long[RecordKind.values().length];
    /** Smallest and largest event timestamp seen, µs; {@link Long#MAX_VALUE}/{@link Long#MIN_VALUE} when none. */
    public long firstTimestampMicros = Long.MAX_VALUE;
    public long lastTimestampMicros = Long.MIN_VALUE;

    /** Counts one accepted record: its kind, its unknown fields, its timestamp. */
    public void onRecord(io.ctscope.ingest.record.ConntrackRecord r) {
        records++;
        byKind[r.kind.ordinal()]++;
        unknownFields += r.unknownFields;
        if (r.has(io.ctscope.ingest.record.Field.TIMESTAMP)) {
            onTimestamp(r.timestampMicros);
        }
    }

    public boolean hasTimestamps() {
        return firstTimestampMicros != Long.MAX_VALUE;
    }

    /** One conntrack-tools summary line saying {@code shown} entries or events were printed. */
    public void onSummary(long shown) {
        summaryLines++;
        if (shown >= 0) {
            summaryShown = Math.max(summaryShown, 0) + shown;
        }
    }

    public void onTimestamp(long micros) {
        if (micros < firstTimestampMicros) {
            firstTimestampMicros = micros;
        }
        if (micros > lastTimestampMicros) {
            lastTimestampMicros = micros;
        }
    }

    public void add(InputStats o) {
        lines += o.lines;
        records += o.records;
        badLines += o.badLines;
        lossWarnings += o.lossWarnings;
        summaryLines += o.summaryLines;
        if (o.summaryShown >= 0) {
            summaryShown = Math.max(summaryShown, 0) + o.summaryShown;
        }
        skippedLines += o.skippedLines;
        unknownFields += o.unknownFields;
        for (int i = 0; i < byKind.length; i++) {
            byKind[i] += o.byKind[i];
        }
        if (o.hasTimestamps()) {
            onTimestamp(o.firstTimestampMicros);
            onTimestamp(o.lastTimestampMicros);
        }
    }
}
