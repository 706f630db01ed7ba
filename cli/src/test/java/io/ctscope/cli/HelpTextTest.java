package io.ctscope.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The help texts read as an operator reads them in an 80-column terminal, and {@code --version}. */
class HelpTextTest {
    static final List<List<String>> HELP_PAGES = List.of(
        List.of("--help"), List.of("report", "--help"), List.of("ingest", "--help"));

    private static String help(List<String> args) {
        CliRun run = CliRun.run(args.toArray(new String[0]));
        assertEquals(0, run.exitCode, run.err);
        return run.out;
    }

    @Test
    void shouldFitEightyColumns() {
        for (List<String> page : HELP_PAGES) {
            for (String line : help(page).split("\n")) {
                assertTrue(line.length() <= 80, page + ": " + line.length() + " columns: " + line);
            }
        }
    }

    /** A paragraph wrapped by the program fills its lines; a short line inside one is a hard break. */
    @Test
    void shouldWrapParagraphsWithoutHardLineBreaks() {
        for (List<String> page : HELP_PAGES) {
            String[] lines = help(page).split("\n");
            for (int i = 0; i + 1 < lines.length; i++) {
                String line = lines[i];
                String next = lines[i + 1];
                boolean prose = !line.isBlank() && !line.startsWith(" ") && !line.startsWith("Usage:") && !line.endsWith(":");
                if (prose && !next.isBlank() && !next.startsWith(" ")) {
                    assertTrue(line.length() >= 60, page + ": line " + (i + 1) + " is broken early: \"" + line + "\" / \"" + next + "\"");
                }
            }
        }
    }

    @Test
    void shouldListEachCommandWithAWholeSentence() {
        String top = help(List.of("--help"));
        String commands = top.substring(top.indexOf("Commands:\n") + "Commands:\n".length());
        commands = commands.substring(0, commands.indexOf("\n\n"));
        List<String> entries = new ArrayList<>();
        for (String line : commands.split("\n")) {
            if (line.startsWith("            ")) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.trim());
            } else {
                entries.add(line.trim());
            }
        }
        assertTrue(entries.size() >= 3, commands);
        for (String e : entries) {
            assertTrue(e.endsWith(".") || e.endsWith("?"), "cut mid-sentence: " + e);
        }
    }

    /** Every dotted section path the report help names is whole on its line and is a table the CSV renderer knows. */
    @Test
    void shouldNameCsvSectionsWholeAndOnlyExistingOnes() {
        String report = help(List.of("report", "--help"));
        Matcher broken = Pattern.compile("[a-z_]\\.\\n\\s+[a-z_]").matcher(report);
        assertTrue(!broken.find(), "a dotted path split across lines: " + (broken.find(0) ? broken.group() : ""));
        String block = report.substring(report.indexOf("CSV sections ("), report.indexOf("Examples:"));
        Matcher path = Pattern.compile("\\b[a-z_]+(\\.[A-Za-z_]+)+\\b").matcher(block);
        Path events = LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt");
        int n = 0;
        while (path.find()) {
            CliRun run = CliRun.run("report", "--format", "csv", "--section", path.group(), events.toString());
            assertEquals(0, run.exitCode, path.group() + ": " + run.err);
            n++;
        }
        assertTrue(n >= 10, block);
    }

    @Test
    void shouldExplainACommandThroughTheHelpCommand() {
        CliRun run = CliRun.run("help", "report");
        assertEquals(0, run.exitCode, run.err);
        assertEquals(help(List.of("report", "--help")), run.out);
        assertEquals(help(List.of("ingest", "--help")), CliRun.run("help", "ingest").out);
    }

    /** The version from the pom and the commit git names for the checkout the tests were built from. */
    @Test
    void shouldPrintTheVersionAndTheCommitOfTheBuild() throws IOException, InterruptedException {
        Path root = LabPrerequisites.repoRoot();
        String pom = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher v = Pattern.compile("<artifactId>ctscope-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(v.find(), "no version in pom.xml");
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").directory(root.toFile()).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(git.waitFor(30, TimeUnit.SECONDS));
        for (String flag : List.of("--version", "-V")) {
            CliRun run = CliRun.run(flag);
            assertEquals(0, run.exitCode, run.err);
            String version = run.out.trim();
            assertTrue(version.startsWith("ctscope " + v.group(1) + " (commit "), version);
            if (git.exitValue() == 0) {
                assertTrue(version.contains("(commit " + head) || version.contains("-g" + head), version + " vs HEAD " + head);
            }
        }
    }
}
