package io.ctscope.ingest.pipeline;

/**
 * The stages on the reading thread: one block, filled, parsed and handed to each ordered handler in
 * turn before the next is read. Each handler's batch is the one block.
 */
final class InlineStages implements ChunkStages {
    private final Chunk chunk = new Chunk();
    private final ChunkParser parser = new ChunkParser(0, 1);
    private final OrderedHandler[] ordered;
    private final java.util.function.Consumer<Throwable> failures;
    private long sequence;

    InlineStages(OrderedHandler[] ordered, java.util.function.Consumer<Throwable> failures) {
        this.ordered = ordered;
        this.failures = failures;
    }

    @Override
    public void next(IngestPipeline pipeline) {
        pipeline.fill(chunk);
        long s = sequence++;
        parser.onEvent(chunk, s, true);
        for (OrderedHandler h : ordered) {
            try {
                h.onEvent(chunk, s, true);
            } catch (RuntimeException | Error e) {
                // as on the ring: the failure is kept and the other handlers still see the block
                failures.accept(e);
            }
        }
    }

    @Override
    public void finish() {
    }
}
