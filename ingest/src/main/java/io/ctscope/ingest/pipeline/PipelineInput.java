package io.ctscope.ingest.pipeline;

import io.ctscope.ingest.io.InputSource;

/** One input for the pipeline: where to read, its source id, and where to start (0, or a resume point). */
public final class PipelineInput {
    final InputSource source;
    final int sourceId;
    final long startOffset;
    final long startLine;

    public PipelineInput(InputSource source, int sourceId, long startOffset, long startLine) {
        this.source = source;
        this.sourceId = sourceId;
        this.startOffset = startOffset;
        this.startLine = startLine;
    }

    public static PipelineInput fromStart(InputSource source, int sourceId) {
        return new PipelineInput(source, sourceId, 0, 1);
    }

    public InputSource source() {
        return source;
    }

    public int sourceId() {
        return sourceId;
    }
}
