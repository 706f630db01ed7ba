package io.ctscope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A second, deliberately naive reading of a {@code conntrack -E -o timestamp,extended,id} capture with
 * String.split, sharing no code with ctscope: live entries at the end of every second (flows created
 * before the capture count from its first second) and flows per original source address; and, by
 * replaying the net change of every distinct µs timestamp in time order (a TreeMap, nothing
 * summarised), the most entries live at any instant, overall, per protocol and within each second.
 */
final class IndependentTimeline {
    /** Live entries at the end of each second, keyed by that second's end (epoch seconds). */
    final TreeMap<Long, Long> liveAtEndOf = new TreeMap<>();
    /** The most entries live at any instant of each second, keyed by that second's end. */
    final TreeMap<Long, Long> maxDuring = new TreeMap<>();
    final Map<String, Long> flowsBySource = new TreeMap<>();
    /** Most live at an end of second, and that end. */
    long peak;
    long peakTs;
    /** Most live at any instant, and the earliest such instant (µs). */
    long instantPeak;
    long instantPeakMicros;
    /** Per protocol name: {most live at any instant, earliest such µs}. */
    final Map<String, long[]> instantPeakByProtocol = new TreeMap<>();

    static IndependentTimeline of(Path file) throws IOException {
        IndependentTimeline t = new IndependentTimeline();
        TreeMap<Long, Long> delta = new TreeMap<>();
        TreeMap<Long, Long> atMicros = new TreeMap<>();
        Map<String, TreeMap<Long, Long>> atMicrosByProtocol = new TreeMap<>();
        Map<String, Long> preexistingByProtocol = new TreeMap<>();
        Map<String, String> protocolOf = new java.util.HashMap<>();
        Set<String> open = new HashSet<>();
        long preexisting = 0;
        long firstMicros = Long.MAX_VALUE;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.startsWith("[")) {
                continue;
            }
            String[] tok = line.trim().split("\\s+");
            long sec = Long.parseLong(tok[0].substring(1, tok[0].indexOf('.')));
            long micros = sec * 1_000_000 + Long.parseLong(tok[0].substring(tok[0].indexOf('.') + 1, tok[0].length() - 1));
            firstMicros = Math.min(firstMicros, micros);
            String type = tok[1];
            String proto = tok[2].startsWith("ipv") ? tok[4] : tok[2];
            TreeMap<Long, Long> protoAt = atMicrosByProtocol.computeIfAbsent(proto, k -> new TreeMap<>());
            String id = null;
            for (String x : tok) {
                if (x.startsWith("id=")) {
                    id = x; // the last one: icmp tuples have an id= of their own before it
                }
            }
            String src = null;
            for (String x : tok) {
                if (x.startsWith("src=")) {
                    src = x.substring(4);
                    break;
                }
            }
            first = Math.min(first, sec);
            last = Math.max(last, sec);
            switch (type) {
                case "[NEW]":
                    if (open.contains(id)) {
                        delta.merge(sec, -1L, Long::sum);
                        atMicros.merge(micros, -1L, Long::sum);
                        atMicrosByProtocol.get(protocolOf.get(id)).merge(micros, -1L, Long::sum);
                    }
                    open.add(id);
                    protocolOf.put(id, proto);
                    delta.merge(sec, 1L, Long::sum);
                    atMicros.merge(micros, 1L, Long::sum);
                    protoAt.merge(micros, 1L, Long::sum);
                    t.flowsBySource.merge(src, 1L, Long::sum);
                    break;
                case "[UPDATE]":
                    if (open.add(id)) {
                        preexisting++;
                        preexistingByProtocol.merge(proto, 1L, Long::sum);
                        protocolOf.put(id, proto);
                        t.flowsBySource.merge(src, 1L, Long::sum);
                    }
                    break;
                case "[DESTROY]":
                    atMicros.merge(micros, -1L, Long::sum);
                    protoAt.merge(micros, -1L, Long::sum);
                    if (open.remove(id)) {
                        delta.merge(sec, -1L, Long::sum);
                    } else {
                        preexisting++;
                        preexistingByProtocol.merge(proto, 1L, Long::sum);
                        delta.merge(sec, -1L, Long::sum);
                        t.flowsBySource.merge(src, 1L, Long::sum);
                    }
                    break;
                default:
                    throw new IllegalStateException("not an event line: " + line);
            }
        }
        long live = preexisting;
        t.peak = -1;
        for (long sec = first; sec <= last; sec++) {
            live += delta.getOrDefault(sec, 0L);
            t.liveAtEndOf.put(sec + 1, live);
            if (live > t.peak) {
                t.peak = live;
                t.peakTs = sec + 1;
            }
        }
        long[] overall = replay(atMicros, preexisting, firstMicros, t.maxDuring);
        // seconds after the last open or close: nothing changes, the most is what is live
        for (Map.Entry<Long, Long> e : t.liveAtEndOf.entrySet()) {
            t.maxDuring.putIfAbsent(e.getKey(), e.getValue());
        }
        t.instantPeak = overall[0];
        t.instantPeakMicros = overall[1];
        for (Map.Entry<String, TreeMap<Long, Long>> e : atMicrosByProtocol.entrySet()) {
            t.instantPeakByProtocol.put(e.getKey(), replay(e.getValue(), preexistingByProtocol.getOrDefault(e.getKey(), 0L), firstMicros, null));
        }
        return t;
    }

    /**
     * Replays net changes per µs in time order from {@code live} at {@code startMicros}; returns {most
     * live, earliest µs}; fills {@code maxDuring} (per second's end) when given.
     */
    private static long[] replay(TreeMap<Long, Long> netAt, long live, long startMicros, TreeMap<Long, Long> maxDuring) {
        long best = live;
        long bestAt = startMicros;
        long second = Math.floorDiv(startMicros, 1_000_000);
        long secondMax = live;
        for (Map.Entry<Long, Long> e : netAt.entrySet()) {
            long s = Math.floorDiv(e.getKey(), 1_000_000);
            while (maxDuring != null && second < s) {
                maxDuring.put(second + 1, secondMax);
                second++;
                secondMax = live;
            }
            live += e.getValue();
            secondMax = Math.max(secondMax, live);
            if (live > best) {
                best = live;
                bestAt = e.getKey();
            }
        }
        if (maxDuring != null) {
            maxDuring.put(second + 1, secondMax);
        }
        return new long[] {best, bestAt};
    }

    /** The source with most flows (ties: the smallest address text). */
    String topSource() {
        String best = null;
        for (Map.Entry<String, Long> e : flowsBySource.entrySet()) {
            if (best == null || e.getValue() > flowsBySource.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }
}
