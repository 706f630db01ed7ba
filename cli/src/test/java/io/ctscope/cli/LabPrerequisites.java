package io.ctscope.cli;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks what a real-kernel test needs: root, and the lab tools. Missing prerequisites fail the test
 * under CI ({@code CI} set) and skip it elsewhere, with the reason either way.
 */
final class LabPrerequisites {
    private static final String[] TOOLS = {"conntrack", "iptables", "ip6tables", "ip", "socat", "ping", "stdbuf"};

    private LabPrerequisites() {
    }

    static Path repoRoot() {
        String prop = System.getProperty("ctscope.root");
        Path p = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("samples/lab/record.sh"))) {
            p = p.getParent();
        }
        Assertions.assertNotNull(p, "cannot find the repository root (samples/lab/record.sh)");
        return p;
    }

    static void require() {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root (uid 0)");
        }
        for (String tool : TOOLS) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "real-kernel test needs " + String.join(", ", missing)
            + " (run bash .ci/run as root: it installs conntrack, iptables, iproute2, socat)";
        if (System.getenv("CI") != null) {
            Assertions.fail("CI: " + message);
        }
        Assumptions.abort(message);
    }

    /** One more tool a particular real-kernel test needs (same rule: fail under CI, skip elsewhere). */
    static void requireTool(String tool) {
        if (onPath(tool)) {
            return;
        }
        String message = "real-kernel test needs " + tool + " (bash .ci/run installs it)";
        if (System.getenv("CI") != null) {
            Assertions.fail("CI: " + message);
        }
        Assumptions.abort(message);
    }

    private static boolean isRoot() {
        return "0".equals(run("id", "-u").trim());
    }

    private static boolean onPath(String tool) {
        return !run("sh", "-c", "command -v " + tool).isBlank();
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
