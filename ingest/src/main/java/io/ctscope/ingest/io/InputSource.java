package io.ctscope.ingest.io;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An input named on the command line: a file, {@code -} for standard input, gzip-compressed or not
 * (recognised by its magic bytes, whatever its name). Standard input, FIFOs, sockets, character devices
 * and the files of /proc and /sys are {@linkplain #isStream() streams}: read front to back once, never
 * sized or seeked, and without an identity to resume from.
 */
public final class InputSource {
    public static final String STDIN = "-";

    private static volatile boolean stdinIsDescriptor;

    private final String name;
    private final Opener opener;
    private volatile StreamInput stream;
    private volatile CountingInputStream counted;
    private volatile boolean aborted;

    public InputSource(String name) {
        this(name, null);
    }

    private InputSource(String name, Opener opener) {
        this.name = name;
        this.opener = opener;
    }

    /** A live stream (a spawned process, a followed file) that is not opened by name; read as it is. */
    public static InputSource ofStream(String name, Opener opener) {
        return new InputSource(name, opener);
    }

    /** Opens a stream that is not a named file. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * Reads {@code -} from file descriptor 0 through a channel, so that {@link #abort()} can wake a read
     * blocked on a quiet pipe. For the process's own main; otherwise {@code -} reads {@link System#in}
     * (which a test or an embedding program may have replaced).
     */
    public static void readStdinFromDescriptor() {
        stdinIsDescriptor = true;
    }

    public String name() {
        return name;
    }

    public boolean isStdin() {
        return opener == null && STDIN.equals(name);
    }

    /** The path of a file input, or null for stdin and a live stream. */
    public Path path() {
        return isStdin() || opener != null ? null : Path.of(name);
    }

    /**
     * True for an input that can only be read as a stream: standard input, anything that is not a regular
     * file (FIFO, socket, character device), and the pseudo-files of procfs and sysfs, which report size 0
     * and have content only when read (their size and offsets say nothing about a later read).
     */
    public boolean isStream() {
        if (isStdin() || opener != null) {
            return true;
        }
        Path p = path();
        if (!Files.isRegularFile(p)) {
            return Files.exists(p);
        }
        try {
            String type = Files.getFileStore(p).type();
            return "proc".equals(type) || "sysfs".equals(type);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the file starts with the gzip magic; a stream is not probed (that would consume it) and is false. */
    public boolean isGzip() throws IOException {
        if (isStream()) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path())) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** Opens the decompressed byte stream; the caller closes it (closing stdin's wrapper is harmless). */
    public InputStream open() throws IOException {
        if (opener != null) {
            return opener.open();
        }
        InputStream raw;
        if (isStdin() && !stdinIsDescriptor) {
            raw = new NonClosingInputStream(System.in);
        } else if (isStream()) {
            StreamInput s = isStdin() ? StreamInput.ofStdin() : StreamInput.ofFile(name);
            stream = s;
            if (aborted) {
                s.abort(); // stopped while opening: the first read fails at once
            }
            raw = s;
        } else {
            raw = new FileInputStream(name);
        }
        CountingInputStream counting = new CountingInputStream(raw);
        counted = counting;
        BufferedInputStream in = new BufferedInputStream(counting, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    /**
     * Bytes taken so far from the file or stream since it was last {@linkplain #open() opened}, before
     * any decompression (a gzip file's compressed bytes); safe to call from another thread. A stream
     * {@link #ofStream} opens itself is not counted (0).
     */
    public long bytesRead() {
        CountingInputStream c = counted;
        return c == null ? 0 : c.count();
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Stops a stream being read in another thread: a read blocked on it returns with an
     * {@link java.nio.channels.AsynchronousCloseException}. Nothing for a regular file (its reads
     * do not block; the reader checks for a stop between blocks).
     */
    public void abort() throws IOException {
        aborted = true;
        StreamInput s = stream;
        if (s != null) {
            s.abort();
        }
    }

    /** Keeps System.in open when the decoder closes its stream; never asks it what is available (see {@link StreamInput}). */
    private static final class NonClosingInputStream extends java.io.FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
