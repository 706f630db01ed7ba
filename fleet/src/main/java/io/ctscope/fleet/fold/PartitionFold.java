package io.ctscope.fleet.fold;

import io.ctscope.fleet.merge.FleetView;
import io.ctscope.fleet.merge.PartitionScan;
import io.ctscope.fleet.summary.BoxSummary;
import io.ctscope.fleet.summary.SummaryCodec;
import io.ctscope.fleet.summary.SummaryFormatException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One summaries partition folded: per box (a box's summaries are keyed by it, so all on one partition) its
 * deltas merged per time bucket and its last word (when last heard, its lag, the last index it shipped), the
 * summaries it could not read, and the offset up to which all that holds. It is rebuilt from the fold's
 * topic ({@link #restore}), grows by the summaries after that offset ({@link #add}), and hands back as
 * records only what changed since it was last published ({@link #changes}). The boxes' {@code total} stays
 * empty here: a window's total is made from the buckets when a report is read ({@link #addTo}).
 */
public final class PartitionFold {
    final int partition;
    private long nextOffset;
    private long skipped;
    private String firstProblem;
    private long foldedAtMillis = Long.MIN_VALUE;
    private boolean published;
    private final Map<String, FleetView.Box> boxes = new TreeMap<>();
    private final Set<String> changedLatest = new HashSet<>();
    private final Map<String, Set<Long>> changedBuckets = new TreeMap<>();
    private boolean changedProgress;

    public PartitionFold(int partition) {
        this.partition = partition;
    }

    /** The summaries offset this state covers up to (exclusive). */
    public long nextOffset() {
        return nextOffset;
    }

    /** When the state was last published (the fold's clock), or MIN_VALUE when it never was. */
    public long foldedAtMillis() {
        return foldedAtMillis;
    }

    /** True when the fold's topic held a state of this partition. */
    public boolean wasPublished() {
        return published;
    }

    /**
     * Folds one summaries record of this partition.
     *
     * @return the one line naming it when it is the first this partition could not read, else null
     */
    public String add(ConsumerRecord<byte[], byte[]> r) {
        nextOffset = Math.max(nextOffset, r.offset() + 1);
        changedProgress = true;
        BoxSummary s;
        try {
            s = SummaryCodec.decode(r.value());
        } catch (SummaryFormatException e) {
            if (skipped++ == 0) {
                firstProblem = PartitionScan.where(r) + ": " + e.getMessage();
                return firstProblem;
            }
            return null;
        }
        FleetView.Box b = boxes.computeIfAbsent(s.box, FleetView.Box::new);
        b.heard(s);
        changedLatest.add(s.box);
        if (!s.isHeartbeat()) {
            b.addToBucket(s);
            changedBuckets.computeIfAbsent(s.box, k -> new HashSet<>()).add(s.bucketMicros);
        }
        return null;
    }

    /** The consumer's position past the last record folded (it steps over transaction markers too). */
    public void advanceTo(long position) {
        if (position > nextOffset) {
            nextOffset = position;
            changedProgress = true;
        }
    }

    /**
     * Takes one record of the fold's topic (partition {@link #partition}) back into the state.
     *
     * @throws FoldFormatException for a record this build cannot read
     */
    public void restore(ConsumerRecord<byte[], byte[]> r) {
        byte[] key = r.key();
        if (key == null || key.length == 0 || r.value() == null) {
            throw new FoldFormatException(PartitionScan.where(r) + ": record without a key or a value");
        }
        try {
            switch (key[0]) {
                case FoldRecords.BUCKET -> {
                    BoxSummary s = SummaryCodec.decode(r.value());
                    FleetView.Box b = boxes.computeIfAbsent(s.box, FleetView.Box::new);
                    b.buckets.put(s.bucketMicros, s);
                }
                case FoldRecords.LATEST -> {
                    FoldRecords.Latest l = FoldRecords.latest(r.value());
                    FleetView.Box b = boxes.computeIfAbsent(FoldRecords.box(key), FleetView.Box::new);
                    b.lastSeenMillis = l.lastSeenMillis();
                    b.lagRecords = l.lagRecords();
                    b.lagMillis = l.lagMillis();
                    b.lastIndex = l.lastIndex();
                }
                case FoldRecords.PROGRESS -> {
                    FoldRecords.Progress p = FoldRecords.progress(r.value());
                    nextOffset = p.nextOffset();
                    skipped = p.skipped();
                    firstProblem = p.firstProblem();
                    foldedAtMillis = p.foldedAtMillis();
                    published = true;
                }
                default -> throw new FoldFormatException("record of kind " + (key[0] & 0xff));
            }
        } catch (SummaryFormatException | FoldFormatException e) {
            throw new FoldFormatException(PartitionScan.where(r) + ": " + e.getMessage());
        }
    }

    /** True when there is something to publish. */
    public boolean changed() {
        return changedProgress || !changedLatest.isEmpty() || !changedBuckets.isEmpty();
    }

    /** Marks the state to be published even when nothing came (so a reader sees the partition as folded). */
    public void touch() {
        changedProgress = true;
    }

    /** What changed since the last {@link #published}, as records of partition {@link #partition} of {@code topic}. */
    public List<ProducerRecord<byte[], byte[]>> changes(String topic, long nowMillis, String instance) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        changedBuckets.forEach((box, buckets) -> {
            for (long bucket : buckets) {
                out.add(new ProducerRecord<>(topic, partition, FoldRecords.bucketKey(box, bucket),
                    SummaryCodec.encode(boxes.get(box).buckets.get(bucket))));
            }
        });
        for (String box : changedLatest) {
            FleetView.Box b = boxes.get(box);
            out.add(new ProducerRecord<>(topic, partition, FoldRecords.latestKey(box),
                FoldRecords.latest(new FoldRecords.Latest(b.lastSeenMillis, b.lagRecords, b.lagMillis, b.lastIndex))));
        }
        out.add(new ProducerRecord<>(topic, partition, FoldRecords.progressKey(partition),
            FoldRecords.progress(new FoldRecords.Progress(nextOffset, skipped, firstProblem, nowMillis, instance))));
        return out;
    }

    /** The records of the last {@link #changes} are committed. */
    public void published(long nowMillis) {
        changedBuckets.clear();
        changedLatest.clear();
        changedProgress = false;
        foldedAtMillis = nowMillis;
        published = true;
    }

    /** Adds this partition's boxes, in the window, and its unreadable summaries to a report's view. */
    public void addTo(FleetView view, long fromMicros, long toMicros) {
        for (FleetView.Box b : boxes.values()) {
            view.addFolded(b, fromMicros, toMicros);
        }
        view.skippedSummaries(skipped, firstProblem);
    }

    public int boxes() {
        return boxes.size();
    }
}
