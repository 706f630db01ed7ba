package io.ctscope.cli;

import io.ctscope.analysis.report.InputSummary;
import io.ctscope.ingest.decode.FormatEvidence;
import io.ctscope.ingest.decode.InputDecoder;
import io.ctscope.ingest.decode.InputStats;
import io.ctscope.ingest.decode.RecordSink;
import io.ctscope.ingest.io.InputSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the named inputs one after another into a record sink, reporting bad lines, and collects what
 * was read into an {@link InputSummary}. An input that cannot be read is reported and the others are
 * still read: nothing already accepted is lost.
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
            Path p = Path.of(name);
            if (!Files.isRegularFile(p) && !Files.isReadable(p)) {
                err.println("ctscope: " + name + ": no such file");
                ok = false;
            } else if (!Files.isReadable(p)) {
                err.println("ctscope: " + name + ": permission denied");
                ok = false;
            }
        }
        err.flush();
        return ok;
    }

    /** Returns true when every input was read to its end without an I/O error or a strict stop. */
    boolean readAll(List<String> names, RecordSink sink, InputSummary summary) {
        InputDecoder decoder = new InputDecoder(sink, badLines);
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
            InputSource source = new InputSource(names.get(i));
            InputStats stats = new InputStats();
            FormatEvidence evidence = new FormatEvidence(source.name());
            try {
                if (!decoder.decode(source, i, stats, evidence)) {
                    ok = false;
                    summary.add(source.name(), evidence.decide(), stats);
                    err.println("ctscope: stopped at the first bad line (--strict)");
                    break;
                }
            } catch (IOException e) {
                ok = false;
                err.println("ctscope: " + source.name() + ": read error after " + stats.lines + " lines: " + e.getMessage());
            }
            summary.add(source.name(), evidence.decide(), stats);
        }
        err.flush();
        return ok;
    }
}
