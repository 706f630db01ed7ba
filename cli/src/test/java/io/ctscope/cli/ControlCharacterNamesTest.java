package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file name (or an input value) with ESC, BEL or a newline never reaches the terminal raw. */
class ControlCharacterNamesTest {
    private static final String NASTY = "ev\u001b]0;pwned\u0007\nctscope: forged.txt";
    private static final String ESCAPED = "ev\\e]0;pwned\\x07\\nctscope: forged.txt";
    private static final Path EVENTS = LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt");

    @TempDir
    Path dir;

    /** Only line ends; no other control character. */
    private static void assertNoControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertTrue(c == '\n' || !(c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)),
                "control character " + (int) c + " at " + i + " in:\n" + text);
        }
    }

    private Path nastyFile() throws IOException {
        Path f = dir.resolve(NASTY);
        Files.copy(EVENTS, f);
        Files.writeString(f, "a bad line with \u001b[31m in it\n", java.nio.file.StandardOpenOption.APPEND);
        return f;
    }

    @Test
    void badLineReportsAndTheTextReportEscapeTheName() throws IOException {
        Path f = nastyFile();
        CliRun r = CliRun.run("report", "--format", "text", f.toString());
        assertEquals(0, r.exitCode, r.err);
        assertNoControlCharacters(r.err);
        assertNoControlCharacters(r.out);
        assertTrue(r.err.contains(ESCAPED + ":1013: "), r.err);
        assertTrue(r.out.contains(ESCAPED), r.out);
        assertTrue(r.err.lines().noneMatch(l -> l.startsWith("ctscope: forged")), r.err);
    }

    @Test
    void ingestMessagesAndTheJournalsTextReportEscapeTheName() throws IOException {
        Path f = nastyFile();
        Path q = dir.resolve("q");
        CliRun first = CliRun.run("ingest", "--queue", q.toString(), f.toString(), f.toString());
        assertNoControlCharacters(first.err);
        assertTrue(first.err.contains(ESCAPED + ": the same file as ") && first.err.contains(ESCAPED + ", named before"), first.err);
        CliRun again = CliRun.run("ingest", "--queue", q.toString(), f.toString());
        assertNoControlCharacters(again.err);
        assertTrue(again.err.contains(ESCAPED + ": already journaled"), again.err);
        CliRun report = CliRun.run("report", "--format", "text", "--queue", q.toString());
        assertNoControlCharacters(report.out);
        assertTrue(report.out.contains(ESCAPED), report.out);
        CliRun json = CliRun.run("report", "--format", "json", "--queue", q.toString());
        assertTrue(json.out.contains("\\u001b") || json.out.contains("\\u001B"), "JSON escapes on its own terms:\n" + json.out);
    }
}
