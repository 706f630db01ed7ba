package io.ctscope.fleet.summary;

import org.HdrHistogram.Histogram;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;

import java.util.HashMap;
import java.util.Map;

/**
 * What one box saw over a run of its journal's records that fall in one time bucket: a delta that adds up.
 * Deltas of one box merge into its figures for a bucket or a window, and the boxes' figures add up to the
 * fleet's: event counts per kind × protocol × state add; flows opened and closed add; the table's entries
 * after the delta's last record (a point) and its maximum during the delta (the interval maximum) follow the
 * box's journal order; sources by flows opened are a frequent-items sketch (merged sketches state their
 * error bound); flow lifetimes an HdrHistogram (ms); NAT port pressure the peak of concurrent source-NAT
 * entries per translated address. A delta without records is a heartbeat: the box is alive, with its lag.
 */
public final class BoxSummary {
    /** Time bucket of records without a timestamp (dumps, plain {@code conntrack -E}). */
    public static final long UNTIMED = Long.MIN_VALUE;
    /** Frequent-items map size: error at most 3.5/1024 of the flows summarised, about 0.34 %. */
    static final int SKETCH_MAP_SIZE = 1024;
    static final ArrayOfStringsSerDe STRINGS = new ArrayOfStringsSerDe();

    public String box = "";
    /** Start of the bucket (µs since the epoch), or {@link #UNTIMED}. */
    public long bucketMicros = UNTIMED;
    public int intervalSeconds;
    /** Journal indexes of the first and last record summarised ({@code -1}: none). */
    public long firstIndex = -1;
    public long lastIndex = -1;
    public long records;
    /** When the shipper sent it (its clock, ms since the epoch). */
    public long wallMillis;
    /** Records in the journal after {@link #lastIndex} when sent, and event time between them (ms; -1 unknown). */
    public long lagRecords;
    public long lagMillis = -1;
    /** The box's {@code nf_conntrack_max} when known, else 0. */
    public long conntrackMax;
    final long[] events = new long[EventCells.COUNT];
    public long flowsOpened;
    public long flowsClosed;
    public long entriesEnd;
    public long entriesMax;
    ItemsSketch<String> sources;
    Histogram lifetimesMs;
    final Map<String, Long> natPeak = new HashMap<>();
    /** The box's projection under {@code ship --set} as of this delta, or null (none asked, or not this delta). */
    BoxProjection projection;
    /** Event time of the delta's last timed record (µs; not encoded: the recorder's, for the projection). */
    long lastTimedMicros = Long.MIN_VALUE;

    /** The projection the latest delta merged in carried, or null when none did. */
    public BoxProjection projection() {
        return projection;
    }

    public boolean isHeartbeat() {
        return records == 0;
    }

    /** Counts of one cell ({@link EventCells}). */
    long events(int cell) {
        return events[cell];
    }

    /** The sources sketch (null when no flow opened). */
    public ItemsSketch<String> sources() {
        return sources;
    }

    /** Flow lifetimes in ms (null when no flow closed with both ends timed). */
    public Histogram lifetimesMs() {
        return lifetimesMs;
    }

    /** Peak concurrent source-NAT entries per translated address. */
    public Map<String, Long> natPeak() {
        return natPeak;
    }

    /**
     * Adds {@code later}, a delta of the same box that follows this one in its journal: counts add, the
     * point is the later one's, maxima take the larger, sketches and histograms merge.
     */
    public void merge(BoxSummary later) {
        boolean follows = later.lastIndex >= lastIndex;
        if (later.records > 0) {
            if (firstIndex < 0 || (later.firstIndex >= 0 && later.firstIndex < firstIndex)) {
                firstIndex = later.firstIndex;
            }
            if (follows || records == 0) {
                entriesEnd = later.entriesEnd;
            }
            entriesMax = records == 0 ? later.entriesMax : Math.max(entriesMax, later.entriesMax);
        }
        if (follows) {
            lastIndex = later.lastIndex;
        }
        if (later.wallMillis >= wallMillis) {
            wallMillis = later.wallMillis;
            lagRecords = later.lagRecords;
            lagMillis = later.lagMillis;
            if (later.conntrackMax > 0) {
                conntrackMax = later.conntrackMax;
            }
        }
        if (later.projection != null && (projection == null || follows)) {
            projection = projection == null ? later.projection.copy() : projection.mergedWith(later.projection);
        }
        addCounts(later);
        later.natPeak.forEach((k, v) -> natPeak.merge(k, v, Math::max));
    }

    /** Takes the projection a heartbeat of this box carries (the box's latest), if it carries one. */
    public void takeProjection(BoxSummary heartbeat) {
        BoxProjection p = heartbeat.projection;
        if (p != null && heartbeat.lastIndex >= lastIndex) {
            projection = projection == null ? p.copy() : projection.mergedWith(p);
        }
    }

    /**
     * Adds what sums across boxes too: event counts, records, flows opened and closed, the sources sketch and
     * the lifetimes histogram (not the table's points, which belong to one box).
     */
    public void addCounts(BoxSummary other) {
        for (int i = 0; i < events.length; i++) {
            events[i] += other.events[i];
        }
        records += other.records;
        flowsOpened += other.flowsOpened;
        flowsClosed += other.flowsClosed;
        if (other.sources != null) {
            if (sources == null) {
                sources = new ItemsSketch<>(SKETCH_MAP_SIZE);
            }
            sources.merge(other.sources);
        }
        if (other.lifetimesMs != null) {
            if (lifetimesMs == null) {
                lifetimesMs = new Histogram(3);
            }
            lifetimesMs.add(other.lifetimesMs);
        }
    }

    /** The summed event count of one record kind ({@code NEW}, {@code UPDATE}, {@code DESTROY}, {@code ENTRY}). */
    public long events(io.ctscope.ingest.record.RecordKind kind) {
        long n = 0;
        int from = kind.ordinal() * EventCells.PER_KIND;
        for (int i = from; i < from + EventCells.PER_KIND; i++) {
            n += events[i];
        }
        return n;
    }

    /** Non-zero counts by state name of one kind: {@code {"tcp/ESTABLISHED": n, "udp": m}}. */
    public Map<String, Long> byState(io.ctscope.ingest.record.RecordKind kind) {
        return byName(kind, EventCells::stateName);
    }

    /** Non-zero counts by protocol name of one kind. */
    public Map<String, Long> byProtocol(io.ctscope.ingest.record.RecordKind kind) {
        return byName(kind, EventCells::protocolName);
    }

    private Map<String, Long> byName(io.ctscope.ingest.record.RecordKind kind, java.util.function.IntFunction<String> name) {
        Map<String, Long> out = new HashMap<>();
        int from = kind.ordinal() * EventCells.PER_KIND;
        for (int i = from; i < from + EventCells.PER_KIND; i++) {
            if (events[i] != 0) {
                out.merge(name.apply(i), events[i], Long::sum);
            }
        }
        return out;
    }
}
