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
 */
public final class FollowedFile implements LiveSource, Runnable {
    private final Path path;
    private final LiveFeed feed;
    private final LiveClock clock;
    private final long pollNanos;
    private final SourceEvents events;
    private final LineCopier copier;
    private volatile boolean stopping;
    private volatile Thread thread;

    public FollowedFile(Path path, LiveFeed feed, LiveClock clock, long pollNanos, SourceEvents events) {
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
                    ch.position(0);
                    events.onMessage(path + ": truncated; reading it again from its start");
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
