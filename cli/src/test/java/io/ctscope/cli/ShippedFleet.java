package io.ctscope.cli;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.Report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet tests' boxes: three journals (two lab recordings of one real-kernel run, so they share flows, and
 * a generated capture), shipped by real {@code ship} processes side by side, and the check that a fleet
 * report's counts are the sum of each box's own {@code report --queue}.
 */
final class ShippedFleet {
    private ShippedFleet() {
    }

    /** Ingests the three boxes' inputs into journals under {@code tmp} named {@code tag-BOX}; box name to journal. */
    static Map<String, Path> ingestThreeBoxes(Path tmp, String tag, Path generated) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("lab-a", SampleFiles.lab("events-timestamp-extended-id.txt"));
        inputs.put("lab-b", SampleFiles.lab("events-ktimestamp.txt"));
        inputs.put("gen-c", generated.toString());
        Map<String, Path> queues = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            queues.put(e.getKey(), ingest(tmp.resolve(tag + "-" + e.getKey()), e.getValue()));
        }
        return queues;
    }

    /** Appends {@code input} to journal {@code queue} (an ingest of one more file). */
    static Path ingest(Path queue, String input) {
        CliRun ingest = CliRun.run("ingest", "--queue", queue.toString(), input);
        assertEquals(0, ingest.exitCode, ingest.err);
        return queue;
    }

    /** Ships the first box alone with {@code --create-topics}, then every box at once; waits for all. */
    static void shipAll(Path tmp, String bootstrap, String prefix, Map<String, Path> queues, int batch) throws Exception {
        Map.Entry<String, Path> first = queues.entrySet().iterator().next();
        CliRun create = CliRun.run("ship", "--queue", first.getValue().toString(), "--kafka", bootstrap, "--box",
            first.getKey(), "--topic-prefix", prefix, "--events", "--create-topics", "--once", "--batch", "50");
        assertEquals(0, create.exitCode, create.err);
        List<Process> ships = new ArrayList<>();
        for (Map.Entry<String, Path> e : queues.entrySet()) {
            ships.add(startShip(tmp, bootstrap, prefix, e.getKey(), e.getValue(), batch));
        }
        awaitShips(tmp, ships, new ArrayList<>(queues.keySet()));
    }

    /** {@code ship --once} of one box as a process of its own. */
    static Process startShip(Path tmp, String bootstrap, String prefix, String box, Path queue, int batch) throws Exception {
        String name = prefix + box + "-" + System.nanoTime();
        return CtscopeProcess.builder("ship", "--queue", queue.toString(), "--kafka", bootstrap, "--box", box,
                "--topic-prefix", prefix, "--events", "--once", "--batch", String.valueOf(batch))
            .redirectOutput(tmp.resolve(name + ".out").toFile())
            .redirectError(tmp.resolve(box + ".err").toFile()).start();
    }

    static void awaitShips(Path tmp, List<Process> ships, List<String> boxes) throws Exception {
        for (int i = 0; i < ships.size(); i++) {
            Process p = ships.get(i);
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), boxes.get(i) + " did not finish");
            assertEquals(0, p.exitValue(), Files.readString(tmp.resolve(boxes.get(i) + ".err")));
        }
    }

    static Report boxReport(Path queue) throws Exception {
        ReportOptions options = new ReportOptions();
        options.top = 100_000;
        return JournalReport.build(queue, TimeWindow.ALL, options).report();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(Report fleet, String box) {
        for (Object o : (List<Object>) fleet.root().get("boxes")) {
            Map<String, Object> r = (Map<String, Object>) o;
            if (box.equals(r.get("box"))) {
                return r;
            }
        }
        throw new AssertionError("no row for " + box);
    }

    /**
     * Each box's row equals its own report (events by kind, state and protocol, table entries, records), and
     * the fleet's sums equal the sums of those reports.
     */
    @SuppressWarnings("unchecked")
    static void assertSumOfOwnReports(Report fleet, Map<String, Path> queues) throws Exception {
        assertEquals((long) queues.size(), fleet.get("fleet.boxes"));
        Map<String, Map<String, Long>> byStateSum = new TreeMap<>();
        long[] sums = new long[4];
        for (Map.Entry<String, Path> q : queues.entrySet()) {
            String box = q.getKey();
            Report own = boxReport(q.getValue());
            Map<String, Object> row = row(fleet, box);
            Map<String, Object> events = (Map<String, Object>) row.get("events");
            assertEquals(own.get("events.NEW"), events.get("NEW"), box);
            assertEquals(own.get("events.UPDATE"), events.get("UPDATE"), box);
            assertEquals(own.get("events.DESTROY"), events.get("DESTROY"), box);
            assertEquals(own.get("events.by_state"), events.get("by_state"), box);
            assertEquals(own.get("events.by_protocol"), events.get("by_protocol"), box);
            assertEquals(own.get("table.entries"), row.get("entries_now"), box);
            assertEquals(own.get("input.records") != null ? own.get("input.records") : row.get("records"), row.get("records"), box);
            sums[0] += (Long) own.get("events.NEW");
            sums[1] += (Long) own.get("events.UPDATE");
            sums[2] += (Long) own.get("events.DESTROY");
            sums[3] += (Long) own.get("table.entries");
            ((Map<String, Object>) own.get("events.by_state")).forEach((kind, m) -> ((Map<String, Object>) m).forEach(
                (state, n) -> byStateSum.computeIfAbsent(kind, k -> new TreeMap<>()).merge(state, (Long) n, Long::sum)));
        }
        assertEquals(sums[0], fleet.get("fleet.events.NEW"));
        assertEquals(sums[1], fleet.get("fleet.events.UPDATE"));
        assertEquals(sums[2], fleet.get("fleet.events.DESTROY"));
        assertEquals(sums[3], fleet.get("fleet.entries_now"));
        Map<String, Map<String, Long>> fleetByState = new TreeMap<>();
        ((Map<String, Object>) fleet.get("fleet.events.by_state")).forEach((kind, m) ->
            fleetByState.put(kind, new TreeMap<>((Map<String, Long>) (Map<?, ?>) m)));
        assertEquals(byStateSum, fleetByState);
    }
}
