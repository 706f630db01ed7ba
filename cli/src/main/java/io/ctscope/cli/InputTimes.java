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
        for (String name : names) {
            InputSource source = new InputSource(name);
            if (source.isStdin()) {
                inputs.add(name, -1, null);
            } else if (source.isStream()) {
                inputs.add(name, clock.instant().toEpochMilli() * 1000, SnapshotInputs.READ_TIME);
            } else {
                inputs.add(name, mtimeMicros(source.path()), SnapshotInputs.FILE_MTIME);
            }
        }
        return inputs;
    }

    private static long mtimeMicros(Path p) {
        try {
            return Files.getLastModifiedTime(p).to(java.util.concurrent.TimeUnit.MICROSECONDS);
        } catch (IOException e) {
            return -1;
        }
    }
}
