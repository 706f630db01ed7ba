package io.ctscope.cli;

import io.ctscope.analysis.report.CsvRenderer;
import io.ctscope.analysis.report.JsonRenderer;
import io.ctscope.analysis.report.Report;
import picocli.CommandLine.Option;

import java.util.function.Function;

/** {@code --format} and {@code --section}: how a command prints its report tree. */
final class OutputOptions {
    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--section", paramLabel = "NAME",
        description = "With --format csv: the one table to print, as a dotted path into the JSON report"
            + " (report --help lists them; an unknown path lists the tables this report has).")
    String section;

    /** Throws IllegalArgumentException (a usage error) unless csv and --section come together. */
    void check() {
        if ((format == OutputFormat.csv) != (section != null)) {
            throw new IllegalArgumentException("--format csv prints one table: name it with --section NAME"
                + " (and --section needs --format csv)");
        }
    }

    /** The report as asked; {@code text} renders the text form. Throws IllegalArgumentException for an unknown section. */
    String render(Report report, Function<Report, String> text) {
        switch (format) {
            case json:
                return JsonRenderer.render(report);
            case csv:
                return CsvRenderer.render(report, section);
            default:
                return text.apply(report);
        }
    }
}
