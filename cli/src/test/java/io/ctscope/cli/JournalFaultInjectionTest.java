package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Kills {@code ingest} processes (SIGKILL) at random points while two of them write one journal and the log
 * is rotated between rounds (rename and copytruncate), then lets one run finish: the journal must hold exactly
 * the records written, each once. Bounded: a fixed number of rounds, each process waited for at most a minute.
 * A failure prints its seed; {@code -Dctscope.test.seed=N} replays its rotations and line counts (not the
 * kill instants, which depend on the machine's speed).
 */
class JournalFaultInjectionTest {
    private static final int ROUNDS = 8;
    /** Rotated generations kept (logrotate's rotate 4): the next rotation deletes the oldest. */
    private static final int KEEP = 4;

    @TempDir
    Path dir;

    private final UniqueEvents events = new UniqueEvents();

    private void write(Path f, int lines) throws IOException {
        events.appendNew(f, lines);
    }

    private static String[] ingestArgs(Path live, Path queue) throws IOException {
        List<String> args = new ArrayList<>(List.of("ingest", "--queue", queue.toString()));
        for (Path p : LogRotation.generations(live)) {
            args.add(p.toString());
        }
        return args.toArray(new String[0]);
    }

    @Test
    void killedConcurrentWritersAcrossRotationsLeaveEachRecordJournaledOnce() throws Exception {
        long seed = Long.getLong("ctscope.test.seed", System.nanoTime());
        Random random = new Random(seed);
        int roundsSinceAFinishedRun = 0;
        StringBuilder failures = new StringBuilder();
        Path live = Files.createDirectories(dir.resolve("logs")).resolve("events.log");
        Path queue = dir.resolve("q");
        for (int round = 0; round < ROUNDS; round++) {
            write(live, 20_000 + random.nextInt(40_000));
            Path logA = dir.resolve("a" + round + ".log");
            Path logB = dir.resolve("b" + round + ".log");
            Process a = IngestProcess.start(logA, ingestArgs(live, queue));
            Process b = IngestProcess.start(logB, ingestArgs(live, queue));
            // kill at a random point: during start-up, the registry's updates, the pipeline, or the checkpoints
            a.waitFor(random.nextInt(2500), TimeUnit.MILLISECONDS);
            a.destroyForcibly();
            boolean killB = random.nextBoolean();
            if (killB) {
                b.waitFor(random.nextInt(2500), TimeUnit.MILLISECONDS);
                b.destroyForcibly();
            }
            a.waitFor(60, TimeUnit.SECONDS);
            int bExit = IngestProcess.finish(b, logB, 60);
            if (!killB && bExit != 0) {
                // not a journaling error (nothing may be lost or doubled, which the end checks), but say what it was
                failures.append("round ").append(round).append(": exit ").append(bExit).append(": ")
                    .append(Files.readString(logB)).append('\n');
            }
            roundsSinceAFinishedRun = !killB && bExit == 0 ? 0 : roundsSinceAFinishedRun + 1;
            // a generation is deleted KEEP + 1 rotations after it was made: by then a run must have read it to its
            // end, or its lines are lost before any reader could see them (no tool could journal them)
            if (roundsSinceAFinishedRun >= KEEP - 1) {
                runToItsEnd(live, queue, "c" + round, seed, failures);
                roundsSinceAFinishedRun = 0;
            }
            write(live, 1000 + random.nextInt(5000));
            switch (random.nextInt(3)) {
                case 0 -> { // logrotate's default: rename, then a new file; the old one is still written until HUP
                    LogRotation.byRename(live, KEEP);
                    write(LogRotation.generation(live, 1), 200);
                    write(live, 500);
                }
                case 1 -> {
                    LogRotation.byCopytruncate(live, KEEP);
                    write(live, 500);
                }
                default -> {
                }
            }
        }
        runToItsEnd(live, queue, "last", seed, failures);
        try {
            events.assertJournalHoldsExactlyWhatWasWritten(queue);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n" + failures, e);
        }
    }

    /**
     * One ingest alone, to its end. Seen at load 20-28 on 2 cores (3 times in some 20 runs, never on a quiet
     * machine): a run alone failed to open the journal, Chronicle "Unable to claim exclusive lock" on
     * metadata.cq4t after its 10 s wait, exit 1, nothing written; the next run went on. Up to three tries,
     * each failure kept for the report; the journal's contents are what this test checks.
     */
    private void runToItsEnd(Path live, Path queue, String name, long seed, StringBuilder failures) throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            Path log = dir.resolve(name + "-" + attempt + ".log");
            int exit = IngestProcess.finish(IngestProcess.start(log, ingestArgs(live, queue)), log, 300);
            if (exit == 0) {
                return;
            }
            failures.append(name).append(" try ").append(attempt).append(": exit ").append(exit).append(": ")
                .append(Files.readString(log)).append("/proc/locks:\n").append(Files.readString(Path.of("/proc/locks")))
                .append('\n');
        }
        throw new AssertionError("seed " + seed + ": " + name + " failed three times\n" + failures);
    }
}
