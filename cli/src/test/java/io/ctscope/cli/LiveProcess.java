package io.ctscope.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ctscope live} as a real process ({@link CtscopeProcess}) with {@code --metrics 127.0.0.1:0} and
 * {@code --format json}: started once its endpoint is up, watched through {@code /metrics}, stopped with
 * SIGTERM as an operator stops it.
 */
final class LiveProcess {
    private static final Pattern PORT = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    final Process process;
    private final BufferedReader stderr;
    private final int port;
    private final Path report;
    /** stderr read so far (all of it after {@link #stop}). */
    String err;

    private LiveProcess(Process process, BufferedReader stderr, int port, Path report, String err) {
        this.process = process;
        this.stderr = stderr;
        this.port = port;
        this.report = report;
        this.err = err;
    }

    /** The processes a test started, killed after it whatever happened. */
    static final class Started implements org.junit.jupiter.api.extension.AfterEachCallback {
        private final List<Process> processes = new ArrayList<>();

        int count() {
            return processes.size();
        }

        @Override
        public void afterEach(org.junit.jupiter.api.extension.ExtensionContext context) {
            for (Process p : processes) {
                p.destroyForcibly();
            }
        }
    }

    /** Starts {@code live ARGS --metrics 127.0.0.1:0 --format json}, its report going to {@code report}. */
    static LiveProcess start(Path report, Started started, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("live"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--metrics", "127.0.0.1:0", "--format", "json"));
        Process p = CtscopeProcess.builder(cmd.toArray(new String[0])).redirectOutput(report.toFile()).start();
        started.processes.add(p);
        BufferedReader err = CtscopeProcess.stderrOf(p);
        String seen = CtscopeProcess.awaitStderr(err, "metrics on http://");
        Matcher m = PORT.matcher(seen);
        assertTrue(m.find(), seen);
        return new LiveProcess(p, err, Integer.parseInt(m.group(1)), report, seen);
    }

    String scrape() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of the sample line {@code metric} (with its labels, e.g. {@code x_total{type="NEW"}}), or -1. */
    double metric(String metric) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + " (\\S+)$").matcher(scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** Polls /metrics until {@code metric} is at least {@code n} (at most 60 s); fails if it passes {@code max}. */
    void awaitMetric(String metric, double n, double max) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        double last;
        while ((last = metric(metric)) < n) {
            assertTrue(System.nanoTime() < deadline, "timed out at " + metric + " " + last + ", waiting for " + n);
            Thread.sleep(100);
        }
        assertTrue(last <= max, metric + " " + last + ", more than " + max);
    }

    /** SIGTERM; returns the final report once it has exited 0. */
    String stop() throws Exception {
        CtscopeProcess.signalGroup(process, "TERM");
        StringBuilder rest = new StringBuilder(err);
        String line;
        while ((line = stderr.readLine()) != null) {
            rest.append(line).append('\n');
        }
        err = rest.toString();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "live exits after SIGTERM");
        assertEquals(0, process.exitValue(), err);
        return Files.readString(report, StandardCharsets.UTF_8);
    }
}
