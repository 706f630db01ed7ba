package io.ctscope.cli;

import io.ctscope.ingest.decode.InputAccounting;
import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.io.Printable;
import io.ctscope.ingest.journal.InputLedger;
import io.ctscope.ingest.journal.JournalHandler;
import io.ctscope.ingest.journal.JournalWriter;
import io.ctscope.ingest.journal.QueueLock;
import io.ctscope.ingest.journal.Registration;
import io.ctscope.ingest.journal.ResumePoint;
import io.ctscope.ingest.journal.ResumeStatus;
import io.ctscope.ingest.journal.SourceRegistry;
import io.ctscope.ingest.pipeline.IngestPipeline;
import io.ctscope.ingest.pipeline.PipelineInput;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Journals inputs into a queue directory exactly once: takes the journal's {@link QueueLock} (one writer
 * at a time), recognises each file by identity (a file named twice is read once), reads it on from its
 * resume point (nothing journaled twice, nothing skipped, even after a crash), parses it through the
 * pipeline, appends to the journal and checkpoints; the run's line counts go to the ledger. Standard
 * input and other streams (FIFOs, /proc files) have no identity: each read of one is a source of its
 * own, journaled whole.
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
        return ingest(names, queue, parsers, strict, true);
    }

    Result ingest(List<String> names, Path queue, int parsers, boolean strict, boolean wait) throws IOException {
        Result result = new Result();
        JournalDirectory.prepare(queue);
        try (QueueLock lock = QueueLock.acquire(queue, wait, this::waiting);
             SourceRegistry registry = SourceRegistry.open(queue);
             JournalWriter writer = new JournalWriter(queue)) {
            InputLedger ledger = InputLedger.open(queue);
            List<PipelineInput> inputs = new ArrayList<>();
            List<String> inputNames = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            Map<Integer, String> namedAs = new HashMap<>();
            for (String name : names) {
                InputSource source = new InputSource(name);
                if (source.isStream()) {
                    int id = registry.registerStream();
                    inputs.add(new PipelineInput(source, id, 0, 1));
                    inputNames.add(name);
                    ids.add(id);
                    continue;
                }
                Registration reg = registry.recognise(Path.of(name));
                String before = namedAs.putIfAbsent(reg.id(), name);
                if (before != null) {
                    note(name, "the same file as " + Printable.of(before) + ", named before: read once");
                    continue;
                }
                if (reg.describe() != null) {
                    note(name, reg.describe());
                }
                ResumePoint at = registry.resumePoint(reg.id());
                if (!at.status().canResume()) {
                    note(name, at.why() + "; skipped");
                    result.complete = false;
                    continue;
                }
                if (at.recoveredFromJournal() > 0 || at.checkpointAheadOfJournal()) {
                    // the last run ended between a journal write and its checkpoint, or a power loss kept the
                    // checkpoint and lost the journal's tail: the journal is the truth
                    registry.adopt(at);
                }
                if (at.status() == ResumeStatus.UP_TO_DATE) {
                    note(name, "already journaled up to its end (line " + (at.nextLine() - 1) + ")");
                } else if (at.offset() > 0) {
                    note(name, "resuming at byte " + at.offset() + ", line " + at.nextLine()
                        + " (already journaled before)");
                }
                inputs.add(new PipelineInput(source, reg.id(), at.offset(), at.nextLine()));
                inputNames.add(name);
                ids.add(reg.id());
            }
            int[] idArray = ids.stream().mapToInt(Integer::intValue).toArray();
            InputAccounting books = new InputAccounting(inputNames, idArray, badLines, r -> { });
            JournalHandler journal = new JournalHandler(writer, registry, System::nanoTime);
            IngestPipeline pipeline = new IngestPipeline(parsers, List.of(journal, books), strict)
                .holdBackUnterminatedLine(true);
            try (StopSignals.Reading reading = StopSignals.PROCESS.whileReading(pipeline::stop);
                 io.ctscope.cli.progress.ProgressDisplay shown =
                     io.ctscope.cli.progress.ProgressDisplay.whileReading(err, pipeline.progress())) {
                pipeline.run(inputs, (input, e) -> {
                    result.complete = false;
                    note(input.source().name(), "read error: " + e.getMessage());
                });
            }
            result.interruptedBy = pipeline.wasStopped() ? StopSignals.PROCESS.signal() : null;
            if (books.stopped()) {
                result.complete = false;
                err.println("ctscope: stopped at the first bad line (--strict); what came before it is journaled");
            }
            for (int i = 0; i < inputNames.size(); i++) {
                ledger.add(idArray[i], inputNames.get(i), books.formatAt(i), books.statsAt(i));
                result.lines += books.statsAt(i).lines;
                result.records += books.statsAt(i).records;
            }
            ledger.save();
            err.flush();
        }
        return result;
    }

    private void waiting(String message) {
        err.println("ctscope: " + Printable.of(message));
        err.flush();
    }

    private void note(String name, String message) {
        err.println("ctscope: " + Printable.of(name) + ": " + Printable.of(message));
    }
}
