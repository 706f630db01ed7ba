package io.ctscope.ingest.live;

import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.io.Printable;
import io.ctscope.ingest.journal.Fingerprint;
import io.ctscope.ingest.journal.Registration;
import io.ctscope.ingest.journal.ResumePoint;
import io.ctscope.ingest.journal.ResumeStatus;
import io.ctscope.ingest.journal.Source;
import io.ctscope.ingest.journal.SourceRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The followed file's generations as the journal's {@link SourceRegistry} knows them: each generation is
 * recognised by identity (device and inode, confirmed by its first bytes) exactly as {@code ctscope ingest}
 * recognises files, and read on from its resume point (the byte after its last journaled line, found in
 * the journal itself even when the last checkpoint lagged). So a restart of {@code live --follow} on the
 * same queue continues the file exactly once, and a generation renamed away while ctscope was stopped
 * ({@code events.log} → {@code events.log.1}) is found beside it by its inode and its rest read first;
 * one made and rotated away while it was stopped is found beside it as a file never journaled, written to
 * after the generations it knows, and read whole.
 */
public final class JournaledGenerations implements FollowedGenerations {
    private static final List<String> COMPRESSED = List.of(".gz", ".xz", ".bz2", ".zst", ".lz4", ".Z");
    private final SourceRegistry registry;

