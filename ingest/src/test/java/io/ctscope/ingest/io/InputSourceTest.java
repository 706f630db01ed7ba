package io.ctscope.ingest.io;

import io.ctscope.ingest.decode.FormatEvidence;
import io.ctscope.ingest.decode.InputDecoder;
import io.ctscope.ingest.decode.InputStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class InputSourceTest {
    private static final String LINE = "ipv4     2 udp      17 29 src=10.0.0.2 dst=10.0.0.3 sport=5000 dport=53"
        + " [UNREPLIED] src=10.0.0.3 dst=10.0.0.2 sport=53 dport=5000 mark=0 zone=0 use=2\n";

    private static InputStats decode(String name) throws IOException {
        InputStats stats = new InputStats();
        new InputDecoder(r -> { }, (input, line, reason) -> true).decode(new InputSource(name), 1, stats, new FormatEvidence(name));
        return stats;
    }

    @Test
    void shouldReadAProcFileWhoseSizeCannotBeAskedAsAStream() throws IOException {
        // every /proc seq_file (nf_conntrack among them) fails lseek(SEEK_END) with EINVAL
        Path proc = Path.of("/proc/filesystems");
        assumeTrue(Files.isReadable(proc), "no /proc");
        long lines = Files.readAllLines(proc).size();

        InputStats stats = decode(proc.toString());

        assertTrue(new InputSource(proc.toString()).isStream());
        assertEquals(lines, stats.lines);
        assertTrue(lines > 0);
    }

    @Test
    void shouldReadAFifoAsAStream(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("events.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "no mkfifo");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                for (int i = 0; i < 1000; i++) {
                    out.write(LINE.getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();

        InputStats stats = decode(fifo.toString());
        writer.join();

        assertTrue(new InputSource(fifo.toString()).isStream());
        assertFalse(new InputSource(fifo.toString()).isGzip(), "a FIFO is not probed for gzip: that would eat its bytes");
        assertEquals(1000, stats.records);
        assertEquals(0, stats.badLines);
    }

    @Test
    void shouldReadARegularFileAsAFile(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("dump.txt"), LINE + LINE);

        assertFalse(new InputSource(f.toString()).isStream());
        assertEquals(2, decode(f.toString()).records);
    }
}
