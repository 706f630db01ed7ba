package io.ctscope.ingest.pipeline;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stages on their own threads: the reader fills ring slots, {@code parsers} parse handlers take
 * alternate slots, then each ordered handler sees every slot in ring order, flushing at the end of each
 * batch; a second ordered stage, if any, sees a slot once every handler of the first is done with it.
 */
final class RingStages implements ChunkStages {
    private static final EventTranslatorOneArg<Chunk, IngestPipeline> FILL = (chunk, sequence, pipeline) -> pipeline.fill(chunk);

    private final Disruptor<Chunk> disruptor;
    private final RingBuffer<Chunk> ring;
    /** The handlers that see a slot last: the second stage, or the first when there is none. */
    private final OrderedHandler[] last;
    private final java.util.function.BooleanSupplier failed;

    RingStages(int parsers, OrderedHandler[] ordered, OrderedHandler[] last,
               java.util.function.Consumer<Throwable> failures, java.util.function.BooleanSupplier failed) {
        this.last = last;
        this.failed = failed;
        disruptor = new Disruptor<>(Chunk::new, IngestPipeline.RING_SIZE, new NamedThreads(), ProducerType.SINGLE,
            new SleepingWaitStrategy(200, 50_000));
        ChunkParser[] parseHandlers = new ChunkParser[parsers];
        for (int i = 0; i < parsers; i++) {
            parseHandlers[i] = new ChunkParser(i, parsers);
        }
        disruptor.setDefaultExceptionHandler(new Failures(failures));
        com.lmax.disruptor.dsl.EventHandlerGroup<Chunk> group = disruptor.handleEventsWith(parseHandlers).then(ordered);
        if (last != ordered) {
            group.then(last);
        }
        ring = disruptor.start();
    }

    @Override
    public void next(IngestPipeline pipeline) {
        ring.publishEvent(FILL, pipeline);
    }

    /**
     * Waits until the last handlers have seen every published slot, then halts. (Disruptor's own
     * shutdown() counts only processors already running, so on a short input it can halt them before
     * they start.)
     */
    @Override
    public void finish() {
        long cursor = ring.getCursor();
        for (OrderedHandler h : last) {
            while (disruptor.getSequenceValueFor(h) < cursor && !failed.getAsBoolean()) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
        }
        disruptor.halt();
    }

    private static final class Failures implements ExceptionHandler<Chunk> {
        private final java.util.function.Consumer<Throwable> failures;

        Failures(java.util.function.Consumer<Throwable> failures) {
            this.failures = failures;
        }

        @Override
        public void handleEventException(Throwable ex, long sequence, Chunk event) {
            failures.accept(ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            failures.accept(ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            failures.accept(ex);
        }
    }

    private static final class NamedThreads implements ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "ctscope-pipeline-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
