package io.ctscope.cli;

import io.ctscope.analysis.report.InputSummary;
import io.ctscope.ingest.decode.InputAccounting;
import io.ctscope.ingest.decode.RecordSink;
import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.pipeline.IngestPipeline;
import io.ctscope.ingest.pipeline.PipelineInput;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the named inputs one after another through the pipeline into a record sink, reporting bad
 * lines, and collects what was read into an {@link InputSummary}. An input that cannot be read is
 * reported and the others are still read: nothing already accepted is lost.
 */
final class InputReader {
    private final PrintWriter err;
    private final BadLineReporter badLines;
    private final Map<String, String> unreadable = new LinkedHashMap<>();
    private boolean conntrackOutput;

    InputReader(PrintWriter err, BadLineReporter badLines) {
        this.err = err;
        this.badLines = badLines;
    }

    /** After {@link #readAll}: whether any input was conntrack output (records, or a conntrack-tools summary). */
    boolean sawConntrackOutput() {
        return conntrackOutput;
    }

    /**
     * The named inputs that can be opened, in order; each other one is named on stderr with the reason
     * and listed in {@link #unreadable()}.
     */
    List<String> readable(List<String> names) {
        List<String> ok = new ArrayList<>();
        for (String name : names) {
            String why;
            try {
                why = InputSource.STDIN.equals(name) ? null : whyUnreadable(Path.of(name));
            } catch (java.nio.file.InvalidPathException e) {
                why = IoMessages.of(e);
            }
            if (why == null) {
                ok.add(name);
            } else {
                err.println("ctscope: " + io.ctscope.ingest.io.Printable.of(name) + ": " + why);
                unreadable.put(name, why);
            }
        }
        err.flush();
        return ok;
    }

    /** Inputs {@link #readable} left out, and why. */
    Map<String, String> unreadable() {
        return unreadable;
    }

    private static String whyUnreadable(Path p) {
        if (!Files.exists(p)) {
            return "no such file";
        }
        if (Files.isDirectory(p)) {
            return "is a directory";
        }
        return Files.isReadable(p) ? null : "permission denied";
    }

    /**
     * Reads every input through the pipeline ({@code parsers} parse threads) into {@code sink}, in input
     * order. Returns true when every input was read to its end without an I/O error or a strict stop.
     */
    boolean readAll(List<String> names, RecordSink sink, InputSummary summary, int parsers, boolean strict) {
        return readAll(names, sink, summary, books -> new IngestPipeline(parsers, List.of(books), strict));
    }

    /**
     * As {@link #readAll(List, RecordSink, InputSummary, int, boolean)}, into an analysis split over
     * shards: the shards side by side after the parsers, then the accounting and the ordered stage.
     */
    boolean readAll(List<String> names, io.ctscope.analysis.shard.ShardedReport sharded, InputSummary summary, int parsers,
                    boolean strict) {
        return readAll(names, r -> { }, summary, books -> {
            List<io.ctscope.ingest.pipeline.RecordHandler> after = sharded.orderedHandlers();
            after.set(0, new io.ctscope.ingest.pipeline.TeeHandler(List.of(books, after.get(0))));
            return new IngestPipeline(parsers, sharded.shardHandlers(), after, strict);
        });
    }

    private boolean readAll(List<String> names, RecordSink sink, InputSummary summary,
                            java.util.function.Function<InputAccounting, IngestPipeline> pipelineFor) {
        InputAccounting books = new InputAccounting(names, badLines, sink);
        List<PipelineInput> inputs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            inputs.add(PipelineInput.fromStart(new InputSource(names.get(i)), i));
        }
        boolean[] ok = {true};
        java.util.Set<Integer> failed = new java.util.HashSet<>();
        IngestPipeline pipeline = pipelineFor.apply(books);
        try (StopSignals.Reading reading = StopSignals.PROCESS.whileReading(pipeline::stop)) {
            pipeline.run(inputs, (input, e) -> {
                ok[0] = false;
                failed.add(input.sourceId());
                err.println("ctscope: " + io.ctscope.ingest.io.Printable.of(input.source().name()) + ": read error after " + books.stats(input.sourceId()).lines
                    + " lines: " + e.getMessage());
            });
        }
        if (pipeline.wasStopped()) {
            summary.interrupted(StopSignals.PROCESS.signal());
        }
        if (books.stopped()) {
            ok[0] = false;
            err.println("ctscope: stopped at the first bad line (--strict)");
        }
        for (int i = 0; i < names.size(); i++) {
            summary.add(names.get(i), books.format(i), books.stats(i));
            io.ctscope.ingest.decode.ContentKind looks = books.lookalikeAt(i);
            if (looks == null) {
                conntrackOutput = true;
            } else if (!failed.contains(i)) {
                badLines.dropHeld(names.get(i));
                err.println("ctscope: " + looks.explain(names.get(i)));
            }
        }
        unreadable.forEach(summary::unreadable);
        err.flush();
        return ok[0];
    }
}
