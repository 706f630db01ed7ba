package io.ctscope.ingest.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where {@code --follow} reads each generation of a followed file from, and under which journal source:
 * the journal's answer ({@link JournaledGenerations}) continues a file exactly after its last journaled
 * line, on a restart too; {@link #FROM_START} reads every generation whole, as the feed's own lines.
 */
public interface FollowedGenerations {
    /** Reads from {@code offset} of {@code file}, its line {@code firstLine} on, as journal source {@code sourceId}. */
    record Start(Path file, int sourceId, long offset, long firstLine, String note) {
        /** Not to be read: only its note said (a generation live cannot read, e.g. compressed). */
        public boolean notRead() {
            return sourceId == NOT_READ;
        }
    }

    /** The source id of a {@link Start} that is only a note. */
    int NOT_READ = Integer.MIN_VALUE;

    /** The file now at the followed path, just opened. */
    Start begin(Path file) throws IOException;

    /** The followed file was truncated in place: what it holds now is new, from its start. */
    Start truncated(Path file) throws IOException;

    /**
     * Earlier generations of the followed file that were rotated away while nothing followed them and
     * still hold lines not journaled, oldest first: read their rest before the file at the path (those
     * that are {@link Start#notRead()} only said).
     */
    List<Start> leftovers(Path followed) throws IOException;

    FollowedGenerations FROM_START = new FollowedGenerations() {
        @Override
        public Start begin(Path file) {
            return new Start(file, FeedSegment.FEED, 0, 1, null);
        }

        @Override
        public Start truncated(Path file) {
            return begin(file);
        }

        @Override
        public List<Start> leftovers(Path followed) {
            return List.of();
        }
    };
}
