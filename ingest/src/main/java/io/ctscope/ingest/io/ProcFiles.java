package io.ctscope.ingest.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a /proc file whole. Not with {@link Files#readString}: procfs reports size 0, and on JDK 17 over a
 * sysctl file (proc_dointvec) that returns only the first byte ("2" for a {@code nf_conntrack_max} of
 * 262144, seen on 6.18); a stream read to its end gets the whole value.
 */
public final class ProcFiles {
    private ProcFiles() {
    }

    public static String read(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
