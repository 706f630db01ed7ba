package io.ctscope.ingest.io;

/** Receives framed lines from a {@link LineFramer}. The bytes are only valid during the call. */
public interface LineHandler {
    /**
     * One line, without its {@code \n} or trailing {@code \r}.
     *
     * @param lineNumber 1-based line number in the input
     * @param byteOffset offset of the line's first byte in the (decompressed) input
     * @param terminated false for a last line that ended without a newline (possibly truncated)
     * @return false to stop reading (strict mode, a failure downstream)
     */
    boolean onLine(byte[] buf, int off, int end, long lineNumber, long byteOffset, boolean terminated);

    /** A line longer than the framer's limit: skipped whole, reported, counted. */
    boolean onOverlongLine(long lineNumber, long byteOffset, long length);
}
