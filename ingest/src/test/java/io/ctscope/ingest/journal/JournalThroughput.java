package io.ctscope.ingest.journal;

import io.ctscope.ingest.record.ConntrackRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A quick local look at journal append and replay rates on corpus records (not a test, not a benchmark of
 * record: JMH in the bench module is). Run with the test class path and Chronicle's JVM flags:
 * {@code java <flags> -cp ... io.ctscope.ingest.journal.JournalThroughput [records] [dir]}.
 */
public final class JournalThroughput {
    private JournalThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("ctscope-journal-rate");
        List<ConntrackRecord> corpus = JournalTestRecords.corpusRecords();
        ConntrackRecord[] records = corpus.toArray(new ConntrackRecord[0]);
        for (int round = 0; round < 3; round++) {
            Path d = dir.resolve("round" + round);
            long t0 = System.nanoTime();
            try (JournalWriter w = new JournalWriter(d)) {
                for (long i = 0; i < n; i++) {
                    ConntrackRecord r = records[(int) (i % records.length)];
                    w.append(r, i);
                }
            }
            long t1 = System.nanoTime();
            long[] sum = {0};
            long read;
            try (JournalReader reader = new JournalReader(d)) {
                read = reader.replay(r -> sum[0] += r.line);
            }
            long t2 = System.nanoTime();
            System.out.printf("round %d: append %,d records in %.2f s = %,.0f records/s; replay %,d in %.2f s = %,.0f records/s (%d)%n",
                round, n, (t1 - t0) / 1e9, n / ((t1 - t0) / 1e9), read, (t2 - t1) / 1e9, read / ((t2 - t1) / 1e9), sum[0]);
            try (var files = Files.walk(d)) {
                long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                System.out.printf("  queue files: %,d bytes (%.0f bytes/record, files are preallocated)%n", bytes, (double) bytes / n);
            }
            deleteRecursively(d);
        }
    }

    private static void deleteRecursively(Path d) throws java.io.IOException {
        try (var files = Files.walk(d)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
