package io.ctscope.ingest.pipeline;

import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The line-rate pipeline: the calling thread reads inputs in blocks straight into a preallocated ring
 * ({@link ChunkReader}); {@code parsers} parse handlers take alternate slots and parse them in place
 * ({@link ChunkParser}); then every {@link RecordHandler} (the journal, the analyzers) sees the records
 * in input order on its own thread ({@link OrderedHandler}), flushing at the end of each batch.
 *
 * <pre>
 *   reader ──▶ ring[64] ──▶ parser 0 ┐            ┌─▶ handler A (e.g. journal)
 *                      └─▶ parser 1 ┴─ in order ─┴─▶ handler B (e.g. analyzers)
 * </pre>
 */
public final class IngestPipeline {
    public static final int RING_SIZE = 64;

    private static final EventTranslatorOneArg<Chunk, IngestPipeline> FILL = (chunk, sequence, pipeline) -> pipeline.fill(chunk);

    private final int parsers;
    private final List<RecordHandler> handlers;
    private final List<RecordHandler> after;
    private final boolean strict;
    private final ChunkReader reader = new ChunkReader();
    private boolean holdBackUnterminated;
    private IOException readError;
    private volatile Throwable handlerError;
    private volatile boolean stopRequested;
    private volatile io.ctscope.ingest.io.InputSource reading;

    public IngestPipeline(int parsers, List<RecordHandler> handlers, boolean strict) {
        this(parsers, handlers, List.of(), strict);
    }

    /**
     * With a second ordered stage: each of {@code after} sees a block only once every one of
     * {@code handlers} is done with it (e.g. analyzer shards, then what merges their output in order).
     */
    public IngestPipeline(int parsers, List<RecordHandler> handlers, List<RecordHandler> after, boolean strict) {
        if (parsers < 1) {
            throw new IllegalArgumentException("parsers must be at least 1");
        }
        this.parsers = parsers;
        this.handlers = handlers;
        this.after = after;
        this.strict = strict;
    }

    /**
     * Leaves a last line that has no newline unread, for the next run: a file still being written ends
     * mid-line, and journaling half a line would split one record in two. (Reports read it.)
     */
    public IngestPipeline holdBackUnterminatedLine(boolean holdBack) {
        this.holdBackUnterminated = holdBack;
        return this;
    }

    /**
     * Asks a running {@link #run} to stop reading (from another thread, e.g. on SIGINT): the input being
     * read ends after its last whole line read so far (a read blocked on a quiet stream is woken), the
     * inputs after it are not opened, and every handler still sees every line read and each input's
     * normal end, so journals and books close as at the end of the input.
     */
    public void stop() {
        stopRequested = true;
        io.ctscope.ingest.io.InputSource s = reading;
        if (s != null) {
            try {
                s.abort();
            } catch (IOException e) {
                // the reader then sees the flag at its next block
            }
        }
    }

    /** True when {@link #stop()} was called: the inputs were not read to their end. */
    public boolean wasStopped() {
        return stopRequested;
    }

    /** Parse handlers by default: one per core, at least one. */
    public static int defaultParsers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads every input through the ring, in order, and returns once every handler has seen every line.
     * An input that fails to open or read is reported to {@code errors} and the next one is read; what
     * was read before the failure has been handled.
     */
    public void run(List<PipelineInput> inputs, InputErrors errors) {
        Disruptor<Chunk> disruptor = new Disruptor<>(Chunk::new, RING_SIZE, new NamedThreads(), ProducerType.SINGLE,
            new SleepingWaitStrategy(200, 50_000));
        ChunkParser[] parseHandlers = new ChunkParser[parsers];
        for (int i = 0; i < parsers; i++) {
            parseHandlers[i] = new ChunkParser(i, parsers);
        }
        OrderedHandler[] ordered = new OrderedHandler[handlers.size()];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = new OrderedHandler(handlers.get(i), strict);
        }
        OrderedHandler[] last = ordered;
        disruptor.setDefaultExceptionHandler(new Failures());
        com.lmax.disruptor.dsl.EventHandlerGroup<Chunk> group = disruptor.handleEventsWith(parseHandlers).then(ordered);
        if (!after.isEmpty()) {
            last = new OrderedHandler[after.size()];
            for (int i = 0; i < last.length; i++) {
                last[i] = new OrderedHandler(after.get(i), strict);
            }
            group.then(last);
        }
        RingBuffer<Chunk> ring = disruptor.start();
        try {
            for (PipelineInput input : inputs) {
                if (handlerError != null || stopRequested) {
                    break;
                }
                reading = input.source;
                try (InputStream in = input.source.open()) {
                    if (input.startOffset > 0) {
                        in.skipNBytes(input.startOffset);
                    }
                    reader.start(in, input.sourceId, input.startOffset, input.startLine, holdBackUnterminated);
                    readError = null;
                    while (!reader.finished() && handlerError == null) {
                        if (stopRequested) {
                            reader.endAtLastWholeLine();
                        }
                        ring.publishEvent(FILL, this);
                        if (readError != null) {
                            throw readError;
                        }
                    }
                } catch (IOException e) {
                    if (!stopRequested) {
                        errors.onInputError(input, e);
                    }
                } finally {
                    reading = null;
                }
            }
        } finally {
            drain(disruptor, ring, last);
            disruptor.halt();
        }
        if (handlerError != null) {
            throw new IllegalStateException("pipeline handler failed: " + handlerError, handlerError);
        }
    }

    /**
     * Waits until the last handlers have seen every published slot. (Disruptor's own shutdown() counts
     * only processors already running, so on a short input it can halt them before they start.)
     */
    private void drain(Disruptor<Chunk> disruptor, RingBuffer<Chunk> ring, OrderedHandler[] last) {
        long cursor = ring.getCursor();
        for (OrderedHandler h : last) {
            while (disruptor.getSequenceValueFor(h) < cursor && handlerError == null) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
        }
    }

    /** Called by {@link #FILL} on the reader thread; an I/O error still publishes the slot, as the input's end. */
    private void fill(Chunk c) {
        try {
            reader.fill(c);
        } catch (IOException e) {
            if (stopRequested) {
                // the read was woken by stop(): end the input after its last whole line, as at its end
                reader.endAtLastWholeLine();
                fill(c);
                return;
            }
            readError = e;
            c.kind = Chunk.END;
            c.length = 0;
            c.lineCount = 0;
            reader.abort();
        }
    }

    /** Told when an input cannot be opened or read. */
    @FunctionalInterface
    public interface InputErrors {
        void onInputError(PipelineInput input, IOException e);
    }

    private final class Failures implements ExceptionHandler<Chunk> {
        @Override
        public void handleEventException(Throwable ex, long sequence, Chunk event) {
            if (handlerError == null) {
                handlerError = ex;
            }
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            handlerError = ex;
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            handlerError = ex;
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
