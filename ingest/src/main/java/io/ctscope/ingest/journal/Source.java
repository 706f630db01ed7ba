package io.ctscope.ingest.journal;

import java.nio.file.Path;

/**
 * One input file known to a journal, as the {@link SourceRegistry} last checkpointed it.
 *
 * @param id stable id, written into every record journaled from the file ({@code ConntrackRecord.source})
 * @param fileKey the file system's identity of the file (device and inode on Linux), {@code -} when the
 *     file system has none
 * @param path canonical path at registration
 * @param committedOffset byte offset just after the last line known to be journaled at the checkpoint
 * @param linesConsumed lines before {@code committedOffset} (journaled, skipped or rejected)
 * @param queueIndex journal index at the checkpoint (or at registration); records of this file after the
 *     checkpoint can only be at or after it
 */
public record Source(int id, String fileKey, Path path, long committedOffset, long linesConsumed, long queueIndex) {
}
