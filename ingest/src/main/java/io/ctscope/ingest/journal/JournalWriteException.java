package io.ctscope.ingest.journal;

/**
 * The journal cannot take another record (no space left on its device, or its file cannot be written).
 * Nothing partial was committed: every record before it is whole, and the writer refuses any later append,
 * so the journal never has a gap.
 */
public final class JournalWriteException extends RuntimeException {
    public JournalWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
