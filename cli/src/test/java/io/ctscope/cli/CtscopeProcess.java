package io.ctscope.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ctscope} as a real process (the test classpath's {@link Main}, with the JVM flags of the
 * launcher), leading a process group of its own with SIGINT and SIGTERM at their defaults, as a
 * foreground job in a terminal has them (perl, essential on Debian, resets them and execs java; a
 * background job's ignored SIGINT would otherwise be inherited).
 */
final class CtscopeProcess {
    private CtscopeProcess() {
    }

    static ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>(List.of("perl", "-e",
            "setpgrp(0, 0); $SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("ctscope.test.jvmArgs", "").split(" ")) {
            if (!flag.isBlank()) {
                cmd.add(flag);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Sends {@code signal} (INT, TERM) to the process group {@code p} leads, as a terminal's Ctrl-C does. */
    static void signalGroup(Process p, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + p.pid()).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " -" + p.pid());
    }

    /** Reads {@code p}'s stderr up to and including the first line containing {@code text}; returns what was read. */
    static String awaitStderr(BufferedReader stderr, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = stderr.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(text)) {
                return seen.toString();
            }
        }
        throw new AssertionError("stderr ended before \"" + text + "\":\n" + seen);
    }

    static BufferedReader stderrOf(Process p) {
        return new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    }
}
