package io.ctscope.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.io.LineFramer;
import io.ctscope.ingest.io.LineHandler;
import io.ctscope.ingest.io.LineLimit;
import io.ctscope.ingest.record.ConntrackRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One overlong-line rule in both uses of the framer: {@link LineFramer} (the simple decoder, sniffing,
 * stats and kernel logs) and the pipeline's ring (report, ingest). An input built here, with lines just
 * under, at and over {@link LineLimit#MAX_LINE} (a {@code \r} counting), lines far over it, lines
 * across the 64 KiB block boundaries and an overlong last line without a newline, must be judged the
 * same by both: the same lines overlong, with the same line numbers and lengths, as the construction
 * says; every other line reaches the reader as a line.
 */
class OverlongLineRuleTest {
    private static final int MAX = LineLimit.MAX_LINE;

    @TempDir
    Path dir;

    /** What the construction says: the line's number, and its length when overlong (else -1). */
    private record Verdict(long line, long overlongLength) {
    }

    private final ByteArrayOutputStream input = new ByteArrayOutputStream();
    private final List<Verdict> expected = new ArrayList<>();

    private void line(int length, boolean cr, boolean newline) {
        byte[] body = new byte[length];
        java.util.Arrays.fill(body, (byte) 'x');
        input.write(body, 0, length);
        if (cr) {
            input.write('\r');
        }
        if (newline) {
            input.write('\n');
        }
        long counted = length + (cr ? 1 : 0);
        expected.add(new Verdict(expected.size() + 1, counted > MAX ? counted : -1));
    }

    private byte[] build(boolean overlongTail) {
        line(10, false, true);
        line(MAX - 1, false, true);
        line(MAX, false, true);
        line(MAX + 1, false, true);
        line(MAX - 1, true, true);   // MAX bytes with the \r: a line
        line(MAX, true, true);       // MAX + 1 with the \r: overlong
        for (int i = 0; i < 5; i++) {
            line(20_000 + 7 * i, false, true); // lines across the block boundaries
        }
        line(200_000, false, true);  // far over: skipped as it is read
        line(3, false, true);
        line(MAX + 1, true, true);
        line(0, false, true);
        if (overlongTail) {
            line(MAX + 5, false, false);
        } else {
            line(25, false, false);
        }
        return input.toByteArray();
    }

    @ParameterizedTest(name = "overlong last line: {0}")
    @ValueSource(booleans = {false, true})
    void shouldJudgeTheSameLinesOverlongInBothUses(boolean overlongTail) throws IOException {
        byte[] data = build(overlongTail);
        for (int readSize : new int[] {Integer.MAX_VALUE, 4093, 1 << 16, 1 << 17}) {
            assertEquals(expected, framed(data, readSize), "LineFramer, reads of " + readSize);
        }
        Path file = dir.resolve("overlong-" + overlongTail + ".txt");
        Files.write(file, data);
        for (int parsers : new int[] {1, 2}) {
            assertEquals(expected, piped(file, parsers), "pipeline, " + parsers + " parsers");
        }
    }

    private static List<Verdict> framed(byte[] data, int readSize) throws IOException {
        List<Verdict> seen = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, readSize));
            }
        };
        new LineFramer().frame(in, new LineHandler() {
            @Override
            public boolean onLine(byte[] buf, int off, int end, long lineNumber, long byteOffset, boolean terminated) {
                seen.add(new Verdict(lineNumber, -1));
                return true;
            }

            @Override
            public boolean onOverlongLine(long lineNumber, long byteOffset, long length) {
                seen.add(new Verdict(lineNumber, length));
                return true;
            }
        }, 1, 0);
        return seen;
    }

    private static List<Verdict> piped(Path file, int parsers) {
        List<Verdict> seen = new ArrayList<>();
        RecordHandler collect = new RecordHandler() {
            @Override
            public void onRecord(ConntrackRecord r, long endOffset) {
                seen.add(new Verdict(r.line, -1));
            }

            @Override
            public void onOtherLine(int source, long line, int status, String reason, long endOffset) {
                seen.add(new Verdict(line, -1));
            }

            @Override
            public void onOverlongLine(int source, long line, long length, long endOffset) {
                seen.add(new Verdict(line, length));
            }
        };
        new IngestPipeline(parsers, List.of(collect), false)
            .run(List.of(PipelineInput.fromStart(new InputSource(file.toString()), 1)), (in, e) -> {
                throw new AssertionError(e);
            });
        return seen;
    }
}
