package io.ctscope.cli.progress;

import io.ctscope.ingest.pipeline.ReadProgress;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLineTest {
    private static final long MIB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldShowBytesOfTheTotalLinesRateAndTimeLeft() {
        // 412 of 950 MiB in 2 s: 206 MiB/s, 538 MiB to go is 2.6 s, shown as the next whole second
        assertEquals("ctscope: 412.0 MiB of 950.0 MiB (43%), 2.1 M lines, 1.1 M lines/s, 3s left",
            ProgressLine.of(412 * MIB, 950 * MIB, false, 2_100_000, 2 * SECOND));
    }

    @Test
    void shouldSayTheBytesOfAGzipInputAreCompressedBytes() {
        assertEquals("ctscope: 10.0 MiB of 40.0 MiB compressed (25%), 500 k lines, 50.0 k lines/s, 30s left",
            ProgressLine.of(10 * MIB, 40 * MIB, true, 500_000, 10 * SECOND));
    }

    @Test
    void shouldShowNeitherShareNorTimeLeftForAStream() {
        assertEquals("ctscope: 3.0 MiB, 9000 lines, 3000 lines/s",
            ProgressLine.of(3 * MIB, ReadProgress.UNKNOWN, false, 9000, 3 * SECOND));
    }

    @Test
    void shouldShowNoTimeLeftOnceEverythingIsRead() {
        assertEquals("ctscope: 2.0 KiB of 2.0 KiB (100%), 10 lines, 5 lines/s",
            ProgressLine.of(2048, 2048, false, 10, 2 * SECOND));
    }

    @Test
    void shouldFitTheTerminalWithoutWrapping() {
        String line = ProgressLine.of(412 * MIB, 950 * MIB, false, 2_100_000, 2 * SECOND);
        assertEquals(line, ProgressLine.fit(line, 80));
        assertEquals(line.substring(0, 39), ProgressLine.fit(line, 40));
    }
}
