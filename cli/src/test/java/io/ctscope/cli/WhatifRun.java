package io.ctscope.cli;

import io.ctscope.analysis.report.Report;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code ctscope whatif ARGS} in-process and keeps its exit code, output and report tree. */
final class WhatifRun {
    final int exitCode;
    final String out;
    final String err;
    final Report report;

    private WhatifRun(int exitCode, String out, String err, Report report) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
        this.report = report;
    }

    static WhatifRun run(String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "whatif";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = cl.execute(full);
        WhatifCommand cmd = cl.getSubcommands().get("whatif").getCommand();
        return new WhatifRun(code, out.toString(), err.toString(), cmd.lastReport);
    }

    long num(String path) {
        Object v = report.get(path);
        if (!(v instanceof Number)) {
            throw new AssertionError(path + " is " + v + "\n" + err);
        }
        return ((Number) v).longValue();
    }
}
