package io.ctscope.ingest.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * {@code --follow FILE}: reads a growing capture from its start and keeps reading as it grows, like
 * {@code tail -F}. Rotation (the name now points at another file: rename + create) is handled by reading
 * the old file to its end first, then the new one from its start; truncation (the file got shorter than
 * what was read) by reading it again from its start. Either is told to the operator. A partial last
 * line waits for its newline; at a rotation it is ended, at a truncation dropped.
 *
 * <p>Each generation is read from where {@link FollowedGenerations} says and marked in the feed as a
 * {@link FeedSegment} of its own source, so the journal checkpoints it as a file: a restart on the same
 * queue continues after its last journaled line, and first reads the rest of a generation rotated away
 * while nothing followed it.
 */
public final class FollowedFile implements LiveSource, Runnable {
    private final Path path;
    private final LiveFeed feed;
    private final LiveClock clock;
    private final long pollNanos;
    private final SourceEvents events;
    private final FollowedGenerations generations;
    private final LineCopier copier;
    private volatile boolean stopping;
    private volatile Thread thread;

    public FollowedFile(Path path, LiveFeed feed, LiveClock clock, long pollNanos, SourceEvents events) {
        this(path, feed, clock, pollNanos, events, FollowedGenerations.FROM_START);
    }

    public FollowedFile(Path path, LiveFeed feed, LiveClock clock, long pollNanos, SourceEvents events,
                        FollowedGenerations generations) {
        this.generations = generations;
        this.path = path;
        this.feed = feed;
        this.clock = clock;
        this.pollNanos = pollNanos;
        this.events = events;
        this.copier = new LineCopier(feed);
    }

    @Override
    public void start() {
        thread = LiveSource.startThread("ctscope-follow", this);
    }

    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            for (FollowedGenerations.Start left : generations.leftovers(path)) {
                if (stopping) {
                    break;
                }
                if (left.notRead()) {
                    events.onMessage(left.note());
                    continue;
                }
                readRest(left);
            }
            FileChannel ch = null;
            Object key = null;
            while (!stopping) {
                if (ch == null) {
                    try {
                        ch = FileChannel.open(path, StandardOpenOption.READ);
                        key = fileKey(path);
                    } catch (NoSuchFileException e) {
                        clock.sleepNanos(pollNanos);
                        continue;
                    }
                    begin(ch, generations.begin(path));
                }
                InputStream in = Channels.newInputStream(ch);
                if (copier.readSome(in) > 0) {
                    continue;
                }
                Object now = currentKey();
                if (now != null && !Objects.equals(now, key)) {
                    while (copier.readSome(in) > 0) {
                        // the rest of the rotated file
                    }
                    copier.finishLine();
                    ch.close();
                    ch = null;
                    events.onMessage(path + ": rotated; reading the new file from its start");
                    continue;
                }
                if (ch.size() < ch.position()) {
                    copier.discardPartial();
                    events.onMessage(path + ": truncated; reading it again from its start");
                    begin(ch, generations.truncated(path));
                    continue;
                }
                clock.sleepNanos(pollNanos);
            }
            if (ch != null) {
                ch.close();
            }
        } catch (IOException e) {
            events.onMessage(path + ": read error: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feed.producersDone();
        }
    }

    /** Positions {@code ch} where {@code at} says and marks the lines that follow as its source's. */
    private void begin(FileChannel ch, FollowedGenerations.Start at) throws IOException {
        ch.position(at.offset());
        feed.beginSegment(at.sourceId(), at.offset(), at.firstLine());
        if (at.note() != null) {
            events.onMessage(at.note());
        }
    }

    /** Reads an earlier generation from where it was left to its end. */
    private void readRest(FollowedGenerations.Start at) throws IOException, InterruptedException {
        try (FileChannel ch = FileChannel.open(at.file(), StandardOpenOption.READ)) {
            begin(ch, at);
            InputStream in = Channels.newInputStream(ch);
            while (!stopping && copier.readSome(in) > 0) {
                // to its end
            }
            if (!stopping) {
                copier.finishLine();
            } else {
                copier.discardPartial();
            }
        }
    }

    private Object currentKey() {
        try {
            return fileKey(path);
        } catch (IOException e) {
            return null;
        }
    }

    private static Object fileKey(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }
}
