package io.ctscope.analysis.occupancy;

import io.ctscope.analysis.report.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells the body of a capture from timestamps far outside it (a clock reset to 1970, a corrupt
 * {@code [999999999999.999999]}), so that one stray line neither stretches the series over
 * millennia nor coarsens it into one interval.
 *
 * <p>The rule. Timestamps fall into clusters separated by gaps of more than {@link #GAP_MICROS} (one
 * day) with no record. A cluster holding fewer than 1 % of the timed records that lies before the
 * first or after the last cluster holding more is an outlier: its records are counted and listed
 * (first and last timestamp, records) but kept out of the series, the peak, the mean and the rates.
 * Everything from the first to the last other cluster is kept, quiet stretches included. Flows opened
 * in an outlier before the capture count as live from its start; a close in an outlier after it leaves
 * its flow live to the end. Gaps are measured between {@link TimeBuckets} pages (256 intervals), which
 * at a one-second resolution is well under a day; clusters therefore depend only on the set of times.
 */
final class TimeOutliers {
    static final long GAP_MICROS = 86_400L * 1_000_000;
    /** Listed ranges at most; the count covers all. */
    static final int MAX_LISTED = 10;

    final long keepFirstMicros;
    final long keepLastMicros;
    final long records;
    private final List<long[]> ranges;

    private TimeOutliers(long keepFirstMicros, long keepLastMicros, long records, List<long[]> ranges) {
        this.keepFirstMicros = keepFirstMicros;
        this.keepLastMicros = keepLastMicros;
        this.records = records;
        this.ranges = ranges;
    }

    /** The outliers among the times {@link TimeBuckets#touch touched} in {@code times} (not empty). */
    static TimeOutliers of(TimeBuckets times) {
        // clusters as page index ranges [from, to] of touched pages
        List<int[]> clusters = new ArrayList<>();
        long total = 0;
        int from = -1;
        int last = -1;
        for (int k = 0; k < times.pages(); k++) {
            if (times.pageTouches(k) == 0) {
                continue;
            }
            total += times.pageTouches(k);
            if (from < 0) {
                from = k;
            } else if (times.pageFirstMicros(k) - times.pageLastMicros(last) > GAP_MICROS) {
                clusters.add(new int[] {from, last});
                from = k;
            }
            last = k;
        }
        clusters.add(new int[] {from, last});
        int firstBig = -1;
        int lastBig = -1;
        for (int c = 0; c < clusters.size(); c++) {
            if (touches(times, clusters.get(c)) * 100 >= total) {
                firstBig = firstBig < 0 ? c : firstBig;
                lastBig = c;
            }
        }
        if (firstBig < 0) {
            // every cluster is tiny (timestamps scattered everywhere): nothing stands out, keep all
            firstBig = 0;
            lastBig = clusters.size() - 1;
        }
        long outside = 0;
        List<long[]> ranges = new ArrayList<>();
        for (int c = 0; c < clusters.size(); c++) {
            if (c < firstBig || c > lastBig) {
                int[] cl = clusters.get(c);
                long n = touches(times, cl);
                outside += n;
                if (ranges.size() < MAX_LISTED) {
                    ranges.add(new long[] {times.pageFirstMicros(cl[0]), times.pageLastMicros(cl[1]), n});
                }
            }
        }
        return new TimeOutliers(times.pageFirstMicros(clusters.get(firstBig)[0]),
            times.pageLastMicros(clusters.get(lastBig)[1]), outside, ranges);
    }

    /** The {@code occupancy.outliers} section: {@code {records, ranges: [{first_ts, last_ts, records}]}}. */
    Map<String, Object> toReport() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", records);
        List<Object> list = new ArrayList<>();
        for (long[] r : ranges) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("first_ts", Units.epochSeconds(r[0]));
            e.put("last_ts", Units.epochSeconds(r[1]));
            e.put("records", r[2]);
            list.add(e);
        }
        m.put("ranges", list);
        return m;
    }

    private static long touches(TimeBuckets times, int[] cluster) {
        long n = 0;
        for (int k = cluster[0]; k <= cluster[1]; k++) {
            n += times.pageTouches(k);
        }
        return n;
    }
}
