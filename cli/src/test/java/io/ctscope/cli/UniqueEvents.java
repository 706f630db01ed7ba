package io.ctscope.cli;

import io.ctscope.ingest.journal.JournalReader;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Event lines that each carry a unique conntrack id (and a timestamp and source port derived from it), so a
 * journal can be compared with what was written record by record: every id written is journaled exactly once,
 * with its own timestamp and port, and nothing else is.
 */
final class UniqueEvents {
    private static final long BASE_SECONDS = 1_700_000_000L;

    /** What the test wrote: id → times written (should be 1 each). */
    private final Map<Long, Integer> written = new TreeMap<>();
    private long nextId = 1;

    /** Appends {@code count} lines with ids never written before to {@code file}. */
    void appendNew(Path file, int count) throws IOException {
        append(file, nextId, count);
        nextId += count;
    }

    static String line(long id) {
        long us = id * 1_000;
        int a = (int) (id >> 8 & 0xff);
        int b = (int) (id & 0xff);
        int sport = port(id);
        return "[" + (BASE_SECONDS + us / 1_000_000) + "." + String.format("%06d", us % 1_000_000) + "]\t    [NEW] ipv4"
            + "     2 udp      17 30 src=10.1." + a + "." + b + " dst=10.2.0.1 sport=" + sport + " dport=53 [UNREPLIED]"
            + " src=10.2.0.1 dst=10.1." + a + "." + b + " sport=53 dport=" + sport + " id=" + id;
    }

    static int port(long id) {
        return 1024 + (int) (id % 60_000);
    }

    static long timestampMicros(long id) {
        return BASE_SECONDS * 1_000_000 + id * 1_000;
    }

    /** Appends lines for ids {@code from} .. {@code from + count - 1} to {@code file} (created if missing). */
    void append(Path file, long from, int count) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
            for (long id = from; id < from + count; id++) {
                w.write(line(id));
                w.write('\n');
                written.merge(id, 1, Integer::sum);
            }
        }
    }

    long count() {
        return written.size();
    }

    /** Asserts the journal holds exactly the records written, each once, each with the fields of its line. */
    void assertJournalHoldsExactlyWhatWasWritten(Path queue) {
        Map<Long, Integer> journaled = new HashMap<>();
        try (JournalReader reader = new JournalReader(queue)) {
            reader.replay(r -> {
                journaled.merge(r.id, 1, Integer::sum);
                assertEquals(timestampMicros(r.id), r.timestampMicros, "timestamp of id " + r.id);
                assertEquals(port(r.id), r.orig.sport, "sport of id " + r.id);
            });
        }
        Map<Long, Integer> duplicates = new TreeMap<>();
        journaled.forEach((id, n) -> {
            if (n != 1) {
                duplicates.put(id, n);
            }
        });
        Map<Long, Integer> missing = new TreeMap<>(written);
        missing.keySet().removeAll(journaled.keySet());
        Map<Long, Integer> extra = new TreeMap<>(journaled);
        extra.keySet().removeAll(written.keySet());
        assertEquals("", summary("duplicated", duplicates) + summary("missing", missing) + summary("never written", extra),
            "journal vs. the " + written.size() + " records written (" + journaled.size() + " distinct journaled)");
    }

    private static String summary(String what, Map<Long, Integer> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        return ids.size() + " " + what + " (first ids " + ids.keySet().stream().limit(5).toList() + "); ";
    }
}
