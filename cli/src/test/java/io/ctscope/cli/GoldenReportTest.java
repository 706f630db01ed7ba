package io.ctscope.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole report, text and JSON, for the committed real-kernel recordings, compared byte for byte
 * with reviewed golden files in {@code cli/src/test/resources/golden/}. A change to any analyzer or
 * renderer shows up here as a diff to review. After an intended change, regenerate with
 * {@code mvn -pl cli test -Dtest=GoldenReportTest -Dctscope.golden.update=true}, read the diff, commit.
 */
class GoldenReportTest {
    private static final Path ROOT = LabPrerequisites.repoRoot();
    private static final Path GOLDEN = ROOT.resolve("cli/src/test/resources/golden");
    private static final String RECORDED = "samples/lab/recorded/";

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String format : List.of("json", "text")) {
            cases.add(Arguments.of("events-timestamp-extended-id", format, List.of(RECORDED + "events-timestamp-extended-id.txt")));
            cases.add(Arguments.of("events-plain", format, List.of(RECORDED + "events-plain.txt")));
            cases.add(Arguments.of("events-xml", format, List.of(RECORDED + "events-xml.txt")));
            cases.add(Arguments.of("final-list", format, List.of(RECORDED + "final-list.txt")));
            cases.add(Arguments.of("snap-b-proc", format, List.of(RECORDED + "snap-b-proc.txt")));
            cases.add(Arguments.of("options-tcp-group-range", format, List.of(
                "--proto", "tcp", "--group", "/24", "--port-range", "32768-60999", "--top", "3", "--resolution", "10s",
                RECORDED + "events-timestamp-extended-id.txt")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("cases")
    void shouldMatchTheReviewedReport(String name, String format, List<String> args) throws IOException {
        List<String> argv = new ArrayList<>(Arrays.asList("report", "--format", format));
        for (String a : args) {
            // relative to the working directory (the cli module under Maven): the same text wherever the
            // checkout lives, column widths included
            argv.add(a.startsWith(RECORDED) ? Path.of("").toAbsolutePath().relativize(ROOT.resolve(a)).toString() : a);
        }
        CliRun run = CliRun.run(argv.toArray(new String[0]));
        assertEquals(0, run.exitCode, run.err);
        String errors = run.err.lines().filter(l -> !l.startsWith("ctscope: warning: ")).collect(Collectors.joining("\n"));
        assertTrue(errors.isEmpty(), "no bad lines expected on the kernel's own output:\n" + run.err);
        String actual = run.out;
        Path golden = GOLDEN.resolve(name + "." + format);
        if (Boolean.getBoolean("ctscope.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(golden), "no golden file " + golden + "; create it with -Dctscope.golden.update=true and review it");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "report differs from " + golden);
    }
}
