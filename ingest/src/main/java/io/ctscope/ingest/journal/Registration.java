package io.ctscope.ingest.journal;

import java.nio.file.Path;

/**
 * How {@link SourceRegistry#register} recognised a file.
 *
 * @param id the source id to journal the file under
 * @param identity what the file was found to be
 * @param previousPath where the source was seen before (null for a new file)
 * @param previousId for {@link Identity#REWRITTEN}: the source the file's inode or path belonged to
 */
public record Registration(int id, Identity identity, Path previousPath, int previousId) {

    /** What a named file is, for the journal. */
    public enum Identity {
        /** Never journaled: read from the start. */
        NEW,
        /** The file journaled before, at the same path. */
        SAME,
        /** The file journaled before (same device and inode, same first bytes), now at another path or link. */
        MOVED,
        /** A new inode holding what a journaled file held, which left its place: a rotated copy (copytruncate,
         * compression); read on from where that file was journaled. */
        CONTINUED,
        /** Same inode (or path) as a journaled file, but other first bytes or shorter: rewritten, truncated or
         * recreated. A new source, read from the start. */
        REWRITTEN
    }

    /**
     * What the file was found to be, for the operator; null for a new file and for the same file at the same
     * path (nothing to say).
     */
    public String describe() {
        String was = previousPath == null ? "" : io.ctscope.ingest.io.Printable.of(previousPath.toString());
        return switch (identity) {
            case MOVED -> "the file journaled before as " + was + " (renamed or linked)";
            case CONTINUED -> "holds what " + was + " held when it was journaled (a rotated copy):"
                + " continuing after what was journaled";
            case REWRITTEN -> "not the file journaled before as " + was
                + " (rewritten, truncated or recreated): journaling it from the start";
            default -> null;
        };
    }
}
