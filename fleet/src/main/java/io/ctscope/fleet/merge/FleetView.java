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

        Box(String name) {
            this.name = name;
            total.box = name;
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

    public Map<String, Box> boxes() {
        return boxes;
    }

    void add(BoxSummary s, long fromMicros, long toMicros) {
        Box b = boxes.computeIfAbsent(s.box, Box::new);
        if (s.wallMillis >= b.lastSeenMillis) {
            b.lastSeenMillis = s.wallMillis;
            b.lagRecords = s.lagRecords;
            b.lagMillis = s.lagMillis;
        }
        if (s.isHeartbeat()) {
            b.lastIndex = Math.max(b.lastIndex, s.lastIndex);
            // the end of a run (ship --once, live) may bring the box's last projection on its heartbeat
            if (s.projection() != null && s.projection().asOfMicros >= fromMicros && s.projection().asOfMicros < toMicros) {
                b.total.takeProjection(s);
            }
            return;
        }
        b.lastIndex = Math.max(b.lastIndex, s.lastIndex);
        boolean inWindow = s.bucketMicros == BoxSummary.UNTIMED
            ? fromMicros == Long.MIN_VALUE && toMicros == Long.MAX_VALUE
            : s.bucketMicros >= fromMicros && s.bucketMicros < toMicros;
        if (!inWindow) {
            return;
        }
        b.total.merge(s);
        b.buckets.computeIfAbsent(s.bucketMicros, k -> {
            BoxSummary fresh = new BoxSummary();
            fresh.box = s.box;
            fresh.bucketMicros = k;
            fresh.intervalSeconds = s.intervalSeconds;
            return fresh;
        }).merge(s);
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
