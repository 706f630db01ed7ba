package io.ctscope.ingest.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * One writer per journal directory: an exclusive lock on {@value #FILE_NAME} in it (a POSIX record lock,
 * which the kernel drops when the holder dies, however it dies), held for the whole ingest run. The holder
 * writes its pid into the file so that a second writer can say whom it waits for.
 */
public final class QueueLock implements AutoCloseable {
    public static final String FILE_NAME = "ingest.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private QueueLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the journal in {@code directory} (which must exist). When another process holds it:
     * with {@code wait}, tells {@code waiting} who holds it and blocks until it is free; without, throws.
     *
     * @throws JournalBusyException when the lock is held and {@code wait} is false
     */
    public static QueueLock acquire(Path directory, boolean wait, Consumer<String> waiting) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(directory + ": cannot write the journal there: permission denied", e);
        } catch (java.nio.file.FileSystemException e) {
            String reason = e.getReason() == null ? "cannot open " + FILE_NAME : e.getReason().toLowerCase(java.util.Locale.ROOT);
            throw new IOException(directory + ": cannot write the journal there: " + reason, e);
        }
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                String holder = holder(ch);
                if (!wait) {
                    throw new JournalBusyException(directory + ": another ingest" + holder
                        + " is writing this journal (not waiting: --no-wait)");
                }
                waiting.accept(directory + ": another ingest" + holder + " is writing this journal; waiting for it"
                    + " to finish (--no-wait fails at once instead)");
                l = ch.lock();
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            removeStaleTempFiles(directory);
            return new QueueLock(ch, l);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Temp files left by a writer killed between writing and renaming them ({@link AtomicFiles}): only the
     * lock's holder may remove them, since any other one belongs to it.
     */
    private static void removeStaleTempFiles(Path directory) throws IOException {
        try (java.nio.file.DirectoryStream<Path> stale = java.nio.file.Files.newDirectoryStream(directory, "*.tsv.*.tmp")) {
            for (Path p : stale) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        ch.read(b, 0);
        String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        return pid.matches("[0-9]{1,10}") ? " (pid " + pid + ")" : "";
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
