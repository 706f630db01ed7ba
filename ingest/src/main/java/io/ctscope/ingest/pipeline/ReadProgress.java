package io.ctscope.ingest.pipeline;

import io.ctscope.ingest.io.InputSource;

/**
 * How far a pipeline run has got, for a progress display on another thread: bytes taken from the
 * inputs (a gzip file's compressed bytes) of their total, and lines read. Each figure has one writer
 * (bytes the reading thread, lines the first ordered handler), written once per block, so keeping it
 * costs the hot path nothing; readers see each figure as of a recent block.
 */
public final class ReadProgress {
    /** {@link #totalBytes()} when an input is a stream (standard input, a pipe): its size is unknown. */
    public static final long UNKNOWN = -1;

    private volatile long totalBytes = UNKNOWN;
    private volatile boolean compressed;
    private volatile long earlierInputs;
    private volatile InputSource current;
    private volatile long lines;

    /** Bytes in all the inputs (compressed bytes for gzip files), or {@link #UNKNOWN}. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Whether an input is gzip-compressed: byte figures then count compressed bytes. */
    public boolean compressed() {
        return compressed;
    }

    /** Bytes taken from the inputs so far (a resumed input's skipped part included). */
    public long bytesRead() {
        InputSource c = current;
        return earlierInputs + (c == null ? 0 : c.bytesRead());
    }

    /** Lines handed to the handlers so far. */
    public long linesRead() {
        return lines;
    }

    void start(long totalBytes, boolean compressed) {
        this.totalBytes = totalBytes;
        this.compressed = compressed;
    }

    void reading(InputSource source) {
        current = source;
    }

    void doneWith(InputSource source) {
        earlierInputs = earlierInputs + source.bytesRead();
        current = null;
    }

    void addLines(long n) {
        lines = lines + n;
    }
}
