package io.ctscope.analysis.doctor;

import io.ctscope.ingest.kernlog.KernelLogEvent;
import io.ctscope.ingest.kernlog.KernelLogListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table-full episodes of the kernel logs read, per place: a child namespace ({@code in netns N},
 * 6.17+), an OpenVZ container ({@code VPS N}) or the rest ({@code host}: the host namespace, or any
 * namespace of a kernel before 6.17, which did not say). Messages closer than {@link #EPISODE_GAP_MICROS}
 * form one episode; each place keeps its busiest minute. Suppressed messages are counted apart: the
 * ratelimiter names no namespace, and {@code net_ratelimit} is shared by every networking message.
 * Bounded: streaming counts, and at most {@link #MAX_EPISODES} episodes kept per place.
 */
public final class TableFullLog implements KernelLogListener {
    public static final String HOST = "host";
    static final long EPISODE_GAP_MICROS = 5 * 60 * 1_000_000L;
    static final int MAX_EPISODES = 20;

    private final Map<String, Place> places = new LinkedHashMap<>();
    private long suppressed;
    private long suppressedLines;
    private long bannerBuckets = -1;
    private long bannerMax = -1;
    private final List<String> sources = new ArrayList<>();

    /** One stretch of messages. Times are wall-clock µs when {@link #wall}, else uptime µs; NO_TIME when the log had no stamps. */
    public static final class Episode {
        public long first = KernelLogEvent.NO_TIME;
        public long last = KernelLogEvent.NO_TIME;
        public long messages;
        public boolean wall;
    }

    /** Messages of one namespace or container. */
    public static final class Place {
        public final String key;
        public final long netns;
        public long messages;
        public long busiestMinuteMessages;
        public long busiestMinute = KernelLogEvent.NO_TIME;
        public final List<Episode> episodes = new ArrayList<>();
        public long episodesDropped;
        private long minute = Long.MIN_VALUE;
        private long inMinute;

        Place(String key, long netns) {
            this.key = key;
            this.netns = netns;
        }

        public Episode lastEpisode() {
            return episodes.isEmpty() ? null : episodes.get(episodes.size() - 1);
        }

        void add(long time, boolean wall) {
            messages++;
            Episode e = lastEpisode();
            boolean sameClock = e != null && e.wall == wall;
            if (e == null || time == KernelLogEvent.NO_TIME != (e.last == KernelLogEvent.NO_TIME) || !sameClock
                || time != KernelLogEvent.NO_TIME && time - e.last > EPISODE_GAP_MICROS) {
                if (episodes.size() == MAX_EPISODES) {
                    episodes.remove(0);
                    episodesDropped++;
                }
                e = new Episode();
                e.first = time;
                e.wall = wall;
                episodes.add(e);
            }
            e.last = time;
            e.messages++;
            if (time != KernelLogEvent.NO_TIME) {
                long m = Math.floorDiv(time, 60_000_000L);
                if (m != minute) {
                    minute = m;
                    inMinute = 0;
                }
                inMinute++;
                if (inMinute > busiestMinuteMessages) {
                    busiestMinuteMessages = inMinute;
                    busiestMinute = m * 60_000_000L;
                }
            }
        }
    }

    /** Names the log being read next (for the evidence). */
    public void source(String name) {
        sources.add(name);
    }

    @Override
    public void onEvent(KernelLogEvent e) {
        switch (e.kind) {
            case TABLE_FULL: {
                String key = e.netns != KernelLogEvent.NO_NETNS ? "netns " + e.netns : e.vps != null ? "VPS " + e.vps : HOST;
                Place p = places.computeIfAbsent(key, k -> new Place(k, e.netns));
                boolean wall = e.wallMicros != KernelLogEvent.NO_TIME;
                p.add(wall ? e.wallMicros : e.uptimeMicros, wall);
                break;
            }
            case SUPPRESSED:
                suppressed += e.suppressed;
                suppressedLines++;
                break;
            case BANNER:
                bannerBuckets = e.buckets;
                bannerMax = e.max;
                break;
            default:
                break;
        }
    }

    public List<Place> places() {
        return new ArrayList<>(places.values());
    }

    public Place place(long netns) {
        return places.get("netns " + netns);
    }

    public long messages() {
        long n = 0;
        for (Place p : places.values()) {
            n += p.messages;
        }
        return n;
    }

    public long suppressed() {
        return suppressed;
    }

    public long suppressedLines() {
        return suppressedLines;
    }

    /** The last module banner's bucket count and limit, or -1 (the banner is gone from current kernels). */
    public long bannerBuckets() {
        return bannerBuckets;
    }

    public long bannerMax() {
        return bannerMax;
    }

    public List<String> sources() {
        return sources;
    }
}
