package io.ctscope.ingest.io;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * An input read strictly as a stream, front to back: never asked its size or how much is available,
 * never seeked. {@code /proc/net/nf_conntrack} and the other seq_files reject {@code lseek(SEEK_END)}
 * (which {@link FileInputStream#available()} issues) with {@code EINVAL}; FIFOs, sockets, character
 * devices and pipes cannot seek at all. Skipping reads and discards.
 *
 * <p>Reads go through a {@link FileChannel}, so {@link #abort()} from another thread (a stop signal)
 * wakes a read blocked on a quiet pipe: it ends with an {@link java.nio.channels.AsynchronousCloseException}.
 * Standard input is not closed by {@link #close()}, only by {@link #abort()}.
 */
final class StreamInput extends InputStream {
    private final FileChannel channel;
    private final boolean keepOpen;
    private byte[] wrapped;
    private ByteBuffer buffer;

    private StreamInput(FileChannel channel, boolean keepOpen) {
        this.channel = channel;
        this.keepOpen = keepOpen;
    }

    static StreamInput ofFile(String name) throws IOException {
        return new StreamInput(new FileInputStream(name).getChannel(), false);
    }

    static StreamInput ofStdin() {
        return new StreamInput(new FileInputStream(FileDescriptor.in).getChannel(), true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (b != wrapped) {
            wrapped = b;
            buffer = ByteBuffer.wrap(b);
        }
        buffer.limit(off + len).position(off);
        return channel.read(buffer);
    }

    /** Nothing is promised without blocking: the buffer above then hands out what one read gave. */
    @Override
    public int available() {
        return 0;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.max(1, Math.min(n, 1 << 16))];
        long left = n;
        while (left > 0) {
            int r = read(scratch, 0, (int) Math.min(left, scratch.length));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    /** Closes the channel whatever it is, waking a read blocked in another thread. */
    void abort() throws IOException {
        channel.close();
    }

    @Override
    public void close() throws IOException {
        if (!keepOpen) {
            channel.close();
        }
    }
}
