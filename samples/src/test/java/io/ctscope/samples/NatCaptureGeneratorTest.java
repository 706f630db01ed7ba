package io.ctscope.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatCaptureGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheCaptureAndASummaryLine() throws Exception {
        Path file = dir.resolve("nat.log");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NatCaptureGenerator.run(new String[] {"--lines", "30000", "--seed", "5", "--out", file.toString(),
                "--hosts", "800", "--nat-addrs", "3", "--rate", "5000", "--start", "1712662404.5"},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        byte[] expected = CaptureReplay.generate(new GeneratorConfig(30_000, 5, 800, 3, 5_000, 1_712_662_404_500_000L,
                GeneratorConfig.DEFAULT_MAX_FLOWS));
        assertArrayEquals(expected, Files.readAllBytes(file));
        String summary = err.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("ctscope-samples: 30000 lines"), summary);
        assertEquals(1, summary.lines().count());
    }

    @Test
    void shouldRejectBadUsageWithExitCodeTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, NatCaptureGenerator.run(new String[] {"--lines", "10"}, errStream));
        assertEquals(2, NatCaptureGenerator.run(new String[] {"--lines", "x", "--seed", "1", "--out", "-"}, errStream));
        assertEquals(2, NatCaptureGenerator.run(new String[] {"--lines", "1", "--seed", "1", "--out", "-", "--bogus", "1"}, errStream));
        assertEquals(2, NatCaptureGenerator.run(new String[] {"--lines", "1", "--seed", "1", "--out", "-", "--hosts", "0"}, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
    }

    @Test
    void shouldParseEpochSecondsExactly() {
        assertEquals(1_700_000_000_000_000L, NatCaptureGenerator.parseEpochMicros("--start", "1700000000"));
        assertEquals(1_700_000_000_000_123L, NatCaptureGenerator.parseEpochMicros("--start", "1700000000.000123"));
        assertEquals(1_700_000_000_500_000L, NatCaptureGenerator.parseEpochMicros("--start", "1700000000.5"));
        assertThrows(IllegalArgumentException.class, () -> NatCaptureGenerator.parseEpochMicros("--start", "1.1234567"));
        assertThrows(IllegalArgumentException.class, () -> NatCaptureGenerator.parseEpochMicros("--start", "-5"));
    }
}
