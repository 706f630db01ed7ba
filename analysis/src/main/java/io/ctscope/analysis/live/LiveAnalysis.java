package io.ctscope.analysis.live;

import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.decode.BadLineListener;
import io.ctscope.ingest.decode.InputAccounting;
import io.ctscope.ingest.decode.InputStats;
import io.ctscope.ingest.live.ArrivalLog;
import io.ctscope.ingest.pipeline.RecordHandler;
import io.ctscope.ingest.record.ConntrackRecord;

import java.util.function.LongSupplier;

/**
 * The analyzers of a live run, as one pipeline stage: keeps the books on the live input, feeds every
 * record through {@link SnapshotResync} to the standard {@link ReportBuilder}, records each record's ingest→analyzer latency (from the
 * feed's {@link ArrivalLog}), and builds the report when one is asked for ({@link #report}), at most
 * once per {@link #PUBLISH_NANOS}. The interval line, the metrics endpoint and the dashboard render that
 * report: they never count anything themselves.
 *
 * <p>Building a report walks every analyzer's state (sorting top lists, the table per state), which at
 * 100k open flows costs as much as tens of thousands of records: built every second on the analyzer
 * thread it took a fifth of that thread under load (JFR, bench/RESULTS.md), so it is built only for a
 * reader, on the reader's thread. The analyzer thread holds {@link #state} from the first line of a batch
 * to its end (one uncontended lock per batch, never per line); a reader takes it between two batches
 * (a fair lock, so a busy analyzer cannot starve it).
 */
public final class LiveAnalysis implements RecordHandler {
    public static final long PUBLISH_NANOS = 1_000_000_000L;

    private final String name;
    private final ReportBuilder builder;
    private final SnapshotResync resync;
    private final InputAccounting books;
    private final InputStats earlier;
    private final String earlierName;
    private final ArrivalLog arrivals;
    private final LatencyRecorder latency;
    private final LiveStatus status;
    private final LongSupplier nanoClock;
    private final java.util.concurrent.locks.ReentrantLock state = new java.util.concurrent.locks.ReentrantLock(true);
    private boolean holding;
    private boolean dirty;
    private volatile long lastPublish;
    private volatile Report published;

    /**
     * @param earlier records replayed into {@code builder} from the journal before this run (counted
     *                under {@code earlierName}), or null
     */
    public LiveAnalysis(String name, ReportBuilder builder, SnapshotResync resync, BadLineListener badLines, InputStats earlier, String earlierName,
                        ArrivalLog arrivals, LatencyRecorder latency, LiveStatus status, LongSupplier nanoClock) {
        this.name = name;
        this.builder = builder;
        this.resync = resync;
        this.earlier = earlier;
        this.earlierName = earlierName;
        this.arrivals = arrivals;
        this.latency = latency;
        this.status = status;
        this.nanoClock = nanoClock;
        this.books = new InputAccounting(java.util.List.of(name), badLines, this::analyze);
        this.lastPublish = nanoClock.getAsLong();
        this.published = build();
    }

    private void analyze(ConntrackRecord r) {
        resync.accept(r);
        long arrived = arrivals.arrivalOf(r.offset + 1);
        if (arrived != ArrivalLog.UNKNOWN) {
            latency.record(nanoClock.getAsLong() - arrived);
        }
    }

    private void enter() {
        if (!holding) {
            state.lock();
            holding = true;
        }
        dirty = true;
    }

    @Override
    public void onRecord(ConntrackRecord r, long endOffset) {
        enter();
        books.onRecord(r, endOffset);
    }

    @Override
    public void onOtherLine(int source, long line, int status, String reason, long endOffset) {
        enter();
        books.onOtherLine(source, line, status, reason, endOffset);
        if (status == io.ctscope.ingest.parse.ParseStatus.SKIP_SUMMARY) {
            resync.endOfTableRead();
        }
    }

    @Override
    public void onOverlongLine(int source, long line, long length, long endOffset) {
        enter();
        books.onOverlongLine(source, line, length, endOffset);
    }

    @Override
    public void onEndOfBatch() {
        if (!holding) {
            return;
        }
        holding = false;
        state.unlock();
    }

    /**
     * The report of what was analysed, at most {@link #PUBLISH_NANOS} old: the last one built if it is
     * recent enough or nothing arrived since, else a new one, built here between two of the analyzer's
     * batches (waiting for the batch in progress to end). Not on the analyzer thread.
     */
    public Report report() {
        if (nanoClock.getAsLong() - lastPublish < PUBLISH_NANOS) {
            return published;
        }
        state.lock();
        try {
            long now = nanoClock.getAsLong();
            if (dirty && now - lastPublish >= PUBLISH_NANOS) {
                publish(now);
            }
        } finally {
            state.unlock();
        }
        return published;
    }

    private void publish(long now) {
        lastPublish = now;
        dirty = false;
        published = build();
    }

    /** True once the bad-line listener asked to stop (strict mode). */
    public boolean stopped() {
        return books.stopped();
    }

    /** The report as last built (by {@link #report}), without building one. */
    public Report published() {
        return published;
    }

    /**
     * The report of everything analysed so far. Call it on the analyzer thread, or after the pipeline
     * has finished (the final report).
     */
    public Report build() {
        InputSummary summary = new InputSummary();
        if (earlier != null) {
            summary.add(earlierName, io.ctscope.ingest.decode.InputFormat.EVENTS, earlier);
        }
        summary.add(name, books.format(0), books.stats(0));
        Report report = builder.build(summary);
        resync.contribute(report);
        status.contribute(report);
        return report;
    }

    /** The final report, once the pipeline has finished: a table read still in its grace is settled first. */
    public Report finish() {
        resync.finish();
        return build();
    }
}
