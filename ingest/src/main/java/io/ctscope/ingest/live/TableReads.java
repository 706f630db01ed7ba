package io.ctscope.ingest.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads the conntrack table into the feed: once the event listener has subscribed (in the other order a
 * flow created between the read and the subscription is never seen), then every {@code everyNanos}
 * (0: once). The table comes from {@code conntrack -L -o extended,id}: {@code /proc/net/nf_conntrack}
 * prints no conntrack id, so its entries could not be matched with the events' ids. Each read is spooled
 * to a file first and then written into the feed as one uninterrupted run of lines, so events wait for a
 * file copy, not for the kernel's dump; it is journaled like every other line, under the source
 * {@link TableReadSources} gives it, so a replay of the journal tells back-to-back reads apart.
 */
public final class TableReads implements Runnable {
    private static final long SUBSCRIBE_POLL_NANOS = 20_000_000L;
    private static final long SUBSCRIBE_WAIT_NANOS = 10_000_000_000L;

    private final List<String> command;
    private final ProcessStarter starter;
    private final LiveFeed feed;
    private final LiveClock clock;
    private final long everyNanos;
    private final BooleanSupplier subscribed;
    private final SourceEvents events;
    private final Runnable onRead;
    private final TableReadSources sources;
    private volatile boolean stopping;
    private volatile Thread thread;

    public TableReads(List<String> command, ProcessStarter starter, LiveFeed feed, LiveClock clock, long everyNanos,
                      BooleanSupplier subscribed, SourceEvents events, Runnable onRead) {
        this(command, starter, feed, clock, everyNanos, subscribed, events, onRead, TableReadSources.FEED);
    }

    public TableReads(List<String> command, ProcessStarter starter, LiveFeed feed, LiveClock clock, long everyNanos,
                      BooleanSupplier subscribed, SourceEvents events, Runnable onRead, TableReadSources sources) {
        this.sources = sources;
        this.command = List.copyOf(command);
        this.starter = starter;
        this.feed = feed;
        this.clock = clock;
        this.everyNanos = everyNanos;
        this.subscribed = subscribed;
        this.events = events;
        this.onRead = onRead;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            long waited = 0;
            while (!stopping && !subscribed.getAsBoolean()) {
                if (waited >= SUBSCRIBE_WAIT_NANOS) {
                    events.onMessage("the event listener has not subscribed after 10 s; reading the table anyway");
                    break;
                }
                clock.sleepNanos(SUBSCRIBE_POLL_NANOS);
                waited += SUBSCRIBE_POLL_NANOS;
            }
            while (!stopping) {
                readOnce();
                if (everyNanos <= 0) {
                    return;
                }
                clock.sleepNanos(everyNanos);
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    /** One read of the table into the feed. */
    void readOnce() throws InterruptedException {
        Path spool = null;
        try {
            spool = Files.createTempFile("ctscope-table", ".txt");
            Process p = starter.start(command);
            p.getOutputStream().close();
            try (InputStream out = p.getInputStream()) {
                Files.copy(out, spool, StandardCopyOption.REPLACE_EXISTING);
            }
            String stderr = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            int status = p.waitFor();
            if (status != 0) {
                events.onMessage("table read (" + String.join(" ", command) + ") failed, status " + status + ": "
                    + ConntrackStderr.escape(stderr));
                return;
            }
            Path file = spool;
            InterruptedException[] interrupted = {null};
            feed.exclusive(() -> {
                long before = feed.publishedBytes();
                long lines = 0;
                try (LineCounter in = new LineCounter(Files.newInputStream(file))) {
                    sources.begin(feed);
                    LineCopier copier = new LineCopier(feed);
                    copier.copy(in);
                    lines = in.lines();
                    String summary = lastLine(stderr);
                    if (ConntrackStderr.classify(summary) == ConntrackStderr.SUMMARY) {
                        byte[] b = (summary + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        feed.writeLines(b, 0, b.length);
                        lines++;
                    }
                } catch (IOException e) {
                    events.onMessage("table read: " + e.getMessage());
                } catch (InterruptedException e) {
                    interrupted[0] = e;
                } finally {
                    sources.end(feed, feed.publishedBytes() - before, lines);
                }
            });
            if (interrupted[0] != null) {
                throw interrupted[0];
            }
            onRead.run();
        } catch (IOException e) {
            events.onMessage("table read (" + String.join(" ", command) + ") could not run: " + e.getMessage());
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    /** Counts the lines read through it; a last line without its newline counts too (the copier ends it). */
    private static final class LineCounter extends java.io.FilterInputStream {
        private long newlines;
        private int last = '\n';

        LineCounter(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            for (int i = off; i < off + n; i++) {
                if (b[i] == '\n') {
                    newlines++;
                }
            }
            if (n > 0) {
                last = b[off + n - 1];
            }
            return n;
        }

        long lines() {
            return newlines + (last == '\n' ? 0 : 1);
        }
    }

    private static String lastLine(String text) {
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? text : text.substring(nl + 1);
    }

    /** Stops between two reads; returns once a read in progress has been written whole. */
    public void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
