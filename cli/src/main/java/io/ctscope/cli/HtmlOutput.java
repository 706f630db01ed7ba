package io.ctscope.cli;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.html.ReportHtml;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --html FILE}: writes the report's HTML page, or says in one line why it could not. */
final class HtmlOutput {
    private HtmlOutput() {
    }

    /** True when the page was written. */
    static boolean write(Report report, Path file, PrintWriter err) {
        return write(report, ReportHtml::render, file, err, "report");
    }

    /** The page {@code page} draws of the report of {@code command}; true when it was written. */
    static boolean write(Report report, java.util.function.Function<Report, String> page, Path file, PrintWriter err, String command) {
        try {
            Files.writeString(file, page.apply(report), StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("ctscope " + command + ": cannot write " + file + ": " + reason(e));
            return false;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return String.valueOf(e.getMessage());
    }
}
