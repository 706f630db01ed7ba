package io.ctscope.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process with captured stdout and stderr. */
final class CliRun {
    final int exitCode;
    final String out;
    final String err;
    /** The command line that ran, so a test can read its command objects. */
    final CommandLine commandLine;

    private CliRun(int exitCode, String out, String err, CommandLine commandLine) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
        this.commandLine = commandLine;
    }

    static CliRun run(String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString(), cl);
    }
}
