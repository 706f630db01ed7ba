package io.ctscope.fleet.summary;

/** A summaries record this build cannot read: another format version, or damaged bytes. */
public final class SummaryFormatException extends RuntimeException {
    public SummaryFormatException(String message) {
        super(message);
    }
}
