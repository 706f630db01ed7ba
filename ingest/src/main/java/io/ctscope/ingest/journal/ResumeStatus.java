package io.ctscope.ingest.journal;

/** What {@link SourceRegistry#resumePoint} found for an input file. */
public enum ResumeStatus {
    /** Nothing of the file is in the journal yet: read it from the start. */
    NEW,
    /** Part of the file is journaled: continue at the resume offset. */
    RESUME,
    /** Everything the file holds now is journaled (it may still grow). */
    UP_TO_DATE,
    /** The file is shorter than what was journaled from it (truncated or rewritten in place): warn and skip. */
    TRUNCATED,
    /** The path now names another file (another device or inode: rotated or replaced): warn and skip. */
    REPLACED,
    /** The file no longer exists. */
    MISSING;

    /** True when the file can be read on from {@link ResumePoint#offset()}. */
    public boolean canResume() {
        return this == NEW || this == RESUME || this == UP_TO_DATE;
    }
}
