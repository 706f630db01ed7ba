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
 * (recognised by its magic bytes, whatever its name).
 */
public final class InputSource {
    public static final String STDIN = "-";

    private final String name;
    private final Opener opener;

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

    public String name() {
        return name;
    }

    public boolean isStdin() {
        return opener == null && STDIN.equals(name);
    }

    /** The path of a file input, or null for stdin. */
    public Path path() {
        return isStdin() ? null : Path.of(name);
    }

    public boolean isGzip() throws IOException {
        if (isStdin()) {
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
        InputStream raw = isStdin() ? new NonClosingInputStream(System.in) : new FileInputStream(name);
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Keeps System.in open when the decoder closes its stream. */
    private static final class NonClosingInputStream extends java.io.FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
