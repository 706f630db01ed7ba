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
        PerSource perSource = new PerSource();
        JournalDamage damage;
        try (JournalReader reader = new JournalReader(queue)) {
            damage = reader.damage();
            io.ctscope.ingest.journal.ReplayAhead.replay(reader, r -> {
                perSource.seen(r);
                if (!window.contains(r)) {
                    return;
                }
                perSource.stats(r.source).onRecord(r);
                builder.accept(r);
            });
        }
        Map<Integer, InputStats> stats = perSource.stats();
        Map<Integer, Long> lastLine = perSource.lastLines();
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

    /**
     * Per source id (small integers: 0 for standard input, then the registry's ids), the stats of the
     * records replayed and the last line journaled, in arrays: no map lookup or boxing per record.
     */
    private static final class PerSource {
        private InputStats[] stats = new InputStats[8];
        private long[] lastLine = new long[8];
        private boolean[] present = new boolean[8];

        void seen(io.ctscope.ingest.record.ConntrackRecord r) {
            int s = r.source;
            if (s >= present.length) {
                int n = Math.max(s + 1, present.length * 2);
                stats = java.util.Arrays.copyOf(stats, n);
                lastLine = java.util.Arrays.copyOf(lastLine, n);
                present = java.util.Arrays.copyOf(present, n);
            }
            present[s] = true;
            lastLine[s] = Math.max(lastLine[s], r.line);
        }

        InputStats stats(int source) {
            InputStats s = stats[source];
            if (s == null) {
                s = new InputStats();
                stats[source] = s;
            }
            return s;
        }

        Map<Integer, InputStats> stats() {
            Map<Integer, InputStats> m = new HashMap<>();
            for (int i = 0; i < stats.length; i++) {
                if (stats[i] != null) {
                    m.put(i, stats[i]);
                }
            }
            return m;
        }

        Map<Integer, Long> lastLines() {
            Map<Integer, Long> m = new HashMap<>();
            for (int i = 0; i < present.length; i++) {
                if (present[i]) {
                    m.put(i, lastLine[i]);
                }
            }
            return m;
        }
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
