package io.ctscope.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the project root, the shared real-world corpus and recorded lab captures for tests. */
public final class TestFiles {
    private TestFiles() {
    }

    /** The project root: {@code ctscope.root} (set by surefire), else the first parent of the cwd holding ingest/. */
    public static Path root() {
        String prop = System.getProperty("ctscope.root");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop, "ingest"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("ingest")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the ctscope root (set -Dctscope.root)");
    }

    /** {@code <root>/samples/corpus}: real-world conntrack output collected from public sources (see its SOURCES.md). */
    public static Path corpus() {
        Path dir = root().resolve("samples/corpus");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("cannot find the corpus: " + dir);
        }
        return dir;
    }

    public static Path corpusFile(String name) {
        return corpus().resolve(name);
    }

    /** Corpus files whose names start with one of {@code prefixes} (each ending in {@code __}), sorted. */
    public static List<Path> corpusFiles(String... prefixes) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus())) {
            s.filter(Files::isRegularFile).sorted().forEach(p -> {
                String n = p.getFileName().toString();
                for (String prefix : prefixes) {
                    if (n.startsWith(prefix) && n.endsWith(".txt")) {
                        out.add(p);
                        return;
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The text conntrack corpus: events, lists, nf_conntrack and ip_conntrack dumps (no XML, logs, stats, sysctl). */
    public static List<Path> conntrackTextCorpus() {
        return corpusFiles("events__", "list__", "nf_conntrack__", "ip_conntrack__");
    }

    /** Regular files under {@code <root>/samples/lab/recorded/}, or none when nothing was recorded. */
    public static List<Path> labRecordings() {
        Path dir = root().resolve("samples/lab/recorded");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a file split on LF, with a trailing CR kept, and no empty tail after a final newline. */
    public static List<byte[]> lines(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                out.add(java.util.Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        if (start < all.length) {
            out.add(java.util.Arrays.copyOfRange(all, start, all.length));
        }
        return out;
    }
}
