package io.ctscope.ingest.io;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file read strictly as a stream, front to back: never asked its size or how much is available,
 * never seeked. {@code /proc/net/nf_conntrack} and the other seq_files reject {@code lseek(SEEK_END)}
 * (which {@link FileInputStream#available()} issues) with {@code EINVAL}; FIFOs, sockets and character
 * devices cannot seek at all. Skipping reads and discards.
 */
final class StreamFileInput extends InputStream {
    private final FileInputStream in;

    StreamFileInput(String name) throws IOException {
        this.in = new FileInputStream(name);
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
    }

    /** Nothing is promised without blocking: the buffer above then returns what one read gave. */
    @Override
    public int available() {
        return 0;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 1 << 16)];
        long left = n;
        while (left > 0) {
            int r = in.read(scratch, 0, (int) Math.min(left, scratch.length));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
