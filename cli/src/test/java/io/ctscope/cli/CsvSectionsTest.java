package io.ctscope.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV sections on every committed recording: the same header whatever the input, nested tables as rows. */
class CsvSectionsTest {
    private static final Path RECORDED = LabPrerequisites.repoRoot().resolve("samples/lab/recorded");
    private static final List<String> SECTIONS = List.of("top.src", "top.dst", "top.dport", "top.pair", "top.nat",
        "table.by_state", "table.by_protocol", "occupancy.series", "occupancy.by_protocol", "durations.lifetime",
        "durations.state", "nat.ports.by_address", "nat.ports.by_destination", "events.by_state", "events.by_protocol");

    /** The recordings that are conntrack output (not conntrack -S, sysctl or count files). */
    static List<Path> recordings() throws IOException {
        try (Stream<Path> s = Files.list(RECORDED)) {
            return s.filter(p -> p.toString().endsWith(".txt"))
                .filter(p -> p.getFileName().toString().matches("(events-.*|snap-.-list.*|snap-.-proc|final-list)\\.txt"))
                .sorted().collect(Collectors.toList());
        }
    }

    private static String csv(String section, Path file) {
        CliRun run = CliRun.run("report", "--format", "csv", "--section", section, file.toString());
        assertEquals(0, run.exitCode, section + " " + file + ": " + run.err);
        return run.out;
    }

    @Test
    void shouldPrintTheSameHeaderForASectionWhateverTheInput() throws IOException {
        List<Path> files = recordings();
        assertTrue(files.size() >= 15, files.toString());
        for (String section : SECTIONS) {
            Map<String, List<String>> headers = new HashMap<>();
            for (Path f : files) {
                String out = csv(section, f);
                assertTrue(out.endsWith("\n") && !out.isEmpty(), section + " " + f + ": no header");
                headers.computeIfAbsent(out.substring(0, out.indexOf('\n')), k -> new ArrayList<>()).add(f.getFileName().toString());
            }
            assertEquals(1, headers.size(), section + ": " + headers);
        }
    }

    @Test
    void shouldPrintOccupancyPerProtocolAsRowsOfEachProtocolsSeries() throws IOException {
        Path events = RECORDED.resolve("events-timestamp-extended-id.txt");
        List<String> rows = List.of(csv("occupancy.by_protocol", events).split("\n"));
        assertEquals("protocol,ts,entries", rows.get(0));
        List<String> expected = new ArrayList<>();
        for (String protocol : List.of("tcp", "udp", "icmp", "icmpv6")) {
            List<String> series = List.of(csv("occupancy.by_protocol." + protocol + ".series", events).split("\n"));
            assertEquals("ts,entries", series.get(0));
            for (String point : series.subList(1, series.size())) {
                expected.add(protocol + "," + point);
            }
        }
        assertTrue(expected.size() > 100);
        assertEquals(expected, rows.subList(1, rows.size()));
        assertTrue(rows.stream().noneMatch(r -> r.contains("{") || r.contains("[")), "JSON inside a cell");
    }
}
