package io.ctscope.cli;

import io.ctscope.analysis.table.SnapshotInputs;
import io.ctscope.ingest.io.InputSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * When each input was taken, for the list of dump snapshots, when its lines do not say: a file's
 * modification time; for /proc (and other live streams that are not stdin) the moment it is read, which
 * is when the kernel prints the table; nothing for standard input (it may be an old capture).
 */
final class InputTimes {
    private InputTimes() {
    }

    static SnapshotInputs of(List<String> names, Clock clock) {
        SnapshotInputs inputs = new SnapshotInputs();
        for (int i = 0; i < names.size(); i++) {
            describe(inputs, i, names.get(i), clock);
        }
        return inputs;
    }

    /** Describes source id {@code id}, named {@code name}: its modification time, or now for /proc. */
    static void describe(SnapshotInputs inputs, int id, String name, Clock clock) {
        InputSource source = new InputSource(name);
        if (source.isStdin() || !java.nio.file.Files.exists(source.path())) {
            inputs.set(id, name, -1, null);
        } else if (source.isStream()) {
            inputs.set(id, name, clock.instant().toEpochMilli() * 1000, SnapshotInputs.READ_TIME);
        } else {
            inputs.set(id, name, mtimeMicros(source.path()), SnapshotInputs.FILE_MTIME);
        }
    }

    private static long mtimeMicros(Path p) {
        try {
            return Files.getLastModifiedTime(p).to(java.util.concurrent.TimeUnit.MICROSECONDS);
        } catch (IOException e) {
            return -1;
        }
    }
}
