package io.ctscope.cli;

import io.ctscope.ingest.io.InputSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads a real namespace's {@code /proc/net/nf_conntrack} by its path, as an operator names it (here
 * {@code /proc/PID/net/...} of a process in that namespace), and checks the table against what
 * {@code conntrack -L} lists in the same namespace. /proc rejects the seek to the end that a size query
 * makes, so it can only be read as a stream.
 */
class ProcNetConntrackTest {
    @Test
    void shouldReportTheTableOfARealNamespaceFromItsProcFileLikeConntrackList() throws IOException {
        try (NamespacePair lab = new NamespacePair()) {
            lab.pings(3);
            lab.udpFlows(12, 6000);
            lab.tcpConnections(3, 8080);
            String proc = "/proc/" + lab.clientPid() + "/net/nf_conntrack";

            CliRun run = CliRun.run("report", "--format", "json", proc);
            Map<String, Long> listed = protocolsOf(lab.in(lab.client, "conntrack -L 2>/dev/null"));

            assertEquals(0, run.exitCode, run.err);
            long total = listed.entrySet().stream().filter(e -> !e.getKey().contains("/")).mapToLong(Map.Entry::getValue).sum();
            assertTrue(total >= 16, "conntrack -L (one ping flow, 12 udp, 3 tcp): " + listed);
            assertTrue(run.out.contains("\"entries\": " + total + ","), listed + " in\n" + run.out);
            for (Map.Entry<String, Long> e : listed.entrySet()) {
                assertTrue(run.out.contains("\"" + e.getKey() + "\": " + e.getValue()), e + " in\n" + run.out);
            }
            assertTrue(run.out.contains("\"" + proc + "\": \"nf_conntrack\""), run.out);
            assertEquals("", run.err);
        }
    }

    @Test
    void shouldJournalARealNamespaceProcFileWholeOnEveryIngest(@TempDir Path queue) throws IOException {
        try (NamespacePair lab = new NamespacePair()) {
            lab.udpFlows(7, 6100);
            String proc = "/proc/" + lab.clientPid() + "/net/nf_conntrack";
            long listed = lab.in(lab.client, "conntrack -L 2>/dev/null").lines().count();

            CliRun first = CliRun.run("ingest", "--queue", queue.toString(), proc);
            CliRun second = CliRun.run("ingest", "--queue", queue.toString(), proc);

            assertEquals(0, first.exitCode, first.err);
            assertTrue(first.out.contains("ingested " + listed + " records from " + listed + " lines"), first.out + first.err);
            assertEquals(0, second.exitCode, second.err);
            assertTrue(second.out.contains("ingested " + listed + " records"), "a snapshot is journaled again: " + second.out + second.err);
        }
    }

    @Test
    void shouldReadTheStatFileOfARealNamespaceAsAStream() throws IOException {
        try (NamespacePair lab = new NamespacePair()) {
            lab.pings(1);
            String stat = "/proc/" + lab.clientPid() + "/net/stat/nf_conntrack";
            List<String> catLines = lab.in(lab.client, "cat /proc/net/stat/nf_conntrack").lines().collect(Collectors.toList());

            String read;
            try (InputStream in = new InputSource(stat).open()) {
                read = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }

            List<String> lines = read.lines().collect(Collectors.toList());
            assertTrue(new InputSource(stat).isStream());
            assertEquals(catLines.size(), lines.size(), read);
            assertEquals(catLines.get(0), lines.get(0));
            assertTrue(lines.get(0).startsWith("entries "), lines.get(0));
        }
    }

    /** {@code conntrack -L} per protocol and tcp state, counted with split: the first word is the protocol. */
    private static Map<String, Long> protocolsOf(String list) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : list.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length < 4) {
                continue;
            }
            counts.merge(w[0], 1L, Long::sum);
            if (w[0].equals("tcp")) {
                counts.merge("tcp/" + w[3], 1L, Long::sum);
            }
        }
        return counts;
    }
}
