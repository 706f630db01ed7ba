package io.ctscope.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
        "Journal conntrack records into a Chronicle Queue directory, exactly once.",
        "",
        "Each file is known by its identity (device and inode, and path): ingesting it again, or after it has"
            + " grown, or after a crash part-way, journals only what is not journaled yet. A last line without"
            + " a newline is left for the next run (the file may still be written). Standard input is journaled"
            + " whole every time, and so are /proc files and FIFOs. Ctrl-C or SIGTERM stops reading; what was"
            + " read is journaled. Report from the journal with: ctscope report --queue DIR",
        "",
    },
    footer = {
        "",
        "Examples:",
        "  ctscope ingest --queue q events.txt",
        "  ctscope report --queue q --from '2026-11-21 06:20' --to '2026-11-21 06:21'",
        "  conntrack -E -o timestamp,extended,id | ctscope ingest --queue q -",
    })
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Option(names = "--queue", required = true, paramLabel = "DIR", description = "Journal directory (created if missing).")
    Path queue;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (inputs.files.isEmpty()) {
            err.println("ctscope ingest: no input given: name one or more files, or - for standard input");
            return 2;
        }
        BadLineReporter badLines = new BadLineReporter(err, inputs.strict);
        java.util.List<String> files = new InputReader(err, badLines).readable(inputs.files);
        if (files.isEmpty()) {
            return 1;
        }
        JournalIngest.Result r = new JournalIngest(err, badLines).ingest(files, queue, inputs.parsers(), inputs.strict);
        badLines.finish();
        if (r.interruptedBy != null) {
            err.println("ctscope: interrupted by " + r.interruptedBy + ": stopped reading; what was read is journaled");
        }
        out.println("ingested " + r.records + " records from " + r.lines + " lines into " + queue
            + (r.interruptedBy != null ? " (interrupted by " + r.interruptedBy + ")" : ""));
        out.flush();
        return r.complete && files.size() == inputs.files.size() ? 0 : 1;
    }
}
