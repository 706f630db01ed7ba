package io.ctscope.ingest.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctscope.ingest.record.ConntrackRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRegistryTest {
    @TempDir
    Path tmp;

    private Path journal() {
        return tmp.resolve("journal");
    }

    /** 300 lines: conntrack events, with a blank line and a garbled one among them (read, never journaled). */
    private Path capture(String name, int lines) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
            if (i % 50 == 0) {
                out.add("");
            } else if (i % 77 == 0) {
                out.add("this is not conntrack output " + i);
            } else {
                out.add("    [NEW] tcp      6 120 SYN_SENT src=10.0." + (i / 250) + "." + (i % 250) + " dst=172.16.0.1 sport="
                    + (1024 + i) + " dport=443 [UNREPLIED] src=172.16.0.1 dst=10.0.0.1 sport=443 dport=" + (1024 + i));
            }
        }
        Path f = tmp.resolve(name);
        JournalTestRecords.writeLines(f, out);
        return f;
    }

    @Test
    void aFileKeepsItsIdAcrossReopenAndAnotherFileGetsAnother() throws IOException {
        Path a = capture("a.log", 10);
        Path b = capture("b.log", 10);
        int idA;
        int idB;
        try (SourceRegistry r = SourceRegistry.open(journal())) {
            idA = r.register(a);
            idB = r.register(b);
            assertEquals(idA, r.register(a));
            assertEquals(idA, r.register(tmp.resolve("./a.log")), "same file by another spelling of its path");
        }
        assertNotEquals(idA, idB);
        assertTrue(idA > 0 && idB > 0, "0 is left for stdin");
        try (SourceRegistry r = SourceRegistry.open(journal())) {
            assertEquals(idA, r.register(a));
            assertEquals(idB, r.register(b));
            assertEquals(a.toRealPath(), r.source(idA).path());
        }
    }

    @Test
    void aCheckpointSurvivesReopenAndIsWhereReadingResumes() throws IOException {
        Path f = capture("a.log", 300);
        try (SourceRegistry r = SourceRegistry.open(journal()); JournalWriter w = new JournalWriter(journal())) {
            int id = r.register(f);
            assertEquals(ResumeStatus.NEW, r.resumePoint(id).status());
            new FileJournaler(w, r).journal(f, id, r.resumePoint(id), 120, 40);
        }
        long[] starts = lineStarts(f);
        try (SourceRegistry r = SourceRegistry.open(journal())) {
            int id = r.register(f);
            Source s = r.source(id);
            assertEquals(starts[120], s.committedOffset());
            assertEquals(120, s.linesConsumed());
            ResumePoint p = r.resumePoint(id);
            assertEquals(ResumeStatus.RESUME, p.status());
            assertEquals(starts[120], p.offset());
            assertEquals(121, p.nextLine());
            assertEquals(0, p.recoveredFromJournal());
            assertEquals(Files.size(f), p.fileSize());
        }
        assertFalse(Files.exists(journal().resolve(SourceRegistry.FILE_NAME + ".tmp")));
        assertTrue(Files.readAllLines(journal().resolve(SourceRegistry.FILE_NAME)).get(0).startsWith("# ctscope sources"));
    }

    @Test
    void theResumePointIsExactWhenTheCheckpointLagsTheJournal() throws IOException {
        Path f = capture("a.log", 300);
        Path other = capture("other.log", 300);
        try (SourceRegistry r = SourceRegistry.open(journal()); JournalWriter w = new JournalWriter(journal())) {
            int id = r.register(f);
            int otherId = r.register(other);
            FileJournaler j = new FileJournaler(w, r);
            j.journal(f, id, r.resumePoint(id), 100, 100);          // checkpoint at line 100
            j.journal(other, otherId, r.resumePoint(otherId), 250, 0); // another file interleaved, never checkpointed
            j.journal(f, id, r.resumePoint(id), 73, 0);            // lines 101..173 journaled, then a "crash"
        }
        long[] starts = lineStarts(f);
        try (SourceRegistry r = SourceRegistry.open(journal()); JournalWriter w = new JournalWriter(journal())) {
            int id = r.register(f);
            assertEquals(starts[100], r.source(id).committedOffset(), "the checkpoint lags");
            ResumePoint p = r.resumePoint(id);
            assertEquals(ResumeStatus.RESUME, p.status());
            assertEquals(starts[173], p.offset());
            assertEquals(174, p.nextLine());
            assertTrue(p.recoveredFromJournal() > 0);
            ResumePoint q = r.resumePoint(r.register(other));
            // from the journal alone: the end of the last journaled line, 249 (line 250 is blank, never journaled,
            // so it is read again: harmless, it yields no record)
            assertEquals(starts[249], q.offset(), "the other file's end from the journal alone");
            assertEquals(250, q.nextLine());
            // finishing from the resume point journals every line exactly once
            new FileJournaler(w, r).journal(f, id, p, Long.MAX_VALUE, 1000);
            assertEquals(ResumeStatus.UP_TO_DATE, r.resumePoint(id).status());
        }
        assertEachRecordLineOnce(f, 1);
    }

    @Test
    void theResumePointIsExactWhenTheProcessIsKilledBeforeItsNextCheckpoint() throws Exception {
        Path f = capture("a.log", 300);
        Files.createDirectories(journal());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle") || arg.startsWith("-Dctscope")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashingJournaler.class.getName());
        cmd.addAll(List.of(journal().toString(), f.toString(), "210", "64"));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("journaled"));
            assertTrue(line != null, "the child journaled and waits to be killed");
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        long[] starts = lineStarts(f);
        try (SourceRegistry r = SourceRegistry.open(journal()); JournalWriter w = new JournalWriter(journal())) {
            int id = r.register(f);
            assertEquals(starts[192], r.source(id).committedOffset(), "last checkpoint at line 3 * 64");
            ResumePoint p = r.resumePoint(id);
            assertEquals(starts[210], p.offset());
            assertEquals(211, p.nextLine());
            new FileJournaler(w, r).journal(f, id, p, Long.MAX_VALUE, 1000);
        }
        assertEachRecordLineOnce(f, 1);
    }

    @Test
    void aFileThatWasNeverCheckpointedResumesFromTheJournalAlone() throws IOException {
        Path f = capture("a.log", 300);
        try (SourceRegistry r = SourceRegistry.open(journal()); JournalWriter w = new JournalWriter(journal())) {
            int id = r.register(f);
            new FileJournaler(w, r).journal(f, id, r.resumePoint(id), 57, 0);
        }
        try (SourceRegistry r = SourceRegistry.open(journal())) {
            ResumePoint p = r.resumePoint(r.register(f));
            assertEquals(lineStarts(f)[57], p.offset());
            assertEquals(58, p.nextLine());
        }
    }

    @Test
    void aFileShorterThanWhatWasJournaledIsANewSourceReadFromTheStart() throws IOException {
        Path f = capture("a.log", 300);
        try (SourceRegistry r = SourceRegistry.open(journal()); JournalWriter w = new JournalWriter(journal())) {
            int id = r.register(f);
            new FileJournaler(w, r).journal(f, id, r.resumePoint(id), 200, 100);
        }
        long cut = lineStarts(f)[150];
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(cut); // truncated in place: same inode
        }
        try (SourceRegistry r = SourceRegistry.open(journal())) {
            Registration again = r.recognise(f);
            assertEquals(Registration.Identity.REWRITTEN, again.identity());
            assertEquals(1, again.previousId());
            ResumePoint p = r.resumePoint(again.id());
            assertEquals(ResumeStatus.NEW, p.status());
            assertEquals(0, p.offset());
            assertEquals(cut, p.fileSize());
        }
    }

    @Test
    void aFileReadToItsEndIsUpToDateAndResumesWhenItGrows() throws IOException {
        Path f = capture("a.log", 99); // its last line is a record
        try (SourceRegistry r = SourceRegistry.open(journal()); JournalWriter w = new JournalWriter(journal())) {
            int id = r.register(f);
            new FileJournaler(w, r).journal(f, id, r.resumePoint(id), Long.MAX_VALUE, 0);
            ResumePoint end = r.resumePoint(id);
            assertEquals(ResumeStatus.UP_TO_DATE, end.status());
            assertEquals(Files.size(f), end.offset());
            assertEquals(99, end.linesConsumed());
            Files.writeString(f, "a line appended later\n", java.nio.file.StandardOpenOption.APPEND);
            ResumePoint grown = r.resumePoint(id);
            assertEquals(ResumeStatus.RESUME, grown.status());
            assertEquals(end.offset(), grown.offset());
            assertEquals(100, grown.nextLine());
        }
    }

    @Test
    void aRotatedFileIsANewSourceAndTheOldIdReportsItReplaced() throws IOException {
        Path f = capture("a.log", 100);
        Path fresh = capture("fresh.log", 20);
        try (SourceRegistry r = SourceRegistry.open(journal()); JournalWriter w = new JournalWriter(journal())) {
            int id = r.register(f);
            new FileJournaler(w, r).journal(f, id, r.resumePoint(id), 60, 30);
            Files.move(fresh, f, StandardCopyOption.REPLACE_EXISTING); // new inode at the same path
            assertEquals(ResumeStatus.REPLACED, r.resumePoint(id).status());
            int newId = r.register(f);
            assertNotEquals(id, newId);
            assertEquals(ResumeStatus.NEW, r.resumePoint(newId).status());
            Files.delete(f);
            assertEquals(ResumeStatus.MISSING, r.resumePoint(newId).status());
        }
    }

    /**
     * copytruncate after the oldest generation was deleted: the file system gives the new copy the freed inode
     * of a journaled generation (ext4 and tmpfs reuse inode numbers at once). The inode names the deleted
     * file's source, but the content is the live file's: the copy continues the live file's source. Seen in
     * CI as 25,635 records journaled twice ({@code JournalFaultInjectionTest}); here the reuse is made
     * certain by writing the copy into the old generation's inode.
     */
    @Test
    void aRotatedCopyOnAReusedInodeContinuesTheFileItCopiesNotTheInodesOldSource() throws IOException {
        Path old = tmp.resolve("events.log.5");
        List<String> oldLines = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            oldLines.add("    [DESTROY] udp      17 src=10.9.9." + i + " dst=172.16.0.9 sport=53 dport=53 src=172.16.0.9"
                + " dst=10.9.9." + i + " sport=53 dport=53");
        }
        JournalTestRecords.writeLines(old, oldLines);
        Path live = capture("events.log", 300);
        byte[] liveBytes = Files.readAllBytes(live);
        int oldId;
        int liveId;
        try (SourceRegistry r = SourceRegistry.open(journal()); JournalWriter w = new JournalWriter(journal())) {
            oldId = r.register(old);
            new FileJournaler(w, r).journal(old, oldId, r.resumePoint(oldId), Long.MAX_VALUE, 0);
            liveId = r.register(live);
            new FileJournaler(w, r).journal(live, liveId, r.resumePoint(liveId), 200, 50);
        }
        Object oldInode = Files.readAttributes(old, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Files.write(old, liveBytes); // the copy, on the old generation's inode
        assertEquals(oldInode, Files.readAttributes(old, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        Path copy = Files.move(old, tmp.resolve("events.log.1"));
        try (RandomAccessFile raf = new RandomAccessFile(live.toFile(), "rw")) {
            raf.setLength(0);
        }
        Files.writeString(live, "    [NEW] icmp     1 30 src=10.1.1.1 dst=172.16.0.1 type=8 code=0 id=7 [UNREPLIED]"
            + " src=172.16.0.1 dst=10.1.1.1 type=0 code=0 id=7\n");
        try (SourceRegistry r = SourceRegistry.open(journal())) {
            Registration fresh = r.recognise(live);
            assertEquals(Registration.Identity.REWRITTEN, fresh.identity());
            Registration rotated = r.recognise(copy);
            assertEquals(Registration.Identity.CONTINUED, rotated.identity(), "the copy of the live file");
            assertEquals(liveId, rotated.id());
            ResumePoint p = r.resumePoint(rotated.id());
            assertEquals(ResumeStatus.RESUME, p.status());
            assertEquals(lineStarts(copy)[200], p.offset());
            assertEquals(201, p.nextLine());
            assertEquals(Source.NO_FILE_KEY, r.source(oldId).fileKey(), "the deleted generation's source is gone");
        }
    }

    @Test
    void aCheckpointAheadOfTheJournalDefersToTheJournal() throws IOException {
        Path f = capture("a.log", 300);
        try (SourceRegistry r = SourceRegistry.open(journal()); JournalWriter w = new JournalWriter(journal())) {
            int id = r.register(f);
            new FileJournaler(w, r).journal(f, id, r.resumePoint(id), 40, 0);
            // as after a power loss: the checkpoint reached the disk, the journal's last pages did not
            r.commit(id, lineStarts(f)[90], 90, w.lastIndexAppended() + 50);
            ResumePoint p = r.resumePoint(id);
            assertTrue(p.checkpointAheadOfJournal());
            assertEquals(lineStarts(f)[40], p.offset());
            assertEquals(41, p.nextLine());
            // the run after it takes the checkpoint back (commit would refuse) and checkpoints on from there
            r.adopt(p);
            assertEquals(lineStarts(f)[40], r.source(id).committedOffset());
            new FileJournaler(w, r).journal(f, id, r.resumePoint(id), Long.MAX_VALUE, 25); // checkpoints at 65, 90, ...
            assertEquals(ResumeStatus.UP_TO_DATE, r.resumePoint(id).status());
            assertEquals(300, r.source(id).linesConsumed());
        }
        assertEachRecordLineOnce(f, 1);
    }

    @Test
    void aCheckpointCannotGoBack() throws IOException {
        Path f = capture("a.log", 10);
        try (SourceRegistry r = SourceRegistry.open(journal())) {
            int id = r.register(f);
            r.commit(id, 500, 5, SourceRegistry.NO_INDEX);
            assertThrows(IllegalArgumentException.class, () -> r.commit(id, 400, 5, SourceRegistry.NO_INDEX));
            assertThrows(IllegalArgumentException.class, () -> r.resumePoint(id + 100));
        }
    }

    @Test
    void pathsWithTabsAndNewlinesSurviveTheRegistryFile() throws IOException {
        Path f = tmp.resolve("odd\tname\nwith \\ things.log");
        Files.writeString(f, "x\n");
        int id;
        try (SourceRegistry r = SourceRegistry.open(journal())) {
            id = r.register(f);
        }
        try (SourceRegistry r = SourceRegistry.open(journal())) {
            assertEquals(f.toRealPath(), r.source(id).path());
            assertEquals(id, r.register(f));
        }
    }

    @Test
    void aDamagedRegistryFileIsReportedWithItsLine() throws IOException {
        Files.createDirectories(journal());
        Files.writeString(journal().resolve(SourceRegistry.FILE_NAME), "# ctscope sources v1\n1\tkey\tnot-a-number\t0\t0\t/x\n");
        IOException e = assertThrows(IOException.class, () -> SourceRegistry.open(journal()));
        assertTrue(e.getMessage().contains(":2:"), e.getMessage());
    }

    /** Every record line of {@code f} is in the journal exactly once, in order. */
    private void assertEachRecordLineOnce(Path f, int source) {
        List<Long> lines = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journal())) {
            reader.replay((ConntrackRecord rec) -> {
                if (rec.source == source) {
                    lines.add(rec.line);
                }
            });
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= lineStarts(f).length - 1; i++) {
            if (i % 50 != 0 && i % 77 != 0) {
                expected.add(i);
            }
        }
        assertEquals(expected, lines);
    }

    /** Byte offset where each line starts, index = lines before it (so [n] is the end of line n). */
    private static long[] lineStarts(Path f) {
        try {
            byte[] all = Files.readAllBytes(f);
            List<Long> starts = new ArrayList<>();
            starts.add(0L);
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    starts.add((long) i + 1);
                }
            }
            return starts.stream().mapToLong(Long::longValue).toArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
