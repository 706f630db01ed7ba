package io.ctscope.cli;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Opens a local HTML file in Debian's real headless {@code chromium} and reports what the page became:
 * the DOM after loading and rendering ({@code --dump-dom}), every console message Chromium logged
 * ({@code --enable-logging=stderr}: lines with {@code :CONSOLE}, which include script errors and
 * Content-Security-Policy refusals), and a screenshot. Each run has its own profile directory, so
 * several can run at once. Without chromium the test fails under CI ({@code CI} set) and is skipped
 * elsewhere, with the reason either way.
 */
final class HeadlessChromium {
    private static final String[] NAMES = {"chromium", "chromium-browser", "google-chrome"};

    private final String binary;
    private final Path work;

    private HeadlessChromium(String binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** A browser working under {@code work}, or the test is failed (CI) or skipped. */
    static HeadlessChromium require(Path work) {
        for (String name : NAMES) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return new HeadlessChromium(p.toString(), work);
                }
            }
        }
        String message = "the HTML tests need Debian's chromium package (bash .ci/run installs it)";
        if (System.getenv("CI") != null) {
            Assertions.fail("CI: " + message);
        }
        Assumptions.abort(message);
        return null;
    }

    /** What a page became in the browser. */
    static final class Page {
        final String dom;
        final List<String> console;
        final Path screenshot;

        Page(String dom, List<String> console, Path screenshot) {
            this.dom = dom;
            this.console = console;
            this.screenshot = screenshot;
        }

        /** How many times {@code s} occurs in the DOM. */
        int count(String s) {
            int n = 0;
            for (int i = dom.indexOf(s); i >= 0; i = dom.indexOf(s, i + 1)) {
                n++;
            }
            return n;
        }
    }

    /** Loads {@code html} twice (DOM dump, then a {@code width}-pixel-wide screenshot). */
    Page open(Path html, int width, int height) throws IOException, InterruptedException {
        String url = html.toAbsolutePath().toUri().toString();
        List<String> console = new ArrayList<>();
        String dom = run("dom", console, "--dump-dom", url);
        Path png = work.resolve(html.getFileName() + ".png");
        run("shot", console, "--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png, url);
        return new Page(dom, console, png);
    }

    private String run(String what, List<String> console, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile-");
        List<String> cmd = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
            "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(args));
        Path out = work.resolve(what + ".out");
        Path err = work.resolve(what + ".err");
        Process p = new ProcessBuilder(cmd).directory(work.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Assertions.fail("chromium did not finish in 90 s: " + String.join(" ", cmd));
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Assertions.assertEquals(0, p.exitValue(), "chromium failed: " + String.join(" ", cmd) + "\n" + stderr);
        console.addAll(stderr.lines().filter(l -> l.contains(":CONSOLE")).collect(Collectors.toList()));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
