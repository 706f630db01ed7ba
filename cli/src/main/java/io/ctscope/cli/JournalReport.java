package io.ctscope.cli;

import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.decode.InputFormat;
import io.ctscope.ingest.decode.InputStats;
import io.ctscope.ingest.journal.InputLedger;
import io.ctscope.ingest.journal.JournalDamage;
import io.ctscope.ingest.journal.JournalReader;
import io.ctscope.ingest.journal.Source;
import io.ctscope.ingest.journal.SourceRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the report from a journal: replays every record (optionally only those whose timestamp
 * falls in a window) through the analyzers, and rebuilds the {@code input} section from the source
 * registry (lines read), the ledger (names, formats, rejected lines) and the replayed records.
 */
final class JournalReport {
    private JournalReport() {
    }

    /** The report, and what damage the journal showed (the report covers the intact records). */
    record Built(Report report, JournalDamage damage) {
    }

    static Built build(Path queue, TimeWindow window, ReportOptions options) throws IOException {
        return build(queue, window, options, 1);
    }

    /** With {@code shards} > 1, the analysis split over that many flow-key shards, run one after another on this thread. */
    static Built build(Path queue, TimeWindow window, ReportOptions options, int shards) throws IOException {
        if (Files.isDirectory(queue) && Files.exists(queue.resolve(SourceRegistry.FILE_NAME))) {
            options.inputs = snapshotInputs(queue);
        }
        return build(queue, window, shards > 1 ? new io.ctscope.analysis.shard.ShardedReport(options, shards, 1)
            : ReportBuilder.standard(options));
    }

    /** The report of {@code builder}'s analyzers over the journal (whatif brings its own). */
    static Built build(Path queue, TimeWindow window, io.ctscope.analysis.Analyzer builder) throws IOException {
        try {
            return replay(queue, window, builder);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Built replay(Path queue, TimeWindow window, io.ctscope.analysis.Analyzer builder) throws IOException {
        if (!Files.isDirectory(queue) || !Files.exists(queue.resolve(SourceRegistry.FILE_NAME))) {
            throw new IOException(queue + ": not a ctscope journal (no " + SourceRegistry.FILE_NAME + ")");
        }
        Map<Integer, InputStats> stats = new HashMap<>();
        Map<Integer, Long> lastLine = new HashMap<>();
        JournalDamage damage;
        try (JournalReader reader = new JournalReader(queue)) {
            damage = reader.damage();
            reader.replay(r -> {
                lastLine.merge(r.source, r.line, Math::max);
                if (!window.contains(r)) {
                    return;
                }
                stats.computeIfAbsent(r.source, k -> new InputStats()).onRecord(r);
                builder.accept(r);
            });
        }
        InputSummary summary = new InputSummary();
        InputLedger ledger = InputLedger.open(queue);
        try (SourceRegistry registry = SourceRegistry.read(queue)) {
            List<Source> sources = registry.sources();
            for (Source src : sources) {
                InputStats s = stats.getOrDefault(src.id(), new InputStats());
                InputLedger.Entry e = ledger.entry(src.id());
                // a run stopped between a journal write and its checkpoint (killed, disk full) leaves the
                // checkpoint behind the journal: the lines read are at least up to the last journaled record
                s.lines = Math.max(src.linesConsumed(), lastLine.getOrDefault(src.id(), 0L));
                String name = e != null ? e.name : src.path().toString();
                InputFormat format = e != null ? e.format : InputFormat.UNKNOWN;
                if (e != null) {
                    s.badLines = e.badLines;
                    s.lossWarnings = e.lossWarnings;
                    s.summaryLines = e.summaryLines;
                    s.skippedLines = e.skippedLines;
                    if (window.isAll()) { // a window holds only some of the flows the summary counted
                        s.summaryShown = e.summaryShown;
                    }
                }
                summary.add(name, format, s);
            }
            InputStats stdin = stats.get(0);
            if (stdin != null) {
                stdin.lines = stdin.records;
                summary.add("-", InputFormat.UNKNOWN, stdin);
            }
        }
        Report report = new Report();
        summary.contribute(report);
        builder.contribute(report);
        return new Built(report, damage);
    }

    /** Each journaled file under the name it was given, with its modification time, for the dump snapshots. */
    private static io.ctscope.analysis.table.SnapshotInputs snapshotInputs(Path queue) throws IOException {
        io.ctscope.analysis.table.SnapshotInputs inputs = new io.ctscope.analysis.table.SnapshotInputs();
        InputLedger ledger = InputLedger.open(queue);
        try (SourceRegistry registry = SourceRegistry.read(queue)) {
            for (Source src : registry.sources()) {
                InputLedger.Entry e = ledger.entry(src.id());
                InputTimes.describe(inputs, src.id(), e != null ? e.name : src.path().toString(), java.time.Clock.systemUTC());
            }
        }
        return inputs;
    }
}
