package io.ctscope.ingest.journal;

import io.ctscope.ingest.io.InputSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Exactly-once bookkeeping of the input files journaled into one queue directory, kept in a small sidecar
 * file {@value #FILE_NAME} beside the queue and replaced atomically (temp file, fsync, rename, fsync of the
 * directory) on every change, so it is always either the old or the new version.
 *
 * <p>Each file gets a stable int id; its identity is its file key (device and inode) together with its
 * canonical path, so a rotated file (new inode at the same path) is a new source. Checkpoints
 * ({@link #commit}) may lag the journal, since the pipeline writes them only now and then; the journal is the
 * truth. {@link #resumePoint} therefore starts from the checkpoint and scans the journal forward from the
 * checkpoint's queue index for later records of the file, each carrying the end offset of its line: after a
 * crash at any point the resume offset is exactly the byte after the last journaled line of that file.
 *
 * <p>Id 0 is never assigned: it marks records from inputs that cannot be resumed (standard input).
 * Thread-safe (every method locks; none is on the per-record path).
 */
public final class SourceRegistry implements AutoCloseable {
    static {
        ChronicleSettings.apply();
    }

    public static final String FILE_NAME = "sources.tsv";
    /** A queue index meaning "none": before the first record. */
    public static final long NO_INDEX = -1;

    private static final String HEADER = "# ctscope sources v1";
    private static final String COLUMNS = "# id\tfile_key\tcommitted_offset\tlines_consumed\tqueue_index\tpath";
    private static final String NO_FILE_KEY = "-";
    private static final int COLUMN_COUNT = 6;

    private final Path directory;
    private final Path file;
    private final Path temp;
    private final Map<Integer, Source> sources = new TreeMap<>();
    private SingleChronicleQueue queue;
    private int nextId = 1;

    private SourceRegistry(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.temp = directory.resolve(FILE_NAME + ".tmp");
    }

    /** Opens (or starts) the registry of the journal in {@code directory}, creating the directory if needed. */
    public static SourceRegistry open(Path directory) throws IOException {
        Files.createDirectories(directory);
        SourceRegistry r = new SourceRegistry(directory);
        r.load();
        return r;
    }

    /**
     * The id of {@code path}: the one it was given before if the same file (same file key and canonical path)
     * is known, else a new one, recorded at once. A new source's scan point is the journal's current end.
     */
    public synchronized int register(Path path) throws IOException {
        Path canonical = path.toRealPath();
        String key = fileKey(canonical);
        for (Source s : sources.values()) {
            if (s.fileKey().equals(key) && s.path().equals(canonical)) {
                return s.id();
            }
        }
        int id = nextId++;
        sources.put(id, new Source(id, key, canonical, 0, 0, queue().lastIndex()));
        persist();
        return id;
    }

    public synchronized Source source(int id) {
        Source s = sources.get(id);
        if (s == null) {
            throw new IllegalArgumentException("unknown source id " + id);
        }
        return s;
    }

    public synchronized List<Source> sources() {
        return new ArrayList<>(sources.values());
    }

    /**
     * Checkpoints {@code sourceId}: everything before {@code endOffset} ({@code linesConsumed} lines) is
     * journaled, the last of it at or before {@code queueIndex}; written to disk before returning. The
     * pipeline calls it now and then (not per record) and at close. For durability against power loss,
     * {@link JournalWriter#sync()} the journal first.
     */
    public synchronized void commit(int sourceId, long endOffset, long linesConsumed, long queueIndex)
        throws IOException {
        Source s = source(sourceId);
        if (endOffset < s.committedOffset() || linesConsumed < s.linesConsumed()) {
            throw new IllegalArgumentException("source " + sourceId + ": checkpoint would go back from offset "
                + s.committedOffset() + " (" + s.linesConsumed() + " lines) to " + endOffset + " ("
                + linesConsumed + " lines)");
        }
        long index = queueIndex >= 0 ? queueIndex : s.queueIndex();
        sources.put(sourceId, new Source(sourceId, s.fileKey(), s.path(), endOffset, linesConsumed, index));
        persist();
    }

    /**
     * Where to continue reading {@code sourceId}: the checkpoint, moved forward past every record of the
     * file the journal holds after it, then checked against the file as it is now.
     */
    public synchronized ResumePoint resumePoint(int sourceId) throws IOException {
        Source s = source(sourceId);
        long offset = s.committedOffset();
        long lines = s.linesConsumed();
        long recovered = 0;
        boolean behind = false;

        try (ExcerptTailer tailer = queue().createTailer()) {
            long from = s.queueIndex();
            if (from >= 0 && !tailer.moveToIndex(from)) {
                // the index is not in the journal: behind its end (the journal lost its tail) or in a
                // removed cycle; either way the journal from its start is all there is to go by
                behind = from > queue.lastIndex();
                tailer.toStart();
                if (behind) {
                    offset = 0;
                    lines = 0;
                }
            }
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    long at = b.readPosition();
                    if (b.readRemaining() < RecordCodec.FIXED_LENGTH || RecordCodec.source(b, at) != sourceId) {
                        continue;
                    }
                    long end = RecordCodec.endOffset(b, at);
                    if (end > offset) {
                        offset = end;
                        lines = Math.max(lines, RecordCodec.lineNumber(b, at));
                        recovered++;
                    }
                }
            }
        }

        ResumeStatus status;
        long size = -1;
        if (!Files.exists(s.path())) {
            status = ResumeStatus.MISSING;
        } else if (!fileKey(s.path().toRealPath()).equals(s.fileKey())) {
            status = ResumeStatus.REPLACED;
            size = Files.size(s.path());
        } else {
            size = Files.size(s.path());
            if (offset == 0) {
                status = ResumeStatus.NEW;
            } else if (new InputSource(s.path().toString()).isGzip()) {
                // offsets count decompressed bytes: the compressed size says nothing about them
                status = ResumeStatus.RESUME;
            } else if (size < offset) {
                status = ResumeStatus.TRUNCATED;
            } else {
                status = size == offset ? ResumeStatus.UP_TO_DATE : ResumeStatus.RESUME;
            }
        }
        return new ResumePoint(sourceId, status, offset, lines, size, recovered, behind);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (queue != null) {
            queue.close();
            queue = null;
        }
    }

    private SingleChronicleQueue queue() {
        if (queue == null) {
            queue = JournalWriter.openQueue(directory);
        }
        return queue;
    }

    private static String fileKey(Path path) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        return key == null ? NO_FILE_KEY : key.toString();
    }

    private void load() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return;
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + ":1: not a ctscope source registry (expected \"" + HEADER + "\")");
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != COLUMN_COUNT) {
                throw new IOException(file + ":" + (i + 1) + ": expected " + COLUMN_COUNT + " tab-separated columns, found "
                    + cols.length);
            }
            try {
                int id = Integer.parseInt(cols[0]);
                Source s = new Source(id, unescape(cols[1]), Path.of(unescape(cols[5])), Long.parseLong(cols[2]),
                    Long.parseLong(cols[3]), Long.parseLong(cols[4]));
                sources.put(id, s);
                nextId = Math.max(nextId, id + 1);
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + (i + 1) + ": bad number: " + e.getMessage());
            }
        }
    }

    private void persist() throws IOException {
        StringBuilder sb = new StringBuilder(128 + sources.size() * 96);
        sb.append(HEADER).append('\n').append(COLUMNS).append('\n');
        for (Source s : sources.values()) {
            sb.append(s.id()).append('\t')
                .append(escape(s.fileKey())).append('\t')
                .append(s.committedOffset()).append('\t')
                .append(s.linesConsumed()).append('\t')
                .append(s.queueIndex()).append('\t')
                .append(escape(s.path().toString())).append('\n');
        }
        ByteBuffer data = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            while (data.hasRemaining()) {
                ch.write(data);
            }
            ch.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + file + " atomically on this file system", e);
        }
        syncDirectory();
    }

    /** Makes the rename itself durable (Linux: fsync on a directory opened for reading). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException notSupported) {
            // some platforms cannot open a directory as a channel; the rename is still atomic there
        }
    }

    /** Escapes the characters that would break the line format: backslash, tab, newline, carriage return. */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : null;
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "SourceRegistry[" + file + ", " + sources.size() + " sources]";
    }
}
