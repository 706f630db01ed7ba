package io.ctscope.ingest.live;

import java.io.IOException;
import java.io.InputStream;

/**
 * A piped stream (standard input: {@code conntrack -E | ctscope live -}). Stopping abandons the read
 * in progress (a thread blocked reading a pipe cannot be woken); what was read before is kept.
 */
public final class StreamSource implements LiveSource {
    private final InputStream in;
    private final LiveFeed feed;
    private final SourceEvents events;

    public StreamSource(InputStream in, LiveFeed feed, SourceEvents events) {
        this.in = in;
        this.feed = feed;
        this.events = events;
    }

    @Override
    public void start() {
        LiveSource.startThread("ctscope-stdin", () -> {
            try {
                new LineCopier(feed).copy(in);
            } catch (IOException e) {
                events.onMessage(feed.name() + ": read error: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                feed.producersDone();
            }
        });
    }

    @Override
    public void stop() {
        feed.abandon();
    }
}
