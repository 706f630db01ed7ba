package io.ctscope.cli;

import io.ctscope.analysis.ReportOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --analyzers N}: over how many threads the report's flow analyzers are split by flow key. */
final class AnalyzerShards {
    /** Beyond this the ordered stage, which sees every block, is the limit anyway. */
    static final int MAX = 64;
    /** The default never goes past this many shards, whatever the core count. */
    static final int DEFAULT_CAP = 8;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    int analyzers;

    @Option(names = "--analyzers", paramLabel = "N", defaultValue = "${sys:ctscope.analyzers:-0}",
        description = "Analyzer threads, 1 to 64: flows are split over them by flow key and their results"
            + " merged, the report is the same (default: half the cores, at most 8). --strict and"
            + " --status UNREPLIED use one.")
    void analyzers(int n) {
        if (n < 0 || n > MAX) {
            throw new ParameterException(mixee.commandLine(),
                "--analyzers " + n + ": give 1 to " + MAX + " analyzer threads (or leave it out: half the cores)");
        }
        analyzers = n;
    }

    /** Whether the operator chose a number. */
    boolean given() {
        return analyzers > 0;
    }

    /** Shards for this report: 1 where the analysis cannot be split (strict stop, records held per flow). */
    int count(ReportOptions options, boolean strict) {
        if (strict || options.neverReplied) {
            return 1;
        }
        return analyzers > 0 ? analyzers : defaultCount();
    }

    static int defaultCount() {
        return Math.max(1, Math.min(DEFAULT_CAP, Runtime.getRuntime().availableProcessors() / 2));
    }
}
