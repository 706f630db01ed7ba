package io.ctscope.bench;

import io.ctscope.ingest.decode.BadLineListener;
import io.ctscope.ingest.decode.FormatEvidence;
import io.ctscope.ingest.decode.InputDecoder;
import io.ctscope.ingest.decode.InputStats;
import io.ctscope.ingest.decode.RecordSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * {@link io.ctscope.ingest.io.LineFramer} + {@link InputDecoder} (framing, dispatch, parse, stats, format
 * evidence) over an in-memory stream of exactly {@link BenchInput#BATCH} lines of the file, with a no-op
 * {@link RecordSink}: the score is ns per line of the whole read side short of the ring.
 *
 * <p>Setup writes the file's lines, repeated as needed, into one newline-terminated buffer; each
 * invocation frames the next BATCH-line window of it through one reused stream (no allocation outside
 * the code under test).
 */
public class FramerDecoderBenchmark extends ForkedBenchmark {
    private static final RecordSink NO_OP_SINK = r -> { };
    private static final BadLineListener COUNT_ONLY = (input, line, reason) -> true;

    @Param({
        "samples/corpus/list__canonical_hotsos__openstack_compute_o_extended_1439.txt",
        "samples/corpus/events__netfilter-devel_lore__20240409_timestamp_offload_nat.txt"})
    public String file;

    private final InputDecoder decoder = new InputDecoder(NO_OP_SINK, COUNT_ONLY);
    private final InputStats stats = new InputStats();
    private WindowStream stream;
    private FormatEvidence evidence;
    /** Byte offset of each window start: window w is text[windowStart[w], windowStart[w + 1]). */
    private int[] windowStart;
    private int windows;
    private int next;

    @Setup
    public void load() {
        BenchInput in = BenchInput.load(file);
        in.describe("FramerDecoderBenchmark");
        // Enough whole passes over the file that every window of BATCH lines starts at a different
        // line offset until the pattern repeats (windows = lines / gcd(lines, BATCH)), capped at 64.
        int n = in.lines;
        windows = Math.min(64, n / gcd(n, BenchInput.BATCH));
        long totalLines = (long) windows * BenchInput.BATCH;
        long bytes = 0;
        for (long k = 0; k < totalLines; k++) {
            int i = (int) (k % n);
            bytes += in.ends[i] - in.starts[i] + 1;
        }
        byte[] text = new byte[Math.toIntExact(bytes)];
        windowStart = new int[windows + 1];
        int fill = 0;
        for (long k = 0; k < totalLines; k++) {
            if (k % BenchInput.BATCH == 0) {
                windowStart[(int) (k / BenchInput.BATCH)] = fill;
            }
            int i = (int) (k % n);
            int len = in.ends[i] - in.starts[i];
            System.arraycopy(in.data, in.starts[i], text, fill, len);
            fill += len;
            text[fill++] = '\n';
        }
        windowStart[windows] = fill;
        stream = new WindowStream(text);
        evidence = new FormatEvidence(file);
        next = 0;
    }

    @Benchmark
    @OperationsPerInvocation(BenchInput.BATCH)
    public void decode(Blackhole bh) throws IOException {
        int w = next;
        stream.window(windowStart[w], windowStart[w + 1]);
        bh.consume(decoder.decode(stream, file, 0, stats, evidence));
        next = w + 1 == windows ? 0 : w + 1;
    }

    @TearDown
    public void check() {
        if (stats.lines % BenchInput.BATCH != 0) {
            throw new IllegalStateException("framer saw " + stats.lines + " lines, not a multiple of " + BenchInput.BATCH);
        }
        System.out.printf("%n[FramerDecoderBenchmark] %d lines decoded: %d records, %d bad, %d summary, %d skipped; format %s%n",
            stats.lines, stats.records, stats.badLines, stats.summaryLines, stats.skippedLines, evidence.decide());
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** A ByteArrayInputStream re-pointed at a slice of its buffer, so no stream is allocated per invocation. */
    private static final class WindowStream extends ByteArrayInputStream {
        WindowStream(byte[] buf) {
            super(buf);
        }

        void window(int from, int to) {
            pos = from;
            count = to;
            mark = from;
        }
    }
}
