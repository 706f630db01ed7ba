package io.ctscope.ingest.pipeline;

/**
 * What happens to each block the reader fills: it is parsed, then every ordered handler sees it. Either
 * on other threads through the ring ({@link RingStages}) or on the reading thread itself
 * ({@link InlineStages}), which is quicker for a small input: no threads to start, no hand-offs, and
 * the second core is left to the JIT compilers while they have most to do.
 */
interface ChunkStages {
    /** Has {@code pipeline} fill one block and passes it on; returns once the block is safely handed over. */
    void next(IngestPipeline pipeline);

    /** Returns once every handler has seen every block passed on (and stops any thread started). */
    void finish();
}
