package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ctscope.cli.SampleFiles.corpus;
import static io.ctscope.cli.SampleFiles.lab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 9 item 7 / issue 11 item 4: report on an input that is no conntrack output says so and fails. */
class NotConntrackInputTest {
    @TempDir
    Path dir;



    @Test
    void shouldSayAConntrackSFileIsStatisticsAndPointAtDoctor() {
        String f = lab("snap-a-stats.txt");
        CliRun r = CliRun.run("report", f);
        assertEquals(1, r.exitCode, r.err);
        assertFalse(r.out.contains("TABLE"), r.out);
        assertTrue(r.err.contains("ctscope: " + f + ": looks like conntrack statistics (conntrack -S or /proc/net/stat/nf_conntrack),"
            + " not a conntrack table or event stream: it holds no records (ctscope doctor " + f + " reads it)"), r.err);
    }

    @Test
    void shouldSayWhatASysctlDumpAKernelLogAndAnEmptyFileAre() throws IOException {
        CliRun sysctl = CliRun.run("report", lab("snap-a-sysctl.txt"));
        assertEquals(1, sysctl.exitCode);
        assertTrue(sysctl.err.contains("looks like sysctl settings"), sysctl.err);
        CliRun dmesg = CliRun.run("report", corpus("kernlog__pc-freak_blog__dmesg_table_full_ratelimit.txt"));
        assertEquals(1, dmesg.exitCode);
        assertTrue(dmesg.err.contains("looks like a kernel or system log"), dmesg.err);
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        CliRun none = CliRun.run("report", empty.toString());
        assertEquals(1, none.exitCode);
        assertEquals("ctscope: " + empty + ": empty: it holds no conntrack records\n", none.err);
        assertEquals("", none.out);
        Path bin = dir.resolve("a.out");
        Files.write(bin, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, '\n', 0, 0, 0});
        CliRun binary = CliRun.run("report", bin.toString());
        assertEquals(1, binary.exitCode);
        assertTrue(binary.err.contains(bin + ": looks like binary data, not a conntrack table"), binary.err);
    }

    @Test
    void shouldGiveABinaryFileOneVerdictLineNotTwentyBadLinesFirst() throws IOException {
        Path bin = dir.resolve("ls.bin");
        byte[] b = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(b); // random bytes: about 250 "lines" of binary data
        Files.write(bin, b);
        long newlines = 0;
        for (byte x : b) {
            newlines += x == '\n' ? 1 : 0;
        }
        CliRun r = CliRun.run("report", bin.toString());
        assertEquals(1, r.exitCode);
        String[] lines = r.err.split("\n");
        assertEquals("ctscope: " + bin + ": looks like binary data, not a conntrack table or event stream: it holds no"
            + " records", lines[0], r.err);
        assertTrue(lines[1].matches("ctscope: (" + newlines + "|" + (newlines + 1) + ") bad lines skipped"), r.err);
        assertEquals(2, lines.length, r.err);
    }

    @Test
    void shouldStillShowTheBadLinesBeforeAFilesFirstRecord() throws IOException {
        Path f = dir.resolve("garbled-head.txt");
        Files.writeString(f, "garbage one\ngarbage two\n" + Files.readString(Path.of(lab("snap-a-proc.txt"))));
        CliRun r = CliRun.run("report", f.toString());
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.err.startsWith(f + ":1: "), r.err);
        assertTrue(r.err.contains("\n" + f + ":2: "), r.err);
        assertTrue(r.err.endsWith("ctscope: 2 bad lines skipped\n"), r.err);
    }

    @Test
    void shouldStillPrintJsonForToolsAndExitOne() {
        CliRun r = CliRun.run("report", "--format", "json", lab("snap-a-proc-stat.txt"));
        assertEquals(1, r.exitCode);
        assertTrue(r.out.contains("\"records\": 0"), r.out);
    }

    @Test
    void shouldReportTheDumpAndNameTheStatsFileBesideIt() {
        String stats = lab("snap-a-stats.txt");
        CliRun r = CliRun.run("report", lab("snap-a-proc.txt"), stats);
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.out.startsWith("TABLE  16 entries in the dump"), r.out);
        assertTrue(r.err.contains(stats + ": looks like conntrack statistics"), r.err);
    }

    @Test
    void shouldKeepAnEmptyConntrackDumpAnEmptyTable() {
        CliRun r = CliRun.run("report", corpus("list__canonical_hotsos__fip_netns_empty.txt"));
        assertEquals(0, r.exitCode, r.err);
        assertTrue(r.out.startsWith("TABLE  0 entries"), r.out);
    }
}
