package io.ctscope.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** What logrotate does to a live log file, and the generations an operator names as {@code events.log*}. */
final class LogRotation {
    private LogRotation() {
    }

    /** The live file and its rotated generations, sorted, as {@code ingest events.log*} would name them. */
    static Path[] generations(Path live) throws IOException {
        try (Stream<Path> s = Files.list(live.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(live.getFileName().toString()))
                .sorted().toArray(Path[]::new);
        }
    }

    /** logrotate's default: events.log.N -> .N+1, events.log -> .1 (the caller writes the new events.log). */
    static void byRename(Path live, int keep) throws IOException {
        shiftOlder(live, keep);
        Files.move(live, generation(live, 1));
    }

    /** logrotate's copytruncate: older generations renamed, the live file copied to .1, then truncated in place. */
    static void byCopytruncate(Path live, int keep) throws IOException {
        shiftOlder(live, keep);
        Files.copy(live, generation(live, 1));
        try (RandomAccessFile raf = new RandomAccessFile(live.toFile(), "rw")) {
            raf.setLength(0);
        }
    }

    static Path generation(Path live, int n) {
        return live.resolveSibling(live.getFileName() + "." + n);
    }

    private static void shiftOlder(Path live, int keep) throws IOException {
        for (int n = keep; n >= 1; n--) {
            Path from = generation(live, n);
            if (Files.exists(from)) {
                Files.move(from, generation(live, n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
