package io.ctscope.ingest.decode;

/** Told about each rejected line, with the input's name, the line number and the reason. */
@FunctionalInterface
public interface BadLineListener {
    /** @return false to stop reading (strict mode) */
    boolean onBadLine(String input, long lineNumber, String reason);

    /** Told once per input, when it yields its first record. */
    default void onFirstRecord(String input) {
    }
}
