package io.ctscope.bench;

import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A recorded conntrack text file loaded once, outside any measured code: every line (without its
 * {@code \n} or trailing {@code \r}) concatenated into {@link #data}, line {@code i} being
 * {@code data[starts[i], ends[i])}. {@link #fileBytes} counts the file as {@code wc -c} does, so
 * {@code fileBytes / lines} is the input rate per line including newlines.
 */
final class BenchInput {
    /** Lines each measured invocation handles; benchmarks report per line via @OperationsPerInvocation. */
    static final int BATCH = 4096;

    final Path path;
    final byte[] data;
    final int[] starts;
    final int[] ends;
    final int lines;
    final long fileBytes;

    private BenchInput(Path path, byte[] data, int[] starts, int[] ends, int lines, long fileBytes) {
        this.path = path;
        this.data = data;
        this.starts = starts;
        this.ends = ends;
        this.lines = lines;
        this.fileBytes = fileBytes;
    }

    double bytesPerLine() {
        return (double) fileBytes / lines;
    }

    /** Loads {@code file}: absolute, or relative to the repository root ({@link #repoRoot()}). */
    static BenchInput load(String file) {
        Path p = Paths.get(file);
        if (!p.isAbsolute()) {
            p = repoRoot().resolve(p);
        }
        byte[] raw;
        try {
            raw = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read benchmark input " + p, e);
        }
        int n = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                n++;
            }
        }
        if (raw.length > 0 && raw[raw.length - 1] != '\n') {
            n++;
        }
        if (n == 0) {
            throw new IllegalStateException("benchmark input is empty: " + p);
        }
        byte[] data = new byte[raw.length];
        int[] starts = new int[n];
        int[] ends = new int[n];
        int fill = 0;
        int line = 0;
        int s = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == '\n') {
                if (i == raw.length && s == i) {
                    break;
                }
                int e = i > s && raw[i - 1] == '\r' ? i - 1 : i;
                System.arraycopy(raw, s, data, fill, e - s);
                starts[line] = fill;
                fill += e - s;
                ends[line] = fill;
                line++;
                s = i + 1;
            }
        }
        return new BenchInput(p, data, starts, ends, line, raw.length);
    }

    /**
     * The repository root: system property {@code ctscope.root}, else the first directory from the
     * working directory upwards that holds {@code bench/} and {@code pom.xml}. JMH forks inherit the
     * working directory but not the launcher's system properties: set {@code ctscope.root} through
     * {@code -jvmArgs -Dctscope.root=...} (not -jvmArgsAppend, which would replace the @Fork flags)
     * when running from outside the repository.
     */
    static Path repoRoot() {
        String prop = System.getProperty("ctscope.root");
        if (prop != null && !prop.isEmpty()) {
            return Paths.get(prop).toAbsolutePath();
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("bench")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the ctscope repository root from " + dir
            + " (set -Dctscope.root=...)");
    }

    /** Parses every line once and prints what the file holds, so a result can be matched to its input. */
    void describe(String benchmark) {
        ConntrackTextParser parser = new ConntrackTextParser();
        ConntrackRecord r = new ConntrackRecord();
        int records = 0;
        int skipped = 0;
        int rejected = 0;
        String firstReject = null;
        for (int i = 0; i < lines; i++) {
            int st = parser.parse(data, starts[i], ends[i], r);
            if (st == ParseStatus.RECORD) {
                records++;
            } else if (st < ParseStatus.FIRST_ERROR) {
                skipped++;
            } else {
                rejected++;
                if (firstReject == null) {
                    firstReject = "line " + (i + 1) + ": " + parser.describeError(st);
                }
            }
        }
        System.out.printf("%n[%s input] %s: %d lines, %d bytes, %.1f bytes/line; %d records, %d skipped, %d rejected%s%n",
            benchmark, path, lines, fileBytes, bytesPerLine(), records, skipped, rejected,
            firstReject == null ? "" : " (first: " + firstReject + ")");
    }
}
