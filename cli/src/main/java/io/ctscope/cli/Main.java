package io.ctscope.cli;

import picocli.CommandLine;

/** Entry point of the ctscope command line; the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new CtscopeCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }
}
