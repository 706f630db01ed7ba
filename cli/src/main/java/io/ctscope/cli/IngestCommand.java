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
        "Each file is known by its identity (device and inode), confirmed by its first bytes; the path is"
            + " only a hint. Ingesting it again, after it has grown, been renamed or rotated (rename or"
            + " copytruncate), or after a crash part-way, journals only what is not journaled yet; a file"
            + " rewritten or recreated in place is read from the start. A last line without a newline is left"
            + " for the next run (the file may still be written). Standard input is journaled whole every time,"
            + " and so are /proc files and FIFOs. Ctrl-C or SIGTERM stops reading; what was read is journaled."
            + " One ingest writes to a journal at a time: a second one waits for it (or fails: --no-wait)."
            + " Report from the journal with: ctscope report --queue DIR",
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
    String queueName;

    @Option(names = "--no-wait",
        description = "Fail at once (exit 1) when another ingest is writing the journal, instead of waiting for it.")
    boolean noWait;

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
        JournalIngest.Result r;
        Path queue;
        try {
            queue = Path.of(queueName);
            r = new JournalIngest(err, badLines).ingest(files, queue, inputs.parsers(), inputs.strict, !noWait);
        } catch (IOException | RuntimeException e) {
            badLines.finish();
            err.println("ctscope ingest: " + IoMessages.of(e));
            err.flush();
            return 1;
        }
        badLines.finish();
        if (r.interruptedBy != null) {
            err.println("ctscope: interrupted by " + r.interruptedBy + ": stopped reading; what was read is journaled");
        }
        out.println("ingested " + r.records + " records from " + r.lines + " lines into "
            + io.ctscope.ingest.io.Printable.of(queue.toString())
            + (r.interruptedBy != null ? " (interrupted by " + r.interruptedBy + ")" : ""));
        out.flush();
        return r.complete && files.size() == inputs.files.size() ? 0 : 1;
    }
}
