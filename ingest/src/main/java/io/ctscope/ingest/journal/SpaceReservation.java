package io.ctscope.ingest.journal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Keeps the disk blocks ahead of the journal's write position allocated, by writing zeros there with
 * ordinary writes, before the memory-mapped appender touches them. Chronicle Queue grows its files sparse
 * and writes through a mapping: on a full disk, touching an unallocated page raises SIGBUS, which Java
 * turns into an {@link InternalError} at some later instruction, after a partial record. A write(2)
 * instead fails cleanly with ENOSPC before anything of the record is written. Only the single writer
 * (holder of the {@link QueueLock}) writes past the write position, so the zeros never overwrite data.
 */
final class SpaceReservation implements AutoCloseable {
    /** Refill when less than this is reserved ahead: more than a record plus a Chronicle index array (256 KiB). */
    static final long LOW_WATER = 1L << 20;
    /** Reserve this far ahead of the write position at each refill. */
    static final long AHEAD = 2L << 20;

    private final ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 16);
    private File file;
    private FileChannel channel;
    private long reservedTo;

    /** Makes sure the blocks of {@code file} from {@code position} to {@link #LOW_WATER} beyond it are allocated. */
    void ensure(File file, long position) throws IOException {
        if (!file.equals(this.file)) {
            close();
            this.channel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE);
            this.file = file;
            this.reservedTo = position;
        }
        if (position + LOW_WATER <= reservedTo) {
            return;
        }
        long from = Math.max(position, reservedTo);
        long to = position + AHEAD;
        for (long at = from; at < to; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), to - at));
            at += channel.write(zeros, at);
        }
        reservedTo = to;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            file = null;
        }
    }
}
