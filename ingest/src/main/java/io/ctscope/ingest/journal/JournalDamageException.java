package io.ctscope.ingest.journal;

/** A journal record that cannot be trusted: its checksum does not match, or it cannot be decoded. */
public final class JournalDamageException extends RuntimeException {
    public JournalDamageException(String message) {
        super(message);
    }
}
