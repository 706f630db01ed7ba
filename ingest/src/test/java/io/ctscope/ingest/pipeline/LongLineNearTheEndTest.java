package io.ctscope.ingest.pipeline;

import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A line too long to frame (over {@code LineFramer.MAX_LINE}, so the reader skips it) followed by complete
 * lines up to the end of the file: with the unterminated tail held back (ingest), those complete lines must
 * still be read. They were lost when the long line's newline came in the same 64 KiB read as the end of the
 * file: with the long line starting after {@value #PREFIX_LINES} short lines, that is a newline at byte
 * 131,072 (2 x 64 KiB) or later; at 131,071 it was fine.
 */
class LongLineNearTheEndTest {
    private static final int PREFIX_LINES = 10;
    private static final int SUFFIX_LINES = 10;

    @TempDir
    Path dir;

    private static String line(int i) {
        return "[1700000000." + String.format("%06d", i) + "]\t    [NEW] ipv4     2 udp      17 30 src=10.1.0." + i
            + " dst=10.2.0.1 sport=" + (1024 + i) + " dport=53 [UNREPLIED] src=10.2.0.1 dst=10.1.0." + i
            + " sport=53 dport=" + (1024 + i) + " id=" + i + "\n";
    }

    /** A file whose long line ends with its newline at byte {@code newlineAt}; returns it. */
    private Path fileWithLongLineEndingAt(long newlineAt) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= PREFIX_LINES; i++) {
            sb.append(line(i));
        }
        sb.append("x".repeat((int) (newlineAt - sb.length()))).append('\n');
        for (int i = PREFIX_LINES + 1; i <= PREFIX_LINES + SUFFIX_LINES; i++) {
            sb.append(line(i));
        }
        Path f = dir.resolve("long-" + newlineAt + ".txt");
        Files.writeString(f, sb, StandardCharsets.US_ASCII);
        return f;
    }

    @ParameterizedTest(name = "newline of the long line at byte {0}")
    @ValueSource(longs = {131_071, 131_072, 131_073, 140_000, 196_607, 196_608, 262_144, 300_000})
    void completeLinesAfterAnOverlongLineAreReadWhenTheTailIsHeldBack(long newlineAt) throws IOException {
        Path f = fileWithLongLineEndingAt(newlineAt);
        List<Long> ids = new ArrayList<>();
        long[] overlong = {0};
        RecordHandler collect = new RecordHandler() {
            @Override
            public void onRecord(ConntrackRecord r, long endOffset) {
                ids.add(r.id);
            }

            @Override
            public void onOverlongLine(int source, long line, long length, long endOffset) {
                assertEquals(PREFIX_LINES + 1, line);
                overlong[0] = length;
            }
        };
        new IngestPipeline(2, List.of(collect), false).holdBackUnterminatedLine(true)
            .run(List.of(PipelineInput.fromStart(new InputSource(f.toString()), 1)), (input, e) -> {
                throw new AssertionError(e);
            });
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= PREFIX_LINES + SUFFIX_LINES; i++) {
            expected.add(i);
        }
        assertEquals(expected, ids);
        long prefix = 0;
        for (int i = 1; i <= PREFIX_LINES; i++) {
            prefix += line(i).length();
        }
        assertEquals(newlineAt - prefix, overlong[0], "length of the skipped line");
    }
}
