package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 12: one line stamped {@code [999999999999.999999]} in a 1,001-line real capture gave a
 * 217 MB JSON report and 1.45 GB RSS. Now the report stays small, in a JVM with a 128 MiB heap (the pipeline alone needs about 80), and
 * the stray timestamp is flagged.
 */
class OutlierTimestampTest {
    private static final int HEAP_MIB = 128;

    /** The first 1,001 lines of the committed real capture, line 501 re-stamped far in the future. */
    private static Path captureWithOneStrayStamp(Path dir) throws IOException {
        Path recorded = LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(recorded, StandardCharsets.US_ASCII).subList(0, 1001));
        String line = lines.get(500);
        assertTrue(line.startsWith("["), line);
        lines.set(500, "[999999999999.999999]" + line.substring(line.indexOf(']') + 1));
        Path f = dir.resolve("events-stray.txt");
        Files.write(f, lines, StandardCharsets.US_ASCII);
        return f;
    }

    private static String runInSmallHeap(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("ctscope.test.jvmArgs", "").split(" ")));
        cmd.removeIf(String::isBlank);
        cmd.add("-Xmx" + HEAP_MIB + "m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.ctscope.cli.Main");
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "report did not finish");
        assertEquals(0, p.exitValue(), Files.readString(err));
        return Files.readString(out);
    }

    @Test
    void shouldGiveASmallReportInASmallHeapAndFlagTheStrayTimestamp(@TempDir Path dir) throws Exception {
        Path f = captureWithOneStrayStamp(dir);
        String json = runInSmallHeap(dir, "report", "--format", "json", f.toString());
        assertTrue(json.length() < 200_000, "report of " + json.length() + " chars");
        String compact = json.replaceAll("\\s+", "");
        assertTrue(compact.contains("\"outliers\":{\"records\":1,\"ranges\":[{\"first_ts\":999999999999.999999,"
            + "\"last_ts\":999999999999.999999,\"records\":1}]}"), json);
        assertTrue(compact.contains("\"resolution_s\":1,\"start_ts\":1795241942.518332"), "1 s intervals from the capture's start:\n" + json);

        String text = runInSmallHeap(dir, "report", f.toString());
        // the text report wraps at 80 columns: compare with the line breaks folded
        assertTrue(text.replaceAll("\\s+", " ").contains("1 record stamped far outside the capture left out, e.g. at 999999999999.999999"), text);
    }
}
