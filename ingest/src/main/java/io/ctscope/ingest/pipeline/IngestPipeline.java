package io.ctscope.ingest.pipeline;

import io.ctscope.ingest.io.BlockFramer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * The line-rate pipeline: the calling thread reads inputs in blocks straight into a preallocated ring
 * ({@link BlockFramer}); {@code parsers} parse handlers take alternate slots and parse them in place
 * ({@link ChunkParser}); then every {@link RecordHandler} (the journal, the analyzers) sees the records
 * in input order on its own thread ({@link OrderedHandler}), flushing at the end of each batch.
 *
 * <pre>
 *   reader ──▶ ring[64] ──▶ parser 0 ┐            ┌─▶ handler A (e.g. journal)
 *                      └─▶ parser 1 ┴─ in order ─┴─▶ handler B (e.g. analyzers)
 * </pre>
 *
 * <p>Inputs that are small in all ({@link #INLINE_LIMIT}) go through the same stages on the calling
 * thread instead ({@link InlineStages}): on a 2-core machine a capture of a few hundred thousand lines
 * is read sooner so than with four threads contending with the JIT compilers for the cores.
 */
public final class IngestPipeline {
    public static final int RING_SIZE = 64;

    /**
     * Inputs of at most this many bytes in all are read on the calling thread: regular files only (a
     * stream's size is unknown), a gzip file counted {@value #GZIP_RATIO} times its size. Chosen by
     * measurement (bench/RESULTS.md).
     */
    public static final long INLINE_LIMIT = 48L << 20;
    static final int GZIP_RATIO = 8;

    private final int parsers;
    private final List<RecordHandler> handlers;
    private final List<RecordHandler> after;
    private final boolean strict;
    private final BlockFramer reader = new BlockFramer();
    private int readingSource;
    private long readingStartLine;
    private final ReadProgress progress = new ReadProgress();
    private long inlineLimit = INLINE_LIMIT;
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

    /** Reads inputs of at most {@code bytes} in all on the calling thread (0: never; for tests). */
    public IngestPipeline inlineUpTo(long bytes) {
        this.inlineLimit = bytes;
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

    /** How far {@link #run} has read, for a progress display on another thread. */
    public ReadProgress progress() {
        return progress;
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
        OrderedHandler[] ordered = new OrderedHandler[handlers.size()];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = new OrderedHandler(handlers.get(i), strict, i == 0 ? progress : null);
        }
        OrderedHandler[] last = ordered;
        if (!after.isEmpty()) {
            last = new OrderedHandler[after.size()];
            for (int i = 0; i < last.length; i++) {
                last[i] = new OrderedHandler(after.get(i), strict, null);
            }
        }
        long work = measure(inputs);
        ChunkStages stages = work != ReadProgress.UNKNOWN && work <= inlineLimit
            ? new InlineStages(ordered, last, this::failed)
            : new RingStages(parsers, ordered, last, this::failed, () -> handlerError != null);
        try {
            for (PipelineInput input : inputs) {
                if (handlerError != null || stopRequested) {
                    break;
                }
                reading = input.source;
                progress.reading(input.source);
                try (InputStream in = input.source.open()) {
                    if (input.startOffset > 0) {
                        in.skipNBytes(input.startOffset);
                    }
                    reader.start(in, input.startOffset, holdBackUnterminated);
                    readingSource = input.sourceId;
                    readingStartLine = input.startLine;
                    readError = null;
                    while (!reader.finished() && handlerError == null) {
                        if (stopRequested) {
                            reader.endAtLastWholeLine();
                        }
                        stages.next(this);
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
                    progress.doneWith(input.source);
                }
            }
        } finally {
            stages.finish();
        }
        if (handlerError != null) {
            throw new IllegalStateException("pipeline handler failed: " + handlerError, handlerError);
        }
    }

    private void failed(Throwable e) {
        if (handlerError == null) {
            handlerError = e;
        }
    }

    /**
     * Sets the progress's total and returns the work the inputs hold, in bytes of text (a gzip file
     * counted {@value #GZIP_RATIO} times its size), or {@link ReadProgress#UNKNOWN} when one is a stream.
     */
    private long measure(List<PipelineInput> inputs) {
        long bytes = 0;
        long work = 0;
        boolean gzip = false;
        for (PipelineInput input : inputs) {
            if (input.source.isStream()) {
                progress.start(ReadProgress.UNKNOWN, gzip);
                return ReadProgress.UNKNOWN;
            }
            try {
                long size = Files.size(input.source.path());
                boolean gz = input.source.isGzip();
                gzip |= gz;
                bytes += size;
                work += Math.max(0, (gz ? size * GZIP_RATIO : size) - input.startOffset);
            } catch (IOException | RuntimeException e) {
                // unreadable or gone: it is reported when opened; its size adds nothing
            }
        }
        progress.start(bytes, gzip);
        return work;
    }

    /** Fills the next block on the reading thread; an I/O error still passes the block on, as the input's end. */
    void fill(Chunk c) {
        c.source = readingSource;
        c.startLine = readingStartLine;
        c.lineCount = 0;
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
}
