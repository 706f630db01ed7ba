package io.ctscope.analysis.live;

import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.live.ArrivalLog;
import io.ctscope.ingest.live.LiveCounters;
import io.ctscope.ingest.live.NetlinkBufferProbe;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The {@code live} section of the report: what the source was, what it said that no record carries
 * (ENOBUFS warnings on conntrack's stderr, restarts), whether the larger netlink buffer took, the
 * pipeline lag and the ingest→analyzer latency. Written by the source threads, read by whoever builds
 * the report.
 */
public final class LiveStatus {
    private final String source;
    private final LiveCounters counters;
    private final LatencyRecorder latency;
    private final ArrivalLog arrivals;
    private final LongSupplier nanoClock;
    private volatile long askedBufferBytes;
    private volatile NetlinkBufferProbe.Measurement netlink;
    private volatile String bufferNotice;
    private volatile long tableReads;
    private volatile LongSupplier journalRecords = () -> 0;

    public LiveStatus(String source, LiveCounters counters, LatencyRecorder latency, ArrivalLog arrivals, LongSupplier nanoClock) {
        this.source = source;
        this.counters = counters;
        this.latency = latency;
        this.arrivals = arrivals;
        this.nanoClock = nanoClock;
    }

    public void netlink(long askedBytes, NetlinkBufferProbe.Measurement measured, String notice) {
        this.askedBufferBytes = askedBytes;
        this.netlink = measured;
        this.bufferNotice = notice;
    }

    /** Where the count of records this run journaled comes from. */
    public void journal(LongSupplier appended) {
        this.journalRecords = appended;
    }

    public long journalRecords() {
        return journalRecords.getAsLong();
    }

    public void onTableRead() {
        tableReads++;
    }

    public long lossWarnings() {
        return counters.lossWarnings();
    }

    public long lagNanos() {
        return arrivals.lagNanos(nanoClock.getAsLong());
    }

    public LatencyRecorder latency() {
        return latency;
    }

    public void contribute(Report report) {
        Map<String, Object> live = report.section("live");
        live.put("source", source);
        live.put("restarts", counters.restarts());
        live.put("loss_warnings", counters.lossWarnings());
        live.put("table_reads", tableReads);
        live.put("journal_records", journalRecords.getAsLong());
        live.put("pipeline_lag_s", lagNanos() / 1e9);
        NetlinkBufferProbe.Measurement m = netlink;
        if (askedBufferBytes > 0) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("asked_bytes", askedBufferBytes);
            n.put("event_socket_rb", m != null ? m.receiveBuffer() : null);
            n.put("took", m != null ? m.receiveBuffer() >= askedBufferBytes : null);
            n.put("drops", m != null ? m.drops() : null);
            n.put("conntrack_notice", bufferNotice);
            live.put("netlink", n);
        }
        Histogram h = latency.total();
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("count", h.getTotalCount());
        l.put("p50", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50) / 1000);
        l.put("p99", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99) / 1000);
        l.put("max", h.getTotalCount() == 0 ? null : h.getMaxValue() / 1000);
        live.put("latency_us", l);
    }
}
