package io.ctscope.cli;

import io.ctscope.analysis.report.Report;

/** Runs {@code ctscope whatif ARGS} in-process ({@link CliRun}) and keeps its report tree too. */
final class WhatifRun {
    final int exitCode;
    final String out;
    final String err;
    final Report report;

    private WhatifRun(CliRun run) {
        this.exitCode = run.exitCode;
        this.out = run.out;
        this.err = run.err;
        WhatifCommand cmd = run.commandLine.getSubcommands().get("whatif").getCommand();
        this.report = cmd.lastReport;
    }

    static WhatifRun run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "whatif";
        System.arraycopy(args, 0, full, 1, args.length);
        return new WhatifRun(CliRun.run(full));
    }

    long num(String path) {
        Object v = report.get(path);
        if (!(v instanceof Number)) {
            throw new AssertionError(path + " is " + v + "\n" + err);
        }
        return ((Number) v).longValue();
    }
}
