package io.ctscope.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** doctor --live on this machine's host namespace, against what its /proc shows (root: slabinfo, dmesg). */
class DoctorLiveTest {
    @Test
    void shouldReadThisMachineTwiceWithEveryAndGiveRates() throws IOException {
        LabPrerequisites.require();
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/net/stat/nf_conntrack")), "nf_conntrack not loaded");
        // read as cat reads it: Files.readString gets only the first digit of a /proc/sys number on 6.18
        String max = Files.readAllLines(Path.of("/proc/sys/net/netfilter/nf_conntrack_max")).get(0).trim();
        assertTrue(max.length() > 1, "a 1-digit nf_conntrack_max (" + max + ") is no test of the reader");
        CliRun r = CliRun.run("doctor", "--live", "--every", "1", "--format", "json");
        assertTrue(r.exitCode >= 0 && r.exitCode <= 2, r.out + r.err);
        assertTrue(r.out.contains("\"host\": {\n        \"inode\": "), r.out);
        assertTrue(r.out.contains("\"max\": " + max + ","), "nf_conntrack_max as /proc shows it: " + max + "\n" + r.out);
        assertTrue(r.out.contains("\"rates_per_s\": {"), r.out);
        assertTrue(r.out.contains("\"counters_source\": \"/proc/net/stat/nf_conntrack\""), r.out);
        assertTrue(r.out.contains("\"bytes_per_entry_source\": \"slabinfo\""), "root reads /proc/slabinfo\n" + r.out);
        assertTrue(r.out.contains("\"kernel_log\": {\n      \"read\": true"), r.out);
        assertEquals("", r.err);
    }
}
