package io.ctscope.fleet.fold;

/** A record of the fold's topic this build cannot read: the partition is folded again from the summaries. */
public final class FoldFormatException extends RuntimeException {
    public FoldFormatException(String message) {
        super(message);
    }
}
