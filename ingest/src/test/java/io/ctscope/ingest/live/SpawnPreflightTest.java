package io.ctscope.ingest.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpawnPreflightTest {
    private static final String ROOT = "Name:\tjava\nUid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\n";
    private static final String USER = "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n";
    private static final String USER_WITH_NET_ADMIN = "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000001000\n";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseWhenTheKernelSendsNoEvents() throws IOException {
        String problem = preflight(ROOT, "0\n").problem();
        assertTrue(problem.contains("nf_conntrack_events = 0") && problem.contains("sysctl -w net.netfilter.nf_conntrack_events=1"), problem);
    }

    @Test
    void shouldRefuseWithoutRootOrNetAdmin() throws IOException {
        String problem = preflight(USER, "2\n").problem();
        assertTrue(problem.contains("needs root or CAP_NET_ADMIN"), problem);
    }

    @Test
    void shouldAcceptRootOrNetAdminWithEventsOn() throws IOException {
        assertNull(preflight(ROOT, "2\n").problem());
        assertNull(preflight(ROOT, "1\n").problem());
        assertNull(preflight(USER_WITH_NET_ADMIN, "2\n").problem());
    }

    @Test
    void shouldReadThisMachinesProcFiles() {
        // whatever this machine is, reading its real /proc files must not fail
        SpawnPreflight.system().problem();
        assertTrue(SpawnPreflight.privileged("Uid:\t0\t0\t0\t0\n"));
    }

    private SpawnPreflight preflight(String status, String events) throws IOException {
        Path s = Files.writeString(dir.resolve("status"), status);
        Path e = Files.writeString(dir.resolve("nf_conntrack_events"), events);
        return new SpawnPreflight(s, e);
    }
}
