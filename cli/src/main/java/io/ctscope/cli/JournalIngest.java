package io.ctscope.cli;

import io.ctscope.ingest.decode.InputAccounting;
import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.journal.InputLedger;
import io.ctscope.ingest.journal.JournalHandler;
import io.ctscope.ingest.journal.JournalWriter;
import io.ctscope.ingest.journal.ResumePoint;
import io.ctscope.ingest.journal.SourceRegistry;
import io.ctscope.ingest.pipeline.IngestPipeline;
import io.ctscope.ingest.pipeline.PipelineInput;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Journals inputs into a queue directory exactly once: each file is registered by identity, read on
 * from its resume point (nothing journaled twice, nothing skipped, even after a crash), parsed through
 * the pipeline, appended to the journal and checkpointed; the run's line counts go to the ledger.
 * Standard input and other streams (FIFOs, /proc files) have no identity: all of each is journaled every time.
 */
final class JournalIngest {
    private final PrintWriter err;
    private final BadLineReporter badLines;

    JournalIngest(PrintWriter err, BadLineReporter badLines) {
        this.err = err;
        this.badLines = badLines;
    }

    /** Summary of one run. */
    static final class Result {
        boolean complete = true;
        long records;
        long lines;
        /** The signal that stopped the reading ({@code SIGINT}), or null when every input was read. */
        String interruptedBy;
    }

    Result ingest(List<String> names, Path queue, int parsers, boolean strict) throws IOException {
        Result result = new Result();
        try (SourceRegistry registry = SourceRegistry.open(queue);
             JournalWriter writer = new JournalWriter(queue)) {
            InputLedger ledger = InputLedger.open(queue);
            List<PipelineInput> inputs = new ArrayList<>();
            List<String> inputNames = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (String name : names) {
                InputSource source = new InputSource(name);
                if (source.isStream()) {
                    inputs.add(new PipelineInput(source, 0, 0, 1));
                    inputNames.add(name);
                    ids.add(0);
                    continue;
                }
                int id = registry.register(Path.of(name));
                ResumePoint at = registry.resumePoint(id);
                if (!at.status().canResume()) {
                    err.println("ctscope: " + name + ": " + describe(at) + "; skipped");
                    result.complete = false;
                    continue;
                }
                if (at.status() == io.ctscope.ingest.journal.ResumeStatus.UP_TO_DATE) {
                    err.println("ctscope: " + name + ": already journaled up to its end (line " + (at.nextLine() - 1) + ")");
                } else if (at.offset() > 0) {
                    err.println("ctscope: " + name + ": resuming at byte " + at.offset() + ", line " + at.nextLine()
                        + " (already journaled before)");
                }
                inputs.add(new PipelineInput(source, id, at.offset(), at.nextLine()));
                inputNames.add(name);
                ids.add(id);
            }
            int[] idArray = ids.stream().mapToInt(Integer::intValue).toArray();
            InputAccounting books = new InputAccounting(inputNames, idArray, badLines, r -> { });
            JournalHandler journal = new JournalHandler(writer, registry, System::nanoTime);
            IngestPipeline pipeline = new IngestPipeline(parsers, List.of(journal, books), strict)
                .holdBackUnterminatedLine(true);
            try (StopSignals.Reading reading = StopSignals.PROCESS.whileReading(pipeline::stop)) {
                pipeline.run(inputs, (input, e) -> {
                    result.complete = false;
                    err.println("ctscope: " + input.source().name() + ": read error: " + e.getMessage());
                });
            }
            result.interruptedBy = pipeline.wasStopped() ? StopSignals.PROCESS.signal() : null;
            if (books.stopped()) {
                result.complete = false;
                err.println("ctscope: stopped at the first bad line (--strict); what came before it is journaled");
            }
            for (int i = 0; i < inputNames.size(); i++) {
                if (idArray[i] > 0) {
                    ledger.add(idArray[i], inputNames.get(i), books.formatAt(i), books.statsAt(i));
                }
                result.lines += books.statsAt(i).lines;
                result.records += books.statsAt(i).records;
            }
            ledger.save();
            err.flush();
        }
        return result;
    }

    private static String describe(ResumePoint at) {
        switch (at.status()) {
            case TRUNCATED:
                return "shorter (" + at.fileSize() + " bytes) than what was journaled from it (" + at.offset()
                    + " bytes): truncated or rewritten";
            case REPLACED:
                return "now names another file (rotated or replaced) than the one journaled";
            case MISSING:
                return "no such file";
            default:
                return at.status().name().toLowerCase();
        }
    }
}
