package io.ctscope.cli;

import io.ctscope.ingest.io.InputSource;
import picocli.CommandLine;

/** Entry point of the ctscope command line; the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        InputSource.readStdinFromDescriptor();
        StopSignals.PROCESS.install();
        System.exit(newCommandLine().execute(args));
    }

    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new CtscopeCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setOut(ReportOutput.of(new java.io.FileOutputStream(java.io.FileDescriptor.out)));
        return cl;
    }
}
