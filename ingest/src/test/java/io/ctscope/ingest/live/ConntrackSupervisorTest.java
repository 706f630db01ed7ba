package io.ctscope.ingest.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConntrackSupervisorTest {
    private static final String NEW = "[1795241942.518332]\t    [NEW] ipv4     2 udp      17 30 src=10.77.1.2 dst=172.20.77.2"
        + " sport=40000 dport=53 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=53 dport=40000 id=";

    @TempDir
    Path dir;

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final FakeClock clock = new FakeClock();
    private final LiveFeed feed = new LiveFeed("conntrack", clock);
    private final LiveCounters counters = new LiveCounters(messages::add);

    /**
     * A fake conntrack that dies twice: run 1 prints two events (the last without its newline), the
     * three-line ENOBUFS warning and an error with an escape sequence, then exits 1; run 2 prints one
     * event and exits 2; run 3 prints one event and waits to be stopped.
     */
    @Test
    void shouldRestartADyingConntrackWithBackoffAndCountEachEnobufsWarningOnce() throws Exception {
        Path runs = dir.resolve("runs");
        Path fake = script("fake-conntrack", "n=$(cat " + runs + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > " + runs + "\n"
            + "case $n in\n"
            + "1) printf '" + NEW + "1\\n" + NEW + "2'\n"
            + "   printf 'WARNING: We have hit ENOBUFS! We are losing events.\\n"
            + "This message means that the current netlink socket buffer size is too small.\\n"
            + "Please, check --buffer-size in conntrack(8) manpage.\\n' >&2\n"
            + "   printf 'conntrack v1.4.7 (conntrack-tools): Operation failed: \\033[31mboom\\n' >&2\n"
            + "   exit 1;;\n"
            + "2) printf '" + NEW + "3\\n'; exit 2;;\n"
            + "*) printf '" + NEW + "4\\n'; exec sleep 600;;\n"
            + "esac\n");
        ConntrackSupervisor supervisor = new ConntrackSupervisor(List.of(fake.toString(), "-E"), ProcessStarter.SYSTEM,
            feed, clock, counters);
        Thread t = LiveSource.startThread("test-supervisor", supervisor);

        List<String> lines = readLines(4);
        supervisor.stop();
        t.join();
        assertEquals(-1, feed.read(new byte[16], 0, 16), "the feed ends once conntrack is stopped");

        assertEquals(List.of(NEW + "1", NEW + "2", NEW + "3", NEW + "4"), lines, "every event, the unterminated one ended");
        assertEquals(List.of(1_000_000_000L, 2_000_000_000L), clock.sleeps, "backoff 1 s, then 2 s");
        assertEquals(2, supervisor.restarts());
        assertEquals(2, counters.restarts());
        assertEquals(1, counters.lossWarnings(), "one three-line warning is one loss");
        assertNull(supervisor.failure());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("conntrack exited (status 1)") && m.contains("restarting in 1.0 s (restart 1)")),
            messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("conntrack exited (status 2)") && m.contains("restarting in 2.0 s (restart 2)")),
            messages.toString());
        assertTrue(messages.contains("conntrack: conntrack v1.4.7 (conntrack-tools): Operation failed: \\x1b[31mboom"),
            "errors are logged with control characters escaped: " + messages);
        assertTrue(messages.stream().noneMatch(m -> m.contains("ENOBUFS") || m.contains("buffer size is too small")), messages.toString());
    }

    @Test
    void shouldNotRestartWhenConntrackIsRefused() throws Exception {
        Path fake = script("refused", "echo 'conntrack v1.4.7 (conntrack-tools): sorry, you must be root or get CAP_NET_ADMIN capability to do this' >&2; exit 1\n");
        ConntrackSupervisor supervisor = new ConntrackSupervisor(List.of(fake.toString()), ProcessStarter.SYSTEM, feed, clock, counters);
        supervisor.run();
        assertNotNull(supervisor.failure());
        assertTrue(supervisor.failure().contains("run ctscope live as root or with CAP_NET_ADMIN"), supervisor.failure());
        assertEquals(0, supervisor.restarts());
        assertEquals(List.of(), clock.sleeps);
        assertEquals(-1, feed.read(new byte[1], 0, 1));
    }

    @Test
    void shouldSayConntrackIsMissingInOneLine() throws Exception {
        ConntrackSupervisor supervisor = new ConntrackSupervisor(List.of(dir.resolve("no-such-conntrack").toString(), "-E"),
            ProcessStarter.SYSTEM, feed, clock, counters);
        supervisor.run();
        assertTrue(supervisor.failure().contains("could not be run (error=2, No such file or directory): install conntrack-tools"),
            supervisor.failure());
        assertEquals(-1, feed.read(new byte[1], 0, 1));
    }

    private List<String> readLines(int n) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (lines.size() < n) {
            int r = feed.read(buf, 0, buf.length);
            if (r < 0) {
                break;
            }
            for (int i = 0; i < r; i++) {
                if (buf[i] == '\n') {
                    lines.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(buf[i]);
                }
            }
        }
        return lines;
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
