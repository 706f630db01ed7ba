package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a journal directory can be wrong is one line on stderr and exit 1, never a stack trace. */
class JournalMessagesTest {
    private static final Path EVENTS = LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt");

    @TempDir
    Path dir;

    private static void assertOneLine(String err, String expected) {
        assertTrue(err.contains(expected), err);
        assertEquals(1, err.lines().count(), "one line:\n" + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    }

    /** Both an ingest into {@code q} and a report from it fail with one line each. */
    private static void assertIngestAndReportFail(Path q, String ingestMessage, String reportMessage) {
        CliRun r = CliRun.run("ingest", "--queue", q.toString(), EVENTS.toString());
        assertEquals(1, r.exitCode);
        assertOneLine(r.err, ingestMessage);
        CliRun report = CliRun.run("report", "--queue", q.toString());
        assertEquals(1, report.exitCode);
        assertOneLine(report.err, reportMessage);
    }

    private Path journal() {
        Path q = dir.resolve("q");
        assertEquals(0, CliRun.run("ingest", "--queue", q.toString(), EVENTS.toString()).exitCode);
        return q;
    }

    @Test
    void aQueueNamingAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x\n");
        assertIngestAndReportFail(file, file + ": not a directory (--queue names the journal's directory)",
            file + ": not a ctscope journal");
    }

    @Test
    void aReadOnlyQueueAndAnUnwritableParent() throws Exception {
        RootMounts.requireRoot();
        Path q = journal();
        RootMounts.bindReadOnly(q);
        try {
            CliRun r = CliRun.run("ingest", "--queue", q.toString(), EVENTS.toString());
            assertEquals(1, r.exitCode);
            assertOneLine(r.err, q + ": cannot write the journal there: read-only file system");
            CliRun report = CliRun.run("report", "--format", "json", "--queue", q.toString());
            assertEquals(0, report.exitCode, report.err);
        } finally {
            RootMounts.unmount(q);
        }
        Path parent = Files.createDirectories(dir.resolve("ro"));
        RootMounts.tmpfs(parent, "ro,size=1m");
        try {
            CliRun r = CliRun.run("ingest", "--queue", parent.resolve("q").toString(), EVENTS.toString());
            assertEquals(1, r.exitCode);
            assertOneLine(r.err, "cannot create the journal directory " + parent.resolve("q") + ": read-only file system");
        } finally {
            RootMounts.unmount(parent);
        }
    }

    @Test
    void aNonAsciiNameUnderLangC() throws Exception {
        Path file = dir.resolve("\u00e9vents.txt");
        Files.copy(EVENTS, file);
        Map<String, String> env = new HashMap<>();
        env.put("LC_ALL", null);
        env.put("LC_CTYPE", null);
        env.put("LANG", "C");
        Path log = dir.resolve("ingest.log");
        Process p = IngestProcess.start(log, env, "ingest", "--queue", dir.resolve("q").toString(), file.toString());
        assertEquals(1, IngestProcess.finish(p, log, 120));
        assertOneLine(Files.readString(log), "the name cannot be used in this locale's character set (LANG/LC_ALL is C;");
        Path log2 = dir.resolve("queue.log");
        Process q = IngestProcess.start(log2, env, "ingest", "--queue", dir.resolve("\u00e9q").toString(), EVENTS.toString());
        assertEquals(1, IngestProcess.finish(q, log2, 120));
        assertOneLine(Files.readString(log2), "the name cannot be used in this locale's character set");
    }

    @Test
    void aDamagedInputsLedger() throws IOException {
        Path q = journal();
        Files.writeString(q.resolve("inputs.tsv"), "1\tevents\t-5\t0\t0\t0\tname\n", java.nio.file.StandardOpenOption.APPEND);
        assertIngestAndReportFail(q, q.resolve("inputs.tsv") + ":3: damaged entry: negative count -5",
            q.resolve("inputs.tsv") + ":3: damaged entry");
    }

    @Test
    void aDamagedQueueMetadataFile() throws IOException {
        Path q = journal();
        try (RandomAccessFile raf = new RandomAccessFile(q.resolve("metadata.cq4t").toFile(), "rw")) {
            raf.setLength(10);
        }
        assertIngestAndReportFail(q, q + ": cannot open the journal (its metadata.cq4t or cycle files are damaged or unreadable)",
            q + ": cannot open the journal");
    }
}
