package io.ctscope.ingest.io;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcFilesTest {
    /** The kernel's value as a line reader sees it (the way cat does) against ProcFiles' whole read. */
    @Test
    void shouldReadASysctlWhole() throws Exception {
        Path max = Path.of("/proc/sys/net/netfilter/nf_conntrack_max");
        Assumptions.assumeTrue(Files.exists(max), "no nf_conntrack on this kernel");
        String line;
        try (BufferedReader r = Files.newBufferedReader(max)) {
            line = r.readLine();
        }
        assertEquals(line, ProcFiles.read(max).trim());
    }
}
