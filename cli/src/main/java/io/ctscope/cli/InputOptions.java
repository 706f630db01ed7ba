package io.ctscope.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** Options shared by every command that reads conntrack text. */
final class InputOptions {
    @Parameters(arity = "0..*", paramLabel = "FILE",
        description = "Inputs: files (plain or .gz), or - for standard input. Format is detected per input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--strict",
        description = "Fail (exit 1) at the first line that is not a valid record, instead of reporting and skipping it.")
    boolean strict;

    /** More parse threads than ring slots could never run at once. */
    static final int MAX_PARSERS = io.ctscope.ingest.pipeline.IngestPipeline.RING_SIZE;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    int parsers;

    @Option(names = "--parsers", paramLabel = "N", defaultValue = "${sys:ctscope.parsers:-0}",
        description = "Parse threads, 1 to 64 (default: one per core).")
    void parsers(int n) {
        if (n < 0 || n > MAX_PARSERS) {
            throw new ParameterException(mixee.commandLine(),
                "--parsers " + n + ": give 1 to " + MAX_PARSERS + " parse threads (or leave it out: one per core)");
        }
        parsers = n;
    }

    int parsers() {
        return parsers > 0 ? parsers : io.ctscope.ingest.pipeline.IngestPipeline.defaultParsers();
    }
}
