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
import java.util.List;

/**
 * Reads the named inputs one after another through the pipeline into a record sink, reporting bad
 * lines, and collects what was read into an {@link InputSummary}. An input that cannot be read is
 * reported and the others are still read: nothing already accepted is lost.
 */
final class InputReader {
    private final PrintWriter err;
    private final BadLineReporter badLines;

    InputReader(PrintWriter err, BadLineReporter badLines) {
        this.err = err;
        this.badLines = badLines;
    }

    /** Checks that every named file exists and is readable; prints a message per missing one. */
    boolean checkReadable(List<String> names) {
        boolean ok = true;
        for (String name : names) {
            if (InputSource.STDIN.equals(name)) {
                continue;
            }
            Path p;
            try {
                p = Path.of(name);
            } catch (java.nio.file.InvalidPathException e) {
                err.println("ctscope: " + IoMessages.of(e));
                ok = false;
                continue;
            }
            if (!Files.isRegularFile(p) && !Files.isReadable(p)) {
                err.println("ctscope: " + io.ctscope.ingest.io.Printable.of(name) + ": no such file");
                ok = false;
            } else if (!Files.isReadable(p)) {
                err.println("ctscope: " + io.ctscope.ingest.io.Printable.of(name) + ": permission denied");
                ok = false;
            }
        }
        err.flush();
        return ok;
    }

    /**
     * Reads every input through the pipeline ({@code parsers} parse threads) into {@code sink}, in input
     * order. Returns true when every input was read to its end without an I/O error or a strict stop.
     */
    boolean readAll(List<String> names, RecordSink sink, InputSummary summary, int parsers, boolean strict) {
        InputAccounting books = new InputAccounting(names, badLines, sink);
        List<PipelineInput> inputs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            inputs.add(PipelineInput.fromStart(new InputSource(names.get(i)), i));
        }
        boolean[] ok = {true};
        new IngestPipeline(parsers, List.of(books), strict).run(inputs, (input, e) -> {
            ok[0] = false;
            err.println("ctscope: " + io.ctscope.ingest.io.Printable.of(input.source().name()) + ": read error after " + books.stats(input.sourceId()).lines
                + " lines: " + e.getMessage());
        });
        if (books.stopped()) {
            ok[0] = false;
            err.println("ctscope: stopped at the first bad line (--strict)");
        }
        for (int i = 0; i < names.size(); i++) {
            summary.add(names.get(i), books.format(i), books.stats(i));
        }
        err.flush();
        return ok[0];
    }
}
