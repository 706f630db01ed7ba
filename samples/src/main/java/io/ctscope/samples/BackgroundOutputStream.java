package io.ctscope.samples;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Moves the write system calls to a second thread, so formatting the next chunk overlaps writing
 * the last one. A fixed pool of chunks circulates between the two threads through two queues;
 * nothing is allocated after construction. Bytes reach the target in the order they were written.
 */
final class BackgroundOutputStream extends OutputStream {

    private static final class Chunk {
        final byte[] data;
        int length;

        Chunk(int size) {
            data = new byte[size];
        }
    }

    private final OutputStream target;
    private final Chunk[] pool;
    private final BlockingQueue<Chunk> filled;
    private final BlockingQueue<Chunk> free;
    private final Chunk endOfStream = new Chunk(0);
    private final Thread writer;
    private volatile IOException failure;
    private Chunk current;
    private boolean closed;

    BackgroundOutputStream(OutputStream target, int chunkSize, int chunks) {
        this.target = target;
        pool = new Chunk[chunks];
        filled = new ArrayBlockingQueue<>(chunks + 1);
        free = new ArrayBlockingQueue<>(chunks);
        for (int i = 0; i < chunks; i++) {
            pool[i] = new Chunk(chunkSize);
            free.add(pool[i]);
        }
        current = free.poll();
        writer = new Thread(this::drainLoop, "capture-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void write(int b) throws IOException {
        if (current.length == current.data.length) {
            handOff();
        }
        current.data[current.length++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (current.length == current.data.length) {
                handOff();
            }
            int n = Math.min(length, current.data.length - current.length);
            System.arraycopy(bytes, offset, current.data, current.length, n);
            current.length += n;
            offset += n;
            length -= n;
        }
    }

    /** Returns once every byte written so far has reached the target, and flushes the target. */
    @Override
    public void flush() throws IOException {
        if (current.length > 0) {
            handOff();
        }
        // every chunk back in the free queue means the writer is idle and all bytes are out
        Chunk[] back = new Chunk[pool.length];
        for (int i = 0; i < pool.length - 1; i++) {
            back[i] = take(free);
        }
        for (int i = 0; i < pool.length - 1; i++) {
            free.add(back[i]);
        }
        checkFailure();
        target.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (current.length > 0) {
                handOff();
            }
            put(endOfStream);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing");
        } finally {
            target.close();
        }
        checkFailure();
    }

    private void handOff() throws IOException {
        checkFailure();
        put(current);
        current = take(free);
        current.length = 0;
    }

    private void drainLoop() {
        try {
            while (true) {
                Chunk chunk = filled.take();
                if (chunk == endOfStream) {
                    return;
                }
                if (failure == null) {
                    try {
                        target.write(chunk.data, 0, chunk.length);
                    } catch (IOException e) {
                        failure = e;
                    }
                }
                free.put(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkFailure() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw e;
        }
    }

    private void put(Chunk chunk) throws IOException {
        try {
            filled.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        }
    }

    private static Chunk take(BlockingQueue<Chunk> queue) throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        }
    }
}
