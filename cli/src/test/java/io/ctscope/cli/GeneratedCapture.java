package io.ctscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A synthetic busy-NAT capture from the samples' generator, in a JVM of its own. */
final class GeneratedCapture {
    private GeneratedCapture() {
    }

    static Path write(Path out, long lines, long seed, String start) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
            "-cp", System.getProperty("java.class.path"), "io.ctscope.samples.NatCaptureGenerator",
            "--lines", String.valueOf(lines), "--seed", String.valueOf(seed), "--out", out.toString(), "--start", start)
            .redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "generator did not finish");
        assertEquals(0, p.exitValue(), "generator failed");
        return out;
    }

}
