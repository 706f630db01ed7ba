package io.ctscope.ingest.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each step waits for the follower by reading the lines it must produce from the feed (no sleeps). */
class FollowedFileTest {
    @TempDir
    Path dir;

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final LiveFeed feed = new LiveFeed("f", LiveClock.SYSTEM);
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    @Test
    void shouldFollowAFileThroughRenameRotationAndTruncation() throws Exception {
        Path f = dir.resolve("events.txt");
        Files.writeString(f, "A1\nA2\nA3-part");
        FollowedFile follower = new FollowedFile(f, feed, LiveClock.SYSTEM, 2_000_000L, messages::add);
        follower.start();
        assertEquals(List.of("A1", "A2"), read(2));

        append(f, "ial\nA4\n");
        assertEquals(List.of("A3-partial", "A4"), read(2), "a partial line waits for its newline");

        Path rotated = dir.resolve("events.txt.1");
        Files.move(f, rotated);
        append(rotated, "A5\n");
        Files.writeString(f, "B1\nB2\nB3\nB4\n");
        assertEquals(List.of("A5", "B1", "B2", "B3", "B4"), read(5), "the old file to its end, then the new one");
        assertTrue(messages.contains(f + ": rotated; reading the new file from its start"), messages.toString());

        Files.writeString(f, "C1\n", StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(List.of("C1"), read(1));
        assertTrue(messages.contains(f + ": truncated; reading it again from its start"), messages.toString());

        follower.stop();
        assertEquals(-1, feed.read(new byte[8], 0, 8), "the feed ends when the follower stops");
    }

    /**
     * Under a journal each generation is a source of its own: its lines carry its id, its own line numbers
     * and byte offsets (the journal's resume points are the file's); a truncated file is a new source.
     */
    @Test
    void shouldMarkEachGenerationAsAJournalSourceOfItsOwn() throws Exception {
        Path f = dir.resolve("events.txt");
        Files.writeString(f, "A1\nA2\n");
        try (io.ctscope.ingest.journal.SourceRegistry registry = io.ctscope.ingest.journal.SourceRegistry.open(dir.resolve("q"))) {
            SegmentCursor cursor = feed.segments();
            FollowedFile follower = new FollowedFile(f, feed, LiveClock.SYSTEM, 2_000_000L, messages::add,
                new JournaledGenerations(registry));
            follower.start();
            List<String> seen = new ArrayList<>();
            seen.addAll(translated(cursor, 2));
            Path rotated = dir.resolve("events.txt.1");
            Files.move(f, rotated);
            append(rotated, "A3\n");
            Files.writeString(f, "B1\nB2\n");
            seen.addAll(translated(cursor, 3));
            Files.writeString(f, "C1\n", StandardOpenOption.TRUNCATE_EXISTING);
            seen.addAll(translated(cursor, 1));
            follower.stop();

            int a = registry.register(rotated);
            int b = registry.sources().get(1).id();
            int c = registry.sources().get(2).id();
            assertEquals(3, registry.sources().size(), registry.sources().toString());
            assertEquals(List.of(a + ":1@0 A1", a + ":2@3 A2", a + ":3@6 A3", b + ":1@0 B1", b + ":2@3 B2", c + ":1@0 C1"), seen);
            assertTrue(a != b && b != c && a != c && a > 0);
        }
    }

    /** The next {@code n} lines as {@code source:line@offset text}, through the cursor as the journal sees them. */
    private List<String> translated(SegmentCursor cursor, int n) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : read(n)) {
            long start = feedOffset;
            feedOffset += line.length() + 1;
            feedLine++;
            int source = cursor.at(feedOffset, feedLine);
            out.add(source + ":" + cursor.line(feedLine) + "@" + cursor.offset(start) + " " + line);
        }
        return out;
    }

    private long feedOffset;
    private long feedLine;

    private static void append(Path p, String s) throws IOException {
        Files.writeString(p, s, StandardOpenOption.APPEND);
    }

    private List<String> read(int n) throws IOException {
        List<String> lines = new ArrayList<>();
        byte[] buf = new byte[1];
        while (lines.size() < n && feed.read(buf, 0, 1) > 0) {
            if (buf[0] == '\n') {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            } else {
                partial.write(buf[0]);
            }
        }
        return lines;
    }
}
