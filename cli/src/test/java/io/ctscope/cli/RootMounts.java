package io.ctscope.cli;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Small file systems mounted by a test (root only: required under CI, skipped elsewhere). */
final class RootMounts {
    private RootMounts() {
    }

    static void requireRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return;
        }
        String message = "this test mounts a tmpfs: it needs root (run bash .ci/run as root)";
        if (System.getenv("CI") != null) {
            Assertions.fail("CI: " + message);
        }
        Assumptions.abort(message);
    }

    static void tmpfs(Path at, String options) throws IOException, InterruptedException {
        run("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString());
    }

    /** Makes {@code at} read-only in place (a read-only bind mount of itself). */
    static void bindReadOnly(Path at) throws IOException, InterruptedException {
        run("mount", "--bind", at.toString(), at.toString());
        run("mount", "-o", "remount,ro,bind", at.toString());
    }

    static void remount(Path at, String options) throws IOException, InterruptedException {
        run("mount", "-o", "remount," + options, at.toString());
    }

    /**
     * Detaches the mount at once (lazily: Chronicle releases its mappings of journal files a little after the
     * queue is closed, and a plain umount would then find the mount busy).
     */
    static void unmount(Path at) throws IOException, InterruptedException {
        run("umount", "-l", at.toString());
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        Assertions.assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        Assertions.assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }
}
