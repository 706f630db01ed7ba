package io.ctscope.fleet.summary;

import org.HdrHistogram.Histogram;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A {@link BoxSummary} as the value of a summaries record (big endian, {@link DataOutputStream}'s forms):
 * <pre>
 * version u8 (2) | box utf | bucketMicros i64 | interval i32 | firstIndex, lastIndex, records, wallMillis,
 * lagRecords, lagMillis, conntrackMax, flowsOpened, flowsClosed, entriesEnd, entriesMax i64
 * cells i32, then per cell: kind u8, protocol u8, state+1 u8 (0: none), count i64
 * sketch length i32 (0: none), DataSketches frequent-items bytes (strings)
 * histogram length i32 (0: none), HdrHistogram compressed bytes
 * nat entries i32, then per entry: address utf, peak i64
 * since version 2: projection u8 (0: none, 1: follows), then proposal utf, currentPeak, projectedPeak,
 *   projectedPeakLow, projectedPeakHigh, projectedPeakCounted, projectedPeakMicros, asOfMicros, intervalEnd,
 *   intervalMax i64 (a heartbeat may carry one too: the box's projection at the end of a run)
 * </pre>
 * Version 1 (before {@code ship --set}) is the same without the projection, and still reads: its deltas have
 * none. A reader refuses any other version by name, so an older fleet never misreads a newer shipper.
 */
public final class SummaryCodec {
    public static final int VERSION = 2;
    /** The oldest version this build reads. */
    public static final int OLDEST = 1;

    private SummaryCodec() {
    }

    public static byte[] encode(BoxSummary s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(s.box);
            out.writeLong(s.bucketMicros);
            out.writeInt(s.intervalSeconds);
            for (long v : new long[] {s.firstIndex, s.lastIndex, s.records, s.wallMillis, s.lagRecords, s.lagMillis,
                s.conntrackMax, s.flowsOpened, s.flowsClosed, s.entriesEnd, s.entriesMax}) {
                out.writeLong(v);
            }
            int cells = 0;
            for (long c : s.events) {
                if (c != 0) {
                    cells++;
                }
            }
            out.writeInt(cells);
            for (int i = 0; i < s.events.length; i++) {
                if (s.events[i] != 0) {
                    int inKind = i % EventCells.PER_KIND;
                    out.writeByte(i / EventCells.PER_KIND);
                    out.writeByte(inKind / EventCells.STATES);
                    out.writeByte(inKind % EventCells.STATES);
                    out.writeLong(s.events[i]);
                }
            }
            byte[] sketch = s.sources == null || s.sources.isEmpty() ? new byte[0] : s.sources.toByteArray(BoxSummary.STRINGS);
            out.writeInt(sketch.length);
            out.write(sketch);
            if (s.lifetimesMs == null) {
                out.writeInt(0);
            } else {
                ByteBuffer b = ByteBuffer.allocate(s.lifetimesMs.getNeededByteBufferCapacity());
                int n = s.lifetimesMs.encodeIntoCompressedByteBuffer(b);
                out.writeInt(n);
                out.write(b.array(), 0, n);
            }
            out.writeInt(s.natPeak.size());
            for (Map.Entry<String, Long> e : s.natPeak.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            BoxProjection p = s.projection;
            out.writeByte(p == null ? 0 : 1);
            if (p != null) {
                out.writeUTF(p.proposal);
                for (long v : new long[] {p.currentPeak, p.projectedPeak, p.projectedPeakLow, p.projectedPeakHigh,
                    p.projectedPeakCounted, p.projectedPeakMicros, p.asOfMicros, p.intervalEnd, p.intervalMax}) {
                    out.writeLong(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws SummaryFormatException for a value of another version, or one that does not decode
     */
    public static BoxSummary decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new SummaryFormatException("empty summary");
        }
        int version = value[0] & 0xff;
        if (version < OLDEST || version > VERSION) {
            throw new SummaryFormatException("summary format version " + version + ": this build reads versions "
                + OLDEST + " to " + VERSION + (version > VERSION ? " (a newer ctscope shipped it)" : ""));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value, 1, value.length - 1))) {
            BoxSummary s = new BoxSummary();
            s.box = in.readUTF();
            s.bucketMicros = in.readLong();
            s.intervalSeconds = in.readInt();
            s.firstIndex = in.readLong();
            s.lastIndex = in.readLong();
            s.records = in.readLong();
            s.wallMillis = in.readLong();
            s.lagRecords = in.readLong();
            s.lagMillis = in.readLong();
            s.conntrackMax = in.readLong();
            s.flowsOpened = in.readLong();
            s.flowsClosed = in.readLong();
            s.entriesEnd = in.readLong();
            s.entriesMax = in.readLong();
            int cells = in.readInt();
            for (int i = 0; i < cells; i++) {
                int kind = in.readUnsignedByte();
                int protocol = in.readUnsignedByte();
                int state = in.readUnsignedByte();
                if (kind >= EventCells.KINDS || state >= EventCells.STATES) {
                    throw new SummaryFormatException("summary cell of kind " + kind + ", state " + state);
                }
                s.events[kind * EventCells.PER_KIND + protocol * EventCells.STATES + state] += in.readLong();
            }
            int sketch = in.readInt();
            if (sketch > 0) {
                byte[] b = in.readNBytes(sketch);
                s.sources = ItemsSketch.getInstance(Memory.wrap(b), BoxSummary.STRINGS);
            }
            int hist = in.readInt();
            if (hist > 0) {
                byte[] b = in.readNBytes(hist);
                s.lifetimesMs = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(b), 0);
            }
            int nat = in.readInt();
            for (int i = 0; i < nat; i++) {
                s.natPeak.put(in.readUTF(), in.readLong());
            }
            if (version >= 2 && in.readUnsignedByte() == 1) {
                BoxProjection p = new BoxProjection();
                p.proposal = in.readUTF();
                p.currentPeak = in.readLong();
                p.projectedPeak = in.readLong();
                p.projectedPeakLow = in.readLong();
                p.projectedPeakHigh = in.readLong();
                p.projectedPeakCounted = in.readLong();
                p.projectedPeakMicros = in.readLong();
                p.asOfMicros = in.readLong();
                p.intervalEnd = in.readLong();
                p.intervalMax = in.readLong();
                s.projection = p;
            }
            return s;
        } catch (IOException | RuntimeException | java.util.zip.DataFormatException e) {
            if (e instanceof SummaryFormatException sfe) {
                throw sfe;
            }
            throw new SummaryFormatException("summary does not decode (" + e.getClass().getSimpleName() + ")");
        }
    }
}
