package io.ctscope.cli;

import io.ctscope.ingest.io.InputSource;
import picocli.CommandLine;

import java.util.Collection;
import java.util.List;

/** Entry point of the ctscope command line; the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        InputSource.readStdinFromDescriptor();
        StopSignals.PROCESS.install();
        CommandLine cl = newCommandLine(args);
        java.io.PrintWriter terminal = io.ctscope.cli.progress.StderrTerminal.open();
        if (terminal != null) {
            cl.setErr(terminal);
        }
        System.exit(cl.execute(args));
    }

    /** The command line with every subcommand (help, tests, documentation). */
    public static CommandLine newCommandLine() {
        return withSubcommands(CtscopeCommand.SUBCOMMANDS.values());
    }

    /**
     * The command line that runs {@code args}: with only the subcommand they name when they name one
     * (the others' models are never built), else with all of them (help, usage errors that list them).
     */
    static CommandLine newCommandLine(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                Class<?> named = CtscopeCommand.SUBCOMMANDS.get(arg);
                if (named != null && named != CommandLine.HelpCommand.class) {
                    return withSubcommands(List.of(named));
                }
                break;
            }
        }
        return newCommandLine();
    }

    private static CommandLine withSubcommands(Collection<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new CtscopeCommand());
        for (Class<?> c : subcommands) {
            cl.addSubcommand(c);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setOut(ReportOutput.of(new java.io.FileOutputStream(java.io.FileDescriptor.out)));
        return cl;
    }
}
