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
        try {
            Files.writeString(file, ReportHtml.render(report), StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("ctscope report: cannot write " + file + ": " + reason(e));
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
