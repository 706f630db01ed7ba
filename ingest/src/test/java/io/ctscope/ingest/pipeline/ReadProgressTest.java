package io.ctscope.ingest.pipeline;

import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counters a progress display reads while a pipeline runs: bytes of the inputs' total, lines. */
class ReadProgressTest {
    /** About 10 MB: more than the ring holds (64 blocks of 64 KiB), so the reader cannot be done halfway. */
    private static final int LINES = 60_000;

    @TempDir
    Path dir;

    private Path capture(String name) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= LINES; i++) {
            sb.append("[1700000000.").append(String.format("%06d", i)).append("]\t    [NEW] ipv4     2 udp      17 30 src=10.1.0.")
                .append(i % 250).append(" dst=10.2.0.1 sport=").append(1024 + i % 60000)
                .append(" dport=53 [UNREPLIED] src=10.2.0.1 dst=10.1.0.").append(i % 250).append(" sport=53 dport=")
                .append(1024 + i % 60000).append(" id=").append(i).append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb, StandardCharsets.US_ASCII);
        return f;
    }

    private static List<PipelineInput> inputs(Path... files) {
        List<PipelineInput> in = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            in.add(PipelineInput.fromStart(new InputSource(files[i].toString()), i));
        }
        return in;
    }

    private static final RecordHandler IGNORE = (r, end) -> { };

    @Test
    void shouldCountEveryByteAndLineOfTheFilesOfTheirTotal() throws IOException {
        Path a = capture("a.txt");
        Path b = capture("b.txt");
        for (long inline : new long[] {Long.MAX_VALUE, 0}) {
            IngestPipeline p = new IngestPipeline(2, List.of(IGNORE), false).inlineUpTo(inline);
            p.run(inputs(a, b), (input, e) -> {
                throw new AssertionError(e);
            });
            long total = Files.size(a) + Files.size(b);
            assertEquals(total, p.progress().totalBytes());
            assertEquals(total, p.progress().bytesRead());
            assertEquals(2L * LINES, p.progress().linesRead());
            assertEquals(false, p.progress().compressed());
        }
    }

    @Test
    void shouldCountTheCompressedBytesOfAGzipFile() throws IOException {
        Path gz = dir.resolve("a.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(capture("a.txt")));
        }
        IngestPipeline p = new IngestPipeline(1, List.of(IGNORE), false);
        p.run(inputs(gz), (input, e) -> {
            throw new AssertionError(e);
        });
        assertTrue(p.progress().compressed());
        assertEquals(Files.size(gz), p.progress().totalBytes());
        assertEquals(Files.size(gz), p.progress().bytesRead());
        assertEquals(LINES, p.progress().linesRead());
    }

    @Test
    void shouldHaveNoTotalForAStream() {
        byte[] text = "[1700000000.000001]\t    [NEW] ipv4     2 udp      17 30 src=10.1.0.1 dst=10.2.0.1 sport=1 dport=53 [UNREPLIED] src=10.2.0.1 dst=10.1.0.1 sport=53 dport=1\n"
            .getBytes(StandardCharsets.US_ASCII);
        IngestPipeline p = new IngestPipeline(1, List.of(IGNORE), false);
        p.run(List.of(PipelineInput.fromStart(InputSource.ofStream("pipe", () -> new java.io.ByteArrayInputStream(text)), 0)),
            (input, e) -> {
                throw new AssertionError(e);
            });
        assertEquals(ReadProgress.UNKNOWN, p.progress().totalBytes());
        assertEquals(1, p.progress().linesRead());
    }

    @Test
    void shouldShowAnotherThreadHowFarTheReadHasGot() throws Exception {
        Path f = capture("a.txt");
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch seen = new CountDownLatch(1);
        RecordHandler pause = (r, end) -> {
            if (r.line == LINES / 2) {
                halfway.countDown();
                try {
                    assertTrue(seen.await(60, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        };
        IngestPipeline p = new IngestPipeline(1, List.of(pause), false).inlineUpTo(0);
        Thread run = new Thread(() -> p.run(inputs(f), (input, e) -> {
            throw new AssertionError(e);
        }));
        run.start();
        assertTrue(halfway.await(60, TimeUnit.SECONDS));
        long lines = p.progress().linesRead();
        long bytes = p.progress().bytesRead();
        seen.countDown();
        run.join();
        // the handler is inside line 30,000: the lines of the blocks before its block are counted
        assertTrue(lines > 0 && lines < LINES / 2, "lines " + lines);
        assertTrue(bytes > 0 && bytes < Files.size(f), "bytes " + bytes);
        assertEquals(LINES, p.progress().linesRead());
    }
}
