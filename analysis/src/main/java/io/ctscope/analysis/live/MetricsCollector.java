package io.ctscope.analysis.live;

import io.ctscope.analysis.report.Report;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Prometheus view of the live report: at each scrape it reads the report the analyzers last
 * published and turns its values into metric families. Top-talker series are the report's top list
 * capped at {@link #TOP} keys, so their cardinality stays bounded however many sources there are.
 */
public final class MetricsCollector implements MultiCollector {
    public static final int TOP = 20;
    private static final String[] EVENT_TYPES = {"NEW", "UPDATE", "DESTROY"};

    private final Supplier<Report> report;
    private final LiveStatus status;
    public MetricsCollector(Supplier<Report> report, LiveStatus status) {
        this.report = report;
        this.status = status;
    }

    @Override
    public MetricSnapshots collect() {
        ReportReader r = new ReportReader(report.get());
        MetricSnapshots.Builder out = MetricSnapshots.builder();

        CounterSnapshot.Builder events = CounterSnapshot.builder().name("ctscope_events")
            .help("conntrack events analysed, by type");
        for (String type : EVENT_TYPES) {
            events.dataPoint(counter(r.num("events." + type), "type", type));
        }
        out.metricSnapshot(events.build());
        out.metricSnapshot(CounterSnapshot.builder().name("ctscope_new_flows").help("flows that began with a NEW event")
            .dataPoint(counter(r.num("events.NEW"))).build());
        out.metricSnapshot(CounterSnapshot.builder().name("ctscope_bad_lines").help("input lines rejected")
            .dataPoint(counter(r.num("input.bad_lines"))).build());
        out.metricSnapshot(CounterSnapshot.builder().name("ctscope_loss_warnings")
            .help("ENOBUFS warnings: the kernel dropped conntrack events").dataPoint(counter(r.lossWarnings())).build());
        out.metricSnapshot(CounterSnapshot.builder().name("ctscope_journal_records").help("records appended to the journal")
            .dataPoint(counter(status.journalRecords())).build());
        out.metricSnapshot(CounterSnapshot.builder().name("ctscope_table_reads").help("table reads (conntrack -L) fed in to resync")
            .dataPoint(counter(r.num("live.table_reads"))).build());
        out.metricSnapshot(CounterSnapshot.builder().name("ctscope_source_restarts").help("restarts of the spawned conntrack")
            .dataPoint(counter(r.num("live.restarts"))).build());

        GaugeSnapshot.Builder entries = GaugeSnapshot.builder().name("ctscope_table_entries")
            .help("entries in the rebuilt conntrack table, by protocol and state");
        for (Map.Entry<String, Object> e : r.map("table.by_state").entrySet()) {
            String key = e.getKey();
            int slash = key.indexOf('/');
            String protocol = slash < 0 ? key : key.substring(0, slash);
            String state = slash < 0 ? "" : key.substring(slash + 1);
            entries.dataPoint(GaugeDataPointSnapshot.builder().value(((Number) e.getValue()).doubleValue())
                .labels(Labels.of("protocol", protocol, "state", state)).build());
        }
        out.metricSnapshot(entries.build());
        out.metricSnapshot(GaugeSnapshot.builder().name("ctscope_pipeline_lag_seconds")
            .help("how long the oldest input not yet analysed has waited")
            .dataPoint(GaugeDataPointSnapshot.builder().value(status.lagNanos() / 1e9).build()).build());

        GaugeSnapshot.Builder top = GaugeSnapshot.builder().name("ctscope_top_source_flows")
            .help("flows of the top " + TOP + " sources (the report's top list)");
        for (Map<String, Object> row : r.rows("top.src", TOP)) {
            top.dataPoint(GaugeDataPointSnapshot.builder().value(((Number) row.get("flows")).doubleValue())
                .labels(Labels.of("source", String.valueOf(row.get("key")))).build());
        }
        out.metricSnapshot(top.build());
        out.metricSnapshot(latency(status.latency().total()));
        return out.build();
    }

    private static SummarySnapshot latency(Histogram h) {
        SummaryDataPointSnapshot.Builder p = SummaryDataPointSnapshot.builder().count(h.getTotalCount())
            .sum(h.getMean() * h.getTotalCount() / 1e9);
        if (h.getTotalCount() > 0) {
            p.quantiles(Quantiles.of(List.of(new Quantile(0.5, h.getValueAtPercentile(50) / 1e9),
                new Quantile(0.99, h.getValueAtPercentile(99) / 1e9), new Quantile(1.0, h.getMaxValue() / 1e9))));
        }
        return SummarySnapshot.builder().name("ctscope_ingest_latency_seconds")
            .help("time from a line's arrival to its analysis").dataPoint(p.build()).build();
    }

    private static CounterDataPointSnapshot counter(long value, String... labels) {
        CounterDataPointSnapshot.Builder b = CounterDataPointSnapshot.builder().value(value);
        if (labels.length > 0) {
            b.labels(Labels.of(labels));
        }
        return b.build();
    }
}
