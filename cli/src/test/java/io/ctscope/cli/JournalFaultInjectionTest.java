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
 */
class JournalFaultInjectionTest {
    private static final int ROUNDS = 8;

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
        long seed = System.nanoTime();
        Random random = new Random(seed);
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
            if (random.nextBoolean()) {
                b.waitFor(random.nextInt(2500), TimeUnit.MILLISECONDS);
                b.destroyForcibly();
            }
            a.waitFor(60, TimeUnit.SECONDS);
            IngestProcess.finish(b, logB, 60);
            write(live, 1000 + random.nextInt(5000));
            switch (random.nextInt(3)) {
                case 0 -> { // logrotate's default: rename, then a new file; the old one is still written until HUP
                    LogRotation.byRename(live, 4);
                    write(LogRotation.generation(live, 1), 200);
                    write(live, 500);
                }
                case 1 -> {
                    LogRotation.byCopytruncate(live, 4);
                    write(live, 500);
                }
                default -> {
                }
            }
        }
        Path last = dir.resolve("last.log");
        Process finish = IngestProcess.start(last, ingestArgs(live, queue));
        assertEquals(0, IngestProcess.finish(finish, last, 300), "seed " + seed + "\n" + Files.readString(last));
        try {
            events.assertJournalHoldsExactlyWhatWasWritten(queue);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }
}
