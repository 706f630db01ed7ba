package io.ctscope.analysis.top;

/**
 * Numbers the peaks of the rebuilt table: each time its size exceeds the largest seen so far, a new
 * peak begins. "The table's peak" is the maximum in input order, with flows that existed before the
 * capture counted from their first event (they cannot be counted earlier). Numbers start at 1 so that
 * a fresh {@link LiveCounts} row (peak 0) never looks current.
 */
final class PeakClock {
    private long peak = 1;
    private long maxSize;

    /** Call after a flow entered the table and every dimension counted it. */
    void onSize(long size) {
        if (size > maxSize) {
            maxSize = size;
            peak++;
        }
    }

    long peak() {
        return peak;
    }

    /** The largest size the table reached. */
    long maxSize() {
        return maxSize;
    }
}
