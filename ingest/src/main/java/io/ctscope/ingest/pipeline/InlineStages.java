package io.ctscope.ingest.pipeline;

/**
 * The stages on the reading thread: one block, filled, parsed and handed to each ordered handler in
 * turn (then to each of the second stage, if any) before the next is read. Each handler's batch is
 * the one block.
 */
final class InlineStages implements ChunkStages {
    private final Chunk chunk = new Chunk();
    private final ChunkParser parser = new ChunkParser(0, 1);
    private final OrderedHandler[] ordered;
    /** The second ordered stage, or {@link #ordered} itself when there is none. */
    private final OrderedHandler[] last;
    private final java.util.function.Consumer<Throwable> failures;
    private long sequence;

    InlineStages(OrderedHandler[] ordered, OrderedHandler[] last, java.util.function.Consumer<Throwable> failures) {
        this.ordered = ordered;
        this.last = last;
        this.failures = failures;
    }

    @Override
    public void next(IngestPipeline pipeline) {
        pipeline.fill(chunk);
        long s = sequence++;
        parser.onEvent(chunk, s, true);
        handOver(ordered, s);
        if (last != ordered) {
            handOver(last, s);
        }
    }

    private void handOver(OrderedHandler[] stage, long s) {
        for (OrderedHandler h : stage) {
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
