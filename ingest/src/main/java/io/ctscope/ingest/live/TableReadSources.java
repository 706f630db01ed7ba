package io.ctscope.ingest.live;

import java.io.IOException;

/**
 * The journal source each table read goes in as ({@link FeedSegment}). The journal keeps records only,
 * not conntrack's summary line that ends a read on the live path, so two reads with no event between
 * them would replay as one; {@link #alternating} journals successive reads under two sources in turn,
 * so every read is a run of entries of its own source and a replay tells each read from the next.
 */
public interface TableReadSources {
    /** The read about to be written into {@code feed} (under its exclusive lock) begins. */
    void begin(LiveFeed feed) throws IOException;

    /** The read just written held {@code bytes} bytes in {@code lines} lines; the feed's own lines follow. */
    void end(LiveFeed feed, long bytes, long lines);

    /** Reads stay the feed's own lines (no journal to tell them apart in). */
    TableReadSources FEED = new TableReadSources() {
        @Override
        public void begin(LiveFeed feed) {
        }

        @Override
        public void end(LiveFeed feed, long bytes, long lines) {
        }
    };

    /** A new journal source (id) for table reads, e.g. {@code SourceRegistry::registerStream}. */
    @FunctionalInterface
    interface NewSource {
        int newSource() throws IOException;
    }

    /**
     * Two sources taken from {@code sources} at the first two reads, used in turn; each continues its own
     * offsets and line numbers, so the journal's checkpoints of either never go back.
     */
    static TableReadSources alternating(NewSource sources) {
        return new TableReadSources() {
            private final int[] ids = new int[2];
            private final long[] offsets = new long[2];
            private final long[] lineCounts = new long[2];
            private int turn;

            @Override
            public void begin(LiveFeed feed) throws IOException {
                if (ids[turn] == 0) {
                    ids[turn] = sources.newSource();
                }
                feed.beginSegment(ids[turn], offsets[turn], lineCounts[turn] + 1);
            }

            @Override
            public void end(LiveFeed feed, long bytes, long lines) {
                offsets[turn] += bytes;
                lineCounts[turn] += lines;
                feed.beginSegment(FeedSegment.FEED, 0, 1);
                turn ^= 1;
            }
        };
    }
}
