package io.ctscope.ingest.journal;

import io.ctscope.ingest.io.InputSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import io.ctscope.ingest.record.ConntrackRecord;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Exactly-once bookkeeping of the inputs journaled into one queue directory, kept in a small sidecar file
 * {@value #FILE_NAME} beside the queue and replaced atomically ({@link AtomicFiles}) on every change, so it
 * is always either the old or the new version. One process writes at a time ({@link QueueLock}).
 *
 * <p>Each input gets a stable int id. A file's identity is the file itself (device and inode) confirmed by
 * a {@link Fingerprint} of its first bytes; its path is only a hint. So a renamed or hard-linked file is the
 * same source, a rotated copy of a file that left its place (copytruncate, compression) continues it, and a
 * file rewritten, truncated or recreated on a reused inode is a new source read from the start (see
 * {@link Registration.Identity}). Standard input is a new source each time ({@link #registerStream}).
 *
 * <p>Checkpoints ({@link #commit}) may lag the journal, since the pipeline writes them only now and then; the
 * journal is the truth. {@link #resumePoint} therefore starts from the checkpoint and scans the journal
 * forward from the checkpoint's queue index for later records of the file, each carrying the end offset of its
 * line: after a crash at any point the resume offset is exactly the byte after the last journaled line.
 *
 * <p>Id 0 is never assigned: older journals used it for standard input. Thread-safe (every method locks;
 * none is on the per-record path).
 */
public final class SourceRegistry implements AutoCloseable {
    static {
        ChronicleSettings.apply();
    }

    public static final String FILE_NAME = "sources.tsv";
    /** A queue index meaning "none": before the first record. */
    public static final long NO_INDEX = -1;

    private static final String HEADER_V1 = "# ctscope sources v1";
    private static final String HEADER = "# ctscope sources v2";
    private static final String COLUMNS =
        "# id\tfile_key\tfingerprint\tcommitted_offset\tlines_consumed\tqueue_index\tpath";
    private static final int COLUMN_COUNT_V1 = 6;
    private static final int COLUMN_COUNT = 7;

    private final Path directory;
    private final Path file;
    private final TreeMap<Integer, Source> sources = new TreeMap<>();
    private SingleChronicleQueue queue;
    private int nextId = 1;

    private SourceRegistry(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
    }

    /**
     * Opens (or starts) the registry of the journal in {@code directory} for writing: creates the directory and
     * an empty registry if needed, so that even a journal of standard input alone is a journal.
     */
    public static SourceRegistry open(Path directory) throws IOException {
        Files.createDirectories(directory);
        SourceRegistry r = new SourceRegistry(directory);
        if (!r.load()) {
            r.persist();
        }
        return r;
    }

    /** Reads the registry of the journal in {@code directory} without changing anything on disk. */
    public static SourceRegistry read(Path directory) throws IOException {
        SourceRegistry r = new SourceRegistry(directory);
        r.load();
        return r;
    }

    /** The id of {@code path}, as {@link #recognise} finds it. */
    public int register(Path path) throws IOException {
        return recognise(path).id();
    }

    /**
     * Recognises {@code path} (see {@link Registration.Identity}) and records what was found at once: a new
     * source's scan point is the journal's current end; a known file's path and fingerprint are brought up to
     * date.
     */
    public synchronized Registration recognise(Path path) throws IOException {
        Path canonical = path.toRealPath();
        String key = fileKey(canonical);
        Fingerprint.Prefix prefix = Fingerprint.Prefix.of(canonical);
        long size = new InputSource(canonical.toString()).isGzip() ? -1 : Files.size(canonical);

        Source known = null;
        for (Source s : sources.descendingMap().values()) {
            boolean match = key.equals(Source.NO_FILE_KEY) ? s.path().equals(canonical) && !s.isStream()
                : s.fileKey().equals(key);
            if (match) {
                known = s;
                break;
            }
        }
        if (known != null) {
            if (holds(known, prefix, size)) {
                sources.put(known.id(), known.at(key, prefix.fingerprint(), canonical));
                persist();
                Registration.Identity how = known.path().equals(canonical) ? Registration.Identity.SAME
                    : Registration.Identity.MOVED;
                return new Registration(known.id(), how, known.path(), 0);
            }
            // the inode (or path) now holds something else: the journaled content is elsewhere or gone
            sources.put(known.id(), known.at(Source.NO_FILE_KEY, known.fingerprint(), known.path()));
        }
        // a new inode, or a reused one (a deleted generation's inode handed to a rotated copy): by content
        Source copied = copiedSource(prefix, size);
        if (copied != null) {
            sources.put(copied.id(), copied.at(key, prefix.fingerprint(), canonical));
            persist();
            return new Registration(copied.id(), Registration.Identity.CONTINUED, copied.path(), 0);
        }
        int id = add(key, prefix.fingerprint(), canonical);
        return known == null ? new Registration(id, Registration.Identity.NEW, null, 0)
            : new Registration(id, Registration.Identity.REWRITTEN, known.path(), known.id());
    }

    /** The source whose journaled content a file with this prefix and size holds, after it left its place. */
    private Source copiedSource(Fingerprint.Prefix prefix, long size) {
        for (Source s : sources.values()) {
            if (!s.isStream() && s.fingerprint().length() > 0 && holds(s, prefix, size) && !inPlace(s)) {
                return s;
            }
        }
        return null;
    }

    /** A new source for one read of a stream (standard input): it has no identity to resume by. */
    public synchronized int registerStream() throws IOException {
        return add(Source.STREAM_KEY, Fingerprint.NONE, Path.of(InputSource.STDIN));
    }

    private int add(String key, Fingerprint print, Path where) throws IOException {
        int id = nextId++;
        sources.put(id, new Source(id, key, print, where, 0, 0, queue().lastIndex()));
        persist();
        return id;
    }

    /** True when a file with this prefix and size can hold what {@code s} journaled. */
    private static boolean holds(Source s, Fingerprint.Prefix prefix, long size) {
        return prefix.matches(s.fingerprint()) && (size < 0 || size >= s.committedOffset());
    }

    /** True when {@code s}'s own file is still where it was seen, with its first bytes: a match elsewhere is a copy. */
    private static boolean inPlace(Source s) {
        try {
            if (s.fileKey().equals(Source.NO_FILE_KEY) || !Files.exists(s.path())
                || !fileKey(s.path().toRealPath()).equals(s.fileKey())) {
                return false;
            }
            return Fingerprint.Prefix.of(s.path()).matches(s.fingerprint());
        } catch (IOException unreadable) {
            return false;
        }
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
        sources.put(sourceId, s.committed(endOffset, linesConsumed, index));
        persist();
    }

    /**
     * Makes a resume point the source's checkpoint: the journal is the truth after a crash, whether it holds
     * more than the checkpoint (killed before the next one) or less (a power loss kept the checkpoint and lost
     * the journal's last pages; then, unlike {@link #commit}, the checkpoint goes back, and later records of
     * the source can only follow the journal's present end).
     */
    public synchronized void adopt(ResumePoint at) throws IOException {
        Source s = source(at.sourceId());
        long index = at.checkpointAheadOfJournal() ? queue().lastIndex() : s.queueIndex();
        sources.put(s.id(), s.committed(at.offset(), at.linesConsumed(), index));
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
            ConntrackRecord r = new ConntrackRecord();
            RecordCodec codec = new RecordCodec();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    long end;
                    try {
                        end = codec.decode(dc.wire().bytes(), r);
                    } catch (JournalDamageException damaged) {
                        continue; // readers report it; what it held cannot be trusted to resume from
                    }
                    if (r.source == sourceId && end > offset) {
                        offset = end;
                        lines = Math.max(lines, r.line);
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
        return key == null ? Source.NO_FILE_KEY : key.toString();
    }

    /** Reads the registry file; false when there is none yet. */
    private boolean load() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return false;
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + ": not a ctscope source registry (not UTF-8 text)");
        }
        boolean v1 = !lines.isEmpty() && lines.get(0).equals(HEADER_V1);
        if (lines.isEmpty() || !(v1 || lines.get(0).equals(HEADER))) {
            throw new IOException(file + ":1: not a ctscope source registry (expected \"" + HEADER + "\")");
        }
        int columns = v1 ? COLUMN_COUNT_V1 : COLUMN_COUNT;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != columns) {
                throw new IOException(file + ":" + (i + 1) + ": expected " + columns + " tab-separated columns, found "
                    + cols.length);
            }
            try {
                int c = 0;
                int id = Integer.parseInt(cols[c++]);
                String key = unescape(cols[c++]);
                Fingerprint print = v1 ? Fingerprint.NONE : Fingerprint.parse(cols[c++]);
                long offset = Long.parseLong(cols[c++]);
                long lineCount = Long.parseLong(cols[c++]);
                long index = Long.parseLong(cols[c++]);
                Path where = Path.of(unescape(cols[c]));
                if (id <= 0 || offset < 0 || lineCount < 0 || index < NO_INDEX || sources.containsKey(id)) {
                    throw new NumberFormatException("id " + id + ", offset " + offset + ", lines " + lineCount
                        + ", index " + index + " (an id must be positive and unique, counts not negative)");
                }
                sources.put(id, new Source(id, key, print, where, offset, lineCount, index));
                nextId = Math.max(nextId, id + 1);
            } catch (NumberFormatException | java.nio.file.InvalidPathException e) {
                throw new IOException(file + ":" + (i + 1) + ": damaged entry: " + e.getMessage());
            }
        }
        return true;
    }

    private void persist() throws IOException {
        StringBuilder sb = new StringBuilder(128 + sources.size() * 96);
        sb.append(HEADER).append('\n').append(COLUMNS).append('\n');
        for (Source s : sources.values()) {
            sb.append(s.id()).append('\t')
                .append(escape(s.fileKey())).append('\t')
                .append(s.fingerprint()).append('\t')
                .append(s.committedOffset()).append('\t')
                .append(s.linesConsumed()).append('\t')
                .append(s.queueIndex()).append('\t')
                .append(escape(s.path().toString())).append('\n');
        }
        AtomicFiles.replace(file, sb.toString().getBytes(StandardCharsets.UTF_8));
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
