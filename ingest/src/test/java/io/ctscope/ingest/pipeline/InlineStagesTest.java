package io.ctscope.ingest.pipeline;

import io.ctscope.ingest.TestFiles;
import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small inputs are read on the calling thread ({@link InlineStages}) instead of through the ring: the
 * handlers must be told exactly what the ring tells them, line for line, offset for offset, in every
 * mode (held-back tails, strict stops), over every committed recording and corpus file and a file
 * built to hit the framing rules (CRLF, an overlong line, bad lines, no final newline, gzip).
 */
class InlineStagesTest {
    @TempDir
    Path dir;

    /** Every call a handler gets, as text; each record in full. */
    private static final class Transcript implements RecordHandler {
        final List<String> calls = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();

        @Override
        public void onRecord(ConntrackRecord r, long endOffset) {
            threads.add(Thread.currentThread());
            calls.add("record " + r.source + ":" + r.line + " @" + r.offset + "-" + endOffset + " " + r);
        }

        @Override
        public void onOtherLine(int source, long line, int status, String reason, long endOffset) {
            calls.add("other " + source + ":" + line + " " + status + " " + reason + " -" + endOffset);
        }

        @Override
        public void onSummaryLine(int source, long line, int status, long shown, long endOffset) {
            calls.add("summary " + source + ":" + line + " " + status + " " + shown + " -" + endOffset);
        }

        @Override
        public void onOverlongLine(int source, long line, long length, long endOffset) {
            calls.add("overlong " + source + ":" + line + " " + length + " -" + endOffset);
        }

        @Override
        public void onEndOfInput(int source, long lines, long endOffset) {
            calls.add("end " + source + " " + lines + " -" + endOffset);
        }
    }

    private static Transcript run(int parsers, long inlineUpTo, boolean holdBack, boolean strict, List<Path> files) {
        Transcript t = new Transcript();
        List<PipelineInput> inputs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            inputs.add(PipelineInput.fromStart(new InputSource(files.get(i).toString()), i));
        }
        new IngestPipeline(parsers, List.of(t), strict).inlineUpTo(inlineUpTo).holdBackUnterminatedLine(holdBack)
            .run(inputs, (input, e) -> {
                throw new AssertionError(input.source().name(), e);
            });
        return t;
    }

    private static String line(int i) {
        return "[1700000000." + String.format("%06d", i) + "]\t    [NEW] ipv4     2 udp      17 30 src=10.1.0." + (i % 250)
            + " dst=10.2.0.1 sport=" + (1024 + i) + " dport=53 [UNREPLIED] src=10.2.0.1 dst=10.1.0." + (i % 250)
            + " sport=53 dport=" + (1024 + i) + " id=" + i;
    }

    /** Several blocks of lines with CRLF endings, bad lines and an overlong line among them, no final newline. */
    private Path awkwardFile() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            sb.append(line(i));
            sb.append(i % 7 == 0 ? "\r\n" : "\n");
            if (i % 500 == 0) {
                sb.append("this is not conntrack output ").append(i).append('\n');
            }
            if (i == 1200) {
                sb.append("y".repeat(70_000)).append('\n');
            }
        }
        sb.append(line(3001));
        Path f = dir.resolve("awkward.txt");
        Files.writeString(f, sb, StandardCharsets.US_ASCII);
        return f;
    }

    private List<Path> everyInput() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path d : List.of(TestFiles.root().resolve("samples/lab/recorded"), TestFiles.corpus())) {
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(files::add);
            }
        }
        Path awkward = awkwardFile();
        files.add(awkward);
        Path gz = dir.resolve("awkward.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(awkward));
        }
        files.add(gz);
        return files;
    }

    @ParameterizedTest(name = "held-back tail {0}, strict {1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void shouldTellTheHandlersWhatTheRingTellsThem(boolean holdBack, boolean strict) throws IOException {
        List<Path> files = everyInput();
        Transcript inline = run(2, Long.MAX_VALUE, holdBack, strict, files);
        Transcript ring = run(2, 0, holdBack, strict, files);
        Transcript oneParser = run(1, 0, holdBack, strict, files);
        assertTrue(inline.calls.stream().filter(c -> c.startsWith("record ")).count() > 3000, "records were read");
        // (a strict run stops each input at its first bad line, before the overlong one)
        assertTrue(strict || inline.calls.stream().anyMatch(c -> c.startsWith("overlong ")), "the overlong line was met");
        assertEquals(ring.calls, inline.calls);
        assertEquals(oneParser.calls, inline.calls);
    }

    @Test
    void shouldReadASmallFileOnTheCallingThreadAndALargerOneThroughTheRing() throws IOException {
        Path f = awkwardFile();
        long size = Files.size(f);
        Transcript small = run(2, size, false, false, List.of(f));
        assertTrue(small.threads.stream().allMatch(t -> t == Thread.currentThread()), "inline up to the limit");
        Transcript large = run(2, size - 1, false, false, List.of(f));
        assertTrue(large.threads.stream().noneMatch(t -> t == Thread.currentThread()), "one byte over: the ring");
        assertEquals(small.calls, large.calls);
    }

    @Test
    void shouldCountAGzipFileAtEightTimesItsSize() throws IOException {
        Path gz = dir.resolve("small.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((line(1) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        long counted = Files.size(gz) * IngestPipeline.GZIP_RATIO;
        assertSame(Thread.currentThread(), run(1, counted, false, false, List.of(gz)).threads.get(0));
        assertNotSame(Thread.currentThread(), run(1, counted - 1, false, false, List.of(gz)).threads.get(0));
    }

    @Test
    void shouldReadAStreamThroughTheRing() {
        // a stream's size is unknown: even a tiny one goes through the ring (live, conntrack -E | ctscope)
        Transcript t = new Transcript();
        byte[] text = (line(1) + "\n").getBytes(StandardCharsets.US_ASCII);
        InputSource stream = InputSource.ofStream("pipe", () -> new java.io.ByteArrayInputStream(text));
        new IngestPipeline(1, List.of(t), false).run(List.of(PipelineInput.fromStart(stream, 0)), (input, e) -> {
            throw new AssertionError(e);
        });
        assertEquals(1, t.threads.size());
        assertNotSame(Thread.currentThread(), t.threads.get(0));
    }
}