    public JournaledGenerations(SourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Start begin(Path file) throws IOException {
        Registration reg = registry.recognise(file);
        ResumePoint at = registry.resumePoint(reg.id());
        String name = Printable.of(file.toString());
        if (!at.status().canResume()) {
            return unresumable(file, name + ": " + at.why());
        }
        settle(reg.id(), at);
        String note = null;
        if (reg.identity() == Registration.Identity.CONTINUED || reg.identity() == Registration.Identity.REWRITTEN) {
            note = name + ": " + reg.describe();
        } else if (at.offset() > 0) {
            note = name + ": resuming at byte " + at.offset() + ", line " + at.nextLine() + " (journaled before)";
        }
        return new Start(file, reg.id(), at.offset(), at.nextLine(), note);
    }

    @Override
    public Start truncated(Path file) throws IOException {
        Registration reg = registry.recognise(file);
        if (reg.identity() == Registration.Identity.NEW || reg.identity() == Registration.Identity.REWRITTEN) {
            return new Start(file, reg.id(), 0, 1, null);
        }
        return unresumable(file, Printable.of(file.toString()) + ": truncated, but it starts as the file journaled before");
    }

    /**
     * A file the registry cannot place (its first bytes are those journaled, yet it is shorter than what was
     * journaled from it): read whole, as the feed's own lines, which have no resume point.
     */
    private static Start unresumable(Path file, String why) {
        return new Start(file, FeedSegment.FEED, 0, 1, why + "; journaling it from its start without a resume point"
            + " (a restart before its next rotation may journal it again)");
    }

    @Override
    public List<Start> leftovers(Path followed) throws IOException {
        Path path = followed.toAbsolutePath().normalize();
        Path dir = path.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        String current = Files.exists(path) ? fileKey(path) : null;
        List<Start> found = new ArrayList<>();
        Set<String> knownKeys = new HashSet<>();
        long newestKnown = Long.MIN_VALUE;
        for (Source s : registry.sources()) {
            if (s.isStream() || s.fileKey().equals(Source.NO_FILE_KEY) || !isGenerationName(s.path(), path)) {
                continue;
            }
            knownKeys.add(s.fileKey());
            if (s.fileKey().equals(current)) {
                newestKnown = Math.max(newestKnown, modified(path));
                continue;
            }
            Path moved = findByKey(dir, s.fileKey(), path);
            if (moved == null || !Fingerprint.Prefix.of(moved).matches(s.fingerprint())) {
                continue;
            }
            Registration reg = registry.recognise(moved);
            if (reg.id() != s.id()) {
                continue;
            }
            newestKnown = Math.max(newestKnown, modified(moved));
            ResumePoint at = registry.resumePoint(s.id());
            if (at.status() == ResumeStatus.RESUME) {
                settle(s.id(), at);
                found.add(new Start(moved, s.id(), at.offset(), at.nextLine(), Printable.of(moved.toString())
                    + ": rotated away from " + Printable.of(path.toString()) + " while not followed: journaling its"
                    + " rest from byte " + at.offset() + ", line " + at.nextLine()));
            }
        }
        if (newestKnown != Long.MIN_VALUE) {
            found.addAll(unseen(dir, path, knownKeys, newestKnown));
        }
        return found;
    }

    /**
     * Generations made and rotated away while nothing followed the file (two rotations or more while
     * ctscope was stopped): beside it under one of its rotated names, never journaled (a file key the
     * registry does not know, and first bytes it has not seen), and written to after every generation it
     * knows that is still there (an older rotation, from before ctscope first followed the file, was last
     * written before those). Oldest first, each read whole. Compressed rotations are not read as text:
     * they are named, for {@code ctscope ingest}.
     */
    private List<Start> unseen(Path dir, Path followed, Set<String> knownKeys, long newestKnown) throws IOException {
        // by when each was last written, read once
        TreeMap<Long, List<Path>> candidates = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.equals(followed) || !isGenerationName(p, followed) || !Files.isRegularFile(p)
                    || knownKeys.contains(fileKey(p))) {
                    continue;
                }
                long written = modified(p);
                if (written >= newestKnown) {
                    candidates.computeIfAbsent(written, k -> new ArrayList<>()).add(p);
                }
            }
        }
        List<Path> oldestFirst = new ArrayList<>();
        for (List<Path> same : candidates.values()) {
            same.sort(null);
            oldestFirst.addAll(same);
        }
        List<Start> out = new ArrayList<>();
        for (Path p : oldestFirst) {
            String name = Printable.of(p.toString());
            if (isCompressed(p)) {
                out.add(new Start(p, NOT_READ, 0, 1, name + ": a compressed generation of "
                    + Printable.of(followed.toString()) + " made while not followed is not read by live:"
                    + " journal it with ctscope ingest --queue DIR " + name));
                continue;
            }
            Registration reg = registry.recognise(p);
            if (reg.identity() != Registration.Identity.NEW) {
                continue;
            }
            out.add(new Start(p, reg.id(), 0, 1, name + ": made and rotated away from " + Printable.of(followed.toString())
                + " while not followed: journaling it whole"));
        }
        return out;
    }

    /** gzip (by its magic, as ingest reads it) or another compressor's name: not text to follow. */
    private static boolean isCompressed(Path p) throws IOException {
        String n = p.getFileName().toString();
        for (String suffix : COMPRESSED) {
            if (n.endsWith(suffix)) {
                return true;
            }
        }
        return new InputSource(p.toString()).isGzip();
    }

    private static long modified(Path p) throws IOException {
        return Files.getLastModifiedTime(p).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The journal ran ahead of the last checkpoint (or lost its tail): the checkpoint follows the journal. */
    private void settle(int id, ResumePoint at) throws IOException {
        if (at.recoveredFromJournal() > 0 || at.checkpointAheadOfJournal()) {
            registry.adopt(at);
        }
    }

    /** {@code p} is the followed path or one of logrotate's names for it beside it ({@code events.log.1}, {@code -20261201}). */
    private static boolean isGenerationName(Path p, Path followed) {
        Path abs = p.toAbsolutePath().normalize();
        return followed.getParent().equals(abs.getParent())
            && abs.getFileName().toString().startsWith(followed.getFileName().toString());
    }

    private static Path findByKey(Path dir, String key, Path except) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!p.equals(except) && Files.isRegularFile(p) && key.equals(fileKey(p))) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String fileKey(Path p) throws IOException {
        Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        return key == null ? Source.NO_FILE_KEY : key.toString();
    }
}
