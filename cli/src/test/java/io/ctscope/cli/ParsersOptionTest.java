package io.ctscope.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --parsers is bounded by the ring (64 slots): more threads could never run at once. */
class ParsersOptionTest {
    private static final String EVENTS = LabPrerequisites.repoRoot()
        .resolve(Path.of("samples", "lab", "recorded", "events-timestamp-extended-id.txt")).toString();

    @Test
    void parsersOutsideOneTo64AreAUsageError() {
        for (String n : new String[] {"65", "100000", "-3"}) {
            CliRun r = CliRun.run("report", "--parsers", n, EVENTS);
            assertEquals(2, r.exitCode, n + ": " + r.err);
            assertTrue(r.err.startsWith("--parsers " + n + ": give 1 to 64 parse threads"), r.err);
            CliRun i = CliRun.run("ingest", "--queue", "/nonexistent/never-created", "--parsers", n, EVENTS);
            assertEquals(2, i.exitCode, n + ": " + i.err);
        }
        assertEquals(0, CliRun.run("report", "--parsers", "64", EVENTS).exitCode);
        assertEquals(0, CliRun.run("report", "--parsers", "1", EVENTS).exitCode);
    }
}
