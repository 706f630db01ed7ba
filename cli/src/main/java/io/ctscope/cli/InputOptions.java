package io.ctscope.cli;

import picocli.CommandLine.Option;
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

    @Option(names = "--parsers", paramLabel = "N", defaultValue = "${sys:ctscope.parsers:-0}",
        description = "Parse threads (default: one per core).")
    int parsers;

    int parsers() {
        return parsers > 0 ? parsers : io.ctscope.ingest.pipeline.IngestPipeline.defaultParsers();
    }
}
