package io.ctscope.ingest.journal;

import io.ctscope.ingest.io.InputSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * What confirms that a file is the one journaled before: a 64-bit FNV-1a hash of its first {@link #length}
 * bytes (decompressed bytes for gzip, so a rotated file compressed by logrotate is still recognised), at
 * most {@link #MAX_LENGTH}. Device and inode say which file it is now; the first bytes say whether it still
 * holds what was read from it (an inode is reused after a delete, a file is rewritten in place or
 * truncated and regrown by {@code copytruncate}, and a rotated copy has a new inode but the same start).
 */
public record Fingerprint(int length, long hash) {
    public static final int MAX_LENGTH = 4096;
    /** Nothing read (an empty file, or standard input): confirms nothing. */
    public static final Fingerprint NONE = new Fingerprint(0, fnv(new byte[0], 0));

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** The first bytes of a file as it is now, to compute and check fingerprints against. */
    public static final class Prefix {
        private final byte[] bytes;
        private final int length;

        private Prefix(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        public static Prefix of(Path file) throws IOException {
            byte[] b = new byte[MAX_LENGTH];
            int n = 0;
            try (InputStream in = new InputSource(file.toString()).open()) {
                while (n < b.length) {
                    int r = in.read(b, n, b.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (java.io.EOFException | java.util.zip.ZipException shortOrBadGzip) {
                // what could be read is the prefix
            }
            return new Prefix(b, n);
        }

        /** The fingerprint of everything read (up to {@link #MAX_LENGTH} bytes). */
        public Fingerprint fingerprint() {
            return new Fingerprint(length, fnv(bytes, length));
        }

        /** True when the file starts with the bytes {@code f} was taken from. */
        public boolean matches(Fingerprint f) {
            return f.length <= length && fnv(bytes, f.length) == f.hash;
        }
    }

    private static long fnv(byte[] b, int n) {
        long h = FNV_OFFSET;
        for (int i = 0; i < n; i++) {
            h ^= b[i] & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** {@code length:hash} in hex, as the registry stores it. */
    @Override
    public String toString() {
        return length + ":" + Long.toHexString(hash);
    }

    static Fingerprint parse(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new NumberFormatException("fingerprint \"" + s + "\" is not LENGTH:HASH");
        }
        int length = Integer.parseInt(s.substring(0, colon));
        if (length < 0 || length > MAX_LENGTH) {
            throw new NumberFormatException("fingerprint length " + length + " outside 0.." + MAX_LENGTH);
        }
        return new Fingerprint(length, Long.parseUnsignedLong(s.substring(colon + 1), 16));
    }
}
