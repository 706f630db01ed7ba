package io.ctscope.analysis.top;

import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;

/**
 * The part of the top talkers that depends on the order of all flows together: each key's flows in
 * the table when the table was fullest ({@code peak_entries}, {@link LiveCounts}, {@link PeakClock}).
 * It counts the table's size itself, one up per open and one down per close or vanish, so it needs
 * the flows' identity columns but not the table they live in: it can follow the flows of several
 * tables (shards of one input) in input order. It adds no section of its own ({@link TopTalkers} does).
 */
public final class TalkerPeaks implements FlowAnalyzer {
    private static final TalkerDimension[] DIMENSIONS = TalkerDimension.values();

    private final AddressGrouping grouping;
    /** The dimensions followed here (several instances may split them, each on its own thread); null entries elsewhere. */
    private final LiveCounts[] live = new LiveCounts[DIMENSIONS.length];
    private final long[][] keys = new long[DIMENSIONS.length][];
    private final PeakClock peaks = new PeakClock();
    private long size;

    TalkerPeaks(AddressGrouping grouping) {
        this(grouping, 0, DIMENSIONS.length);
    }

    /** Following only the lists {@code from} (inclusive) to {@code to} (exclusive), in report order. */
    TalkerPeaks(AddressGrouping grouping, int from, int to) {
        this.grouping = grouping;
        for (int d = from; d < to; d++) {
            live[d] = new LiveCounts(DIMENSIONS[d].width);
            keys[d] = new long[DIMENSIONS[d].width];
        }
    }

    /** Whether this follows list {@code d}. */
    boolean follows(TalkerDimension d) {
        return live[d.ordinal()] != null;
    }

    @Override
    public void onOpen(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
        long peak = peaks.peak();
        for (int d = 0; d < DIMENSIONS.length; d++) {
            long[] key = keys[d];
            if (key != null && DIMENSIONS[d].keyOf(table, slot, grouping, key)) {
                live[d].open(key, peak);
            }
        }
        // after the counts moved: keys counted at this open already hold the peak's value
        peaks.onSize(++size);
    }

    @Override
    public void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
        close(table, slot);
    }

    /** A dump entry leaves the table when the next dump begins: it no longer counts as live (it may come back). */
    @Override
    public void onVanish(FlowTable table, int slot) {
        close(table, slot);
    }

    private void close(FlowTable table, int slot) {
        long peak = peaks.peak();
        for (int d = 0; d < DIMENSIONS.length; d++) {
            long[] key = keys[d];
            if (key != null && DIMENSIONS[d].keyOf(table, slot, grouping, key)) {
                live[d].close(key, peak);
            }
        }
        size--;
    }

    /** The key's flows in the table at its latest peak. */
    long atPeak(TalkerDimension d, long[] key) {
        return live[d.ordinal()].atPeak(key, peaks.peak());
    }

    /** The largest size the table reached, in input order. */
    long peakTableSize() {
        return peaks.maxSize();
    }

    LiveCounts liveCounts(TalkerDimension d) {
        return live[d.ordinal()];
    }

    @Override
    public void contribute(Report report, FlowTable table) {
        // TopTalkers writes the section from this and the counts
    }
}
