package io.ctscope.analysis.occupancy;

import io.ctscope.ingest.record.RecordKind;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Event rates per second over the capture: NEW events, DESTROY events, and all events
 * (NEW + UPDATE + DESTROY), counted in 1-second intervals whatever the occupancy resolution. For each,
 * {@code peak} is the largest count in one second, {@code peak_ts} the start of that second (the
 * earliest if tied; epoch seconds), {@code mean} the count divided by the capture span in whole seconds
 * ({@code floor(last) - floor(first) + 1}), rounded to 0.001.
 *
 * <p>Counts go into {@link TimeBuckets}, so input order does not matter, and only seconds with records
 * cost memory. Should records fall in more than {@link TimeBuckets#DEFAULT_MAX_INTERVALS} distinct
 * seconds (pages of them), the intervals coarsen and {@code resolution_s} says so; {@code peak} is then
 * the busiest interval's count divided by its width (a lower bound of the busiest second). Only the
 * span the occupancy keeps counts: records stamped far outside it ({@link TimeOutliers}) are left out.
 */
final class EventRates {
    private static final long SECOND = 1_000_000;
    private static final int NEW = 0;
    private static final int DESTROY = 1;
    private static final int EVENTS = 2;
    private static final int COLUMNS = 3;

    private final TimeBuckets counts;

    EventRates(int maxIntervals) {
        counts = new TimeBuckets(SECOND, COLUMNS, maxIntervals);
    }

    /** Counts a record of {@code kind} at {@code timeMicros}; table-dump entries only extend the span. */
    void record(RecordKind kind, long timeMicros) {
        if (kind == RecordKind.ENTRY) {
            counts.touch(timeMicros);
            return;
        }
        if (kind == RecordKind.NEW) {
            counts.add(timeMicros, NEW, 1);
        } else if (kind == RecordKind.DESTROY) {
            counts.add(timeMicros, DESTROY, 1);
        }
        counts.add(timeMicros, EVENTS, 1);
    }

    /** Adds the {@code rates} section for a capture from {@code firstMicros} to {@code lastMicros}. */
    void contribute(Map<String, Object> section, long firstMicros, long lastMicros) {
        long spanSeconds = Math.floorDiv(lastMicros, SECOND) - Math.floorDiv(firstMicros, SECOND) + 1;
        section.put("resolution_s", counts.widthMicros() / SECOND);
        section.put("new_per_s", rate(NEW, firstMicros, lastMicros, spanSeconds));
        section.put("destroy_per_s", rate(DESTROY, firstMicros, lastMicros, spanSeconds));
        section.put("events_per_s", rate(EVENTS, firstMicros, lastMicros, spanSeconds));
    }

    private Map<String, Object> rate(int column, long firstMicros, long lastMicros, long spanSeconds) {
        long widthSeconds = counts.widthMicros() / SECOND;
        long first = counts.intervalOf(firstMicros);
        long last = counts.intervalOf(lastMicros);
        long peak = 0;
        long peakInterval = first;
        long total = 0;
        // Only the pages in use: a long quiet stretch between two busy ones costs nothing.
        for (int k = 0; k < counts.pages(); k++) {
            long start = counts.pageStart(k);
            long[] cells = counts.pageCells(k);
            for (int r = 0; r < TimeBuckets.PAGE_ROWS; r++) {
                long i = start + r;
                if (i < first || i > last) {
                    continue;
                }
                long n = cells[r * COLUMNS + column];
                if (n > peak) {
                    peak = n;
                    peakInterval = i;
                }
                total += n;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peak", round3((double) peak / widthSeconds));
        m.put("peak_ts", peakInterval * widthSeconds);
        m.put("mean", round3((double) total / spanSeconds));
        return m;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
