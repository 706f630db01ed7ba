package io.ctscope.ingest.journal;

import io.ctscope.ingest.decode.RecordSink;
import io.ctscope.ingest.record.ConntrackRecord;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Replays a journal with the reading and decoding on a thread of their own, a few batches ahead of the
 * sink, which runs on the calling thread: the analyzers then no longer wait for Chronicle and the
 * decoder between records (on one thread those took about a third of a replay). Records travel in
 * preallocated batches that go round between the two threads; a batch is handed over whole, so the
 * threads meet once per {@value #BATCH} records.
 */
public final class ReplayAhead {
    static final int BATCH = 1024;
    static final int BATCHES = 8;

    private ReplayAhead() {
    }

    private static final class Batch {
        final ConntrackRecord[] records = new ConntrackRecord[BATCH];
        int size;
        /** Set on the last batch: the reader's failure, to rethrow on the calling thread, or null at the end. */
        Throwable failure;
        boolean last;

        Batch() {
            for (int i = 0; i < BATCH; i++) {
                records[i] = new ConntrackRecord();
            }
        }
    }

    /** Stops the reading thread when the sink failed. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    /**
     * Delivers every record of {@code reader} (from its position to the present end of the journal) to
     * {@code sink} on this thread, in order; returns how many. Use {@code reader}'s {@link JournalReader#damage()}
     * afterwards as after {@link JournalReader#replay}. A failure of the reader or of the sink is thrown here.
     */
    public static long replay(JournalReader reader, RecordSink sink) {
        BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
        BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
        Thread ahead = new Thread(() -> read(reader, free, full), "ctscope-replay");
        ahead.setDaemon(true);
        ahead.start();
        long n = 0;
        try {
            while (true) {
                Batch b = full.take();
                for (int i = 0; i < b.size; i++) {
                    sink.accept(b.records[i]);
                }
                n += b.size;
                if (b.last) {
                    if (b.failure instanceof RuntimeException e) {
                        throw e;
                    }
                    if (b.failure instanceof Error e) {
                        throw e;
                    }
                    return n;
                }
                b.size = 0;
                free.put(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying the journal", e);
        } finally {
            ahead.interrupt();
            try {
                ahead.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void read(JournalReader reader, BlockingQueue<Batch> free, BlockingQueue<Batch> full) {
        Batch[] current = {null};
        Throwable failure = null;
        try {
            current[0] = free.take();
            reader.replay(r -> {
                Batch b = current[0];
                b.records[b.size++].copyFrom(r);
                if (b.size == BATCH) {
                    try {
                        full.put(b);
                        current[0] = free.take();
                    } catch (InterruptedException e) {
                        throw new Abandoned();
                    }
                }
            });
        } catch (Abandoned | InterruptedException e) {
            return;
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        Batch b = current[0];
        b.last = true;
        b.failure = failure;
        try {
            full.put(b);
        } catch (InterruptedException e) {
            // the caller stopped waiting: nobody reads the last batch
        }
    }
}
