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
 * before the capture count from its first second) and flows per original source address.
 */
final class IndependentTimeline {
    /** Live entries at the end of each second, keyed by that second's end (epoch seconds). */
    final TreeMap<Long, Long> liveAtEndOf = new TreeMap<>();
    final Map<String, Long> flowsBySource = new TreeMap<>();
    long peak;
    long peakTs;

    static IndependentTimeline of(Path file) throws IOException {
        IndependentTimeline t = new IndependentTimeline();
        TreeMap<Long, Long> delta = new TreeMap<>();
        Set<String> open = new HashSet<>();
        long preexisting = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.startsWith("[")) {
                continue;
            }
            String[] tok = line.trim().split("\\s+");
            long sec = Long.parseLong(tok[0].substring(1, tok[0].indexOf('.')));
            String type = tok[1];
            String id = tok[tok.length - 1];
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
                    }
                    open.add(id);
                    delta.merge(sec, 1L, Long::sum);
                    t.flowsBySource.merge(src, 1L, Long::sum);
                    break;
                case "[UPDATE]":
                    if (open.add(id)) {
                        preexisting++;
                        t.flowsBySource.merge(src, 1L, Long::sum);
                    }
                    break;
                case "[DESTROY]":
                    if (open.remove(id)) {
                        delta.merge(sec, -1L, Long::sum);
                    } else {
                        preexisting++;
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
        return t;
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
