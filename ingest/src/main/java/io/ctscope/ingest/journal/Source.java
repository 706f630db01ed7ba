package io.ctscope.ingest.journal;

import java.nio.file.Path;

/**
 * One input known to a journal, as the {@link SourceRegistry} last checkpointed it.
 *
 * @param id stable id, written into every record journaled from the input ({@code ConntrackRecord.source})
 * @param fileKey the file system's identity of the file (device and inode on Linux); {@code -} when the file
 *     system has none or the file no longer holds what was journaled from it; {@value #STREAM_KEY} for a
 *     stream (standard input), which is never matched again
 * @param fingerprint the first bytes of the file, when it was last recognised
 * @param path where the file was last seen: a hint, not its identity ({@code -} for standard input)
 * @param committedOffset byte offset just after the last line known to be journaled at the checkpoint
 * @param linesConsumed lines before {@code committedOffset} (journaled, skipped or rejected)
 * @param queueIndex journal index at the checkpoint (or at registration); records of this input after the
 *     checkpoint can only be at or after it
 */
public record Source(int id, String fileKey, Fingerprint fingerprint, Path path, long committedOffset,
                     long linesConsumed, long queueIndex) {
    public static final String STREAM_KEY = "stream";
    public static final String NO_FILE_KEY = "-";

    public boolean isStream() {
        return STREAM_KEY.equals(fileKey);
    }

    Source at(String key, Fingerprint print, Path where) {
        return new Source(id, key, print, where, committedOffset, linesConsumed, queueIndex);
    }

    Source committed(long offset, long lines, long index) {
        return new Source(id, fileKey, fingerprint, path, offset, lines, index);
    }
}
