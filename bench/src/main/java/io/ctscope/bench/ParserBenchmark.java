package io.ctscope.bench;

import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.record.ConntrackRecord;
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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * The text parser alone on real recorded lines: each invocation parses {@link BenchInput#BATCH} lines of
 * the file in order (wrapping round, resuming where the last invocation stopped), so the score is ns per
 * line. Lines are loaded and framed in {@link #load()}; the measured loop only parses.
 *
 * <p>{@code file} is relative to the repository root (or absolute). The defaults are files of
 * samples/corpus; bench/run-jmh.sh passes the lab recordings in samples/lab/recorded/ when they exist.
 *
 * <p>Each iteration also prints the benchmark thread's CPU time per line ({@code [ParserBenchmark cpu]}):
 * on a shared, loaded machine the wall-clock score counts the time other processes held the core, the
 * CPU time does not, so it is the figure to compare two builds by when the load average is high.
 */
public class ParserBenchmark extends ForkedBenchmark {
    @Param({
        "samples/corpus/list__canonical_hotsos__openstack_compute_o_extended_1439.txt",
        "samples/corpus/events__netfilter-devel_lore__20240409_timestamp_offload_nat.txt"})
    public String file;

    private final ConntrackTextParser parser = new ConntrackTextParser();
    private final ConntrackRecord record = new ConntrackRecord();
    private byte[] data;
    private int[] starts;
    private int[] ends;
    private int lines;
    private int next;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long cpuAtIterationStart;
    private long linesThisIteration;

    @Setup
    public void load() {
        BenchInput in = BenchInput.load(file);
        in.describe("ParserBenchmark");
        data = in.data;
        starts = in.starts;
        ends = in.ends;
        lines = in.lines;
        next = 0;
    }

    @Benchmark
    @OperationsPerInvocation(BenchInput.BATCH)
    public void parse(Blackhole bh) {
        byte[] b = data;
        int[] s = starts;
        int[] e = ends;
        int n = lines;
        int i = next;
        ConntrackRecord r = record;
        ConntrackTextParser p = parser;
        for (int k = 0; k < BenchInput.BATCH; k++) {
            bh.consume(p.parse(b, s[i], e[i], r));
            bh.consume(r.orig.srcLo);
            if (++i == n) {
                i = 0;
            }
        }
        next = i;
        linesThisIteration += BenchInput.BATCH;
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        linesThisIteration = 0;
        cpuAtIterationStart = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtIterationStart;
        if (linesThisIteration > 0) {
            System.out.printf("[ParserBenchmark cpu] %.1f cpu ns/line over %d lines%n",
                (double) cpu / linesThisIteration, linesThisIteration);
        }
    }
}
