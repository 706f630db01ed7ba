package io.ctscope.fleet.merge;

import io.ctscope.fleet.summary.BoxSummary;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet as the summaries topic tells it, folded: per box, its deltas merged over the window and per time
 * bucket, and its latest heartbeat; flows whose events came from two or more boxes; what could not be read.
 * Deltas add in any order across boxes; within a box the latest point (by journal index) wins.
 */
public final class FleetView {
    /** One box's figures. */
    public static final class Box {
        public final String name;
        /** Every delta in the window merged. */
        public final BoxSummary total = new BoxSummary();
        /** Per time bucket (µs), merged. */
        public final TreeMap<Long, BoxSummary> buckets = new TreeMap<>();
        /** The latest delta of any kind (window or not): the box's last word, with its lag. */
        public long lastSeenMillis = Long.MIN_VALUE;
        public long lagRecords;
        public long lagMillis = -1;
        public long lastIndex = -1;

        public Box(String name) {
            this.name = name;
            total.box = name;
        }

        /** The box's last word (latest by the shipper's clock, with its lag) and the highest index it shipped. */
        public void heard(BoxSummary s) {
            heard(s.wallMillis, s.lagRecords, s.lagMillis, s.lastIndex);
        }

        public void heard(long wallMillis, long lagRecords, long lagMillis, long lastIndex) {
            if (wallMillis >= lastSeenMillis) {
                this.lastSeenMillis = wallMillis;
                this.lagRecords = lagRecords;
                this.lagMillis = lagMillis;
            }
            this.lastIndex = Math.max(this.lastIndex, lastIndex);
        }

        /** Merges a delta (or a bucket's merged state) into the bucket it belongs to. */
        public void addToBucket(BoxSummary s) {
            buckets.computeIfAbsent(s.bucketMicros, k -> {
                BoxSummary fresh = new BoxSummary();
                fresh.box = s.box;
                fresh.bucketMicros = k;
                fresh.intervalSeconds = s.intervalSeconds;
                return fresh;
            }).merge(s);
        }
    }

    final Map<String, Box> boxes = new TreeMap<>();
    /** Per flow (sorted tuple bytes): the boxes it was seen on, in first-seen order. */
    final Map<ByteBuffer, List<String>> flowBoxes = new HashMap<>();
    long summariesSkipped;
    long eventsSkipped;
    long eventsRead;
    boolean eventsTopicRead;
    final List<String> problems = new ArrayList<>();
    private FleetSource source;

    public Map<String, Box> boxes() {
        return boxes;
    }

    void add(BoxSummary s, long fromMicros, long toMicros) {
        Box b = boxes.computeIfAbsent(s.box, Box::new);
        b.heard(s);
        if (s.isHeartbeat()) {
            // the end of a run (ship --once, live) may bring the box's last projection on its heartbeat
            if (s.projection() != null && s.projection().asOfMicros >= fromMicros && s.projection().asOfMicros < toMicros) {
                b.total.takeProjection(s);
            }
            return;
        }
        if (!inWindow(s.bucketMicros, fromMicros, toMicros)) {
            return;
        }
        b.total.merge(s);
        b.addToBucket(s);
    }

    /**
     * Adds a box as a fold left it (every bucket merged, its last word): the buckets in the window, in bucket
     * order, make its total, as the deltas themselves would have in {@link #add}.
     */
    public void addFolded(Box folded, long fromMicros, long toMicros) {
        Box b = boxes.computeIfAbsent(folded.name, Box::new);
        b.heard(folded.lastSeenMillis, folded.lagRecords, folded.lagMillis, folded.lastIndex);
        for (BoxSummary bucket : folded.buckets.values()) {
            if (inWindow(bucket.bucketMicros, fromMicros, toMicros)) {
                b.total.merge(bucket);
                b.addToBucket(bucket);
            }
        }
    }

    private static boolean inWindow(long bucketMicros, long fromMicros, long toMicros) {
        return bucketMicros == BoxSummary.UNTIMED
            ? fromMicros == Long.MIN_VALUE && toMicros == Long.MAX_VALUE
            : bucketMicros >= fromMicros && bucketMicros < toMicros;
    }

    /** {@code n} summaries this build could not read; {@code first} names the first (where: why). */
    public void skippedSummaries(long n, String first) {
        if (n <= 0) {
            return;
        }
        if (summariesSkipped == 0) {
            problems.add(first);
        }
        summariesSkipped += n;
    }

    /** How this view was read (the raw summaries, or the fold's topic and the tail past it). */
    public FleetSource source() {
        return source;
    }

    public void source(FleetSource source) {
        this.source = source;
    }

    void seenFlow(ByteBuffer flow, String box) {
        List<String> on = flowBoxes.computeIfAbsent(flow, k -> new ArrayList<>(2));
        if (!on.contains(box)) {
            on.add(box);
        }
    }

    /** Flows seen on two or more boxes, with their boxes. */
    public Map<ByteBuffer, List<String>> sharedFlows() {
        Map<ByteBuffer, List<String>> out = new HashMap<>();
        flowBoxes.forEach((k, v) -> {
            if (v.size() > 1) {
                out.put(k, v);
            }
        });
        return out;
    }
}
