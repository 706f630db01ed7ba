package io.ctscope.ingest.journal;

/**
 * Where reading an input file continues so that every line is journaled exactly once: {@code offset} is the
 * byte just after the last journaled record's line (decompressed bytes for gzip input), and
 * {@code linesConsumed} the number of lines before it, so the next line is numbered {@link #nextLine()}.
 *
 * @param fileSize the file's current size in bytes, -1 when missing; for gzip input the compressed size
 * @param recoveredFromJournal records found in the journal past the last checkpoint (0 when it was exact)
 * @param checkpointAheadOfJournal the checkpoint names journal entries that no longer exist (the journal
 *     lost its tail, e.g. a power loss before its pages reached the disk, or was removed); the resume point
 *     then comes from the journal alone
 */
public record ResumePoint(int sourceId, ResumeStatus status, long offset, long linesConsumed, long fileSize,
                          long recoveredFromJournal, boolean checkpointAheadOfJournal) {

    /** The 1-based number of the first line still to read. */
    public long nextLine() {
        return linesConsumed + 1;
    }

    /** Why reading cannot resume here, in words for the operator ({@code shorter (…) than what was journaled …}). */
    public String why() {
        return switch (status) {
            case TRUNCATED -> "shorter (" + fileSize + " bytes) than what was journaled from it (" + offset
                + " bytes): truncated or rewritten";
            case REPLACED -> "now names another file (rotated or replaced) than the one journaled";
            case MISSING -> "no such file";
            default -> status.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
