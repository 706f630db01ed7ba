package io.ctscope.analysis.shard;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.filter.FilterOptions;
import io.ctscope.analysis.filter.RecordFilters;
import io.ctscope.analysis.report.JsonRenderer;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.decode.FormatEvidence;
import io.ctscope.ingest.decode.InputDecoder;
import io.ctscope.ingest.decode.InputStats;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The analysis split over shards by flow key gives the report of the whole analysis, byte for byte,
 * for any number of shards: over every committed recording and corpus file, over successive dumps
 * (whose entries leave each shard's table when the next dump begins), and under filters.
 */
class ShardedReportTest {
    private static final Path RECORDED = Path.of("../samples/lab/recorded");
    private static final Path CORPUS = Path.of("../samples/corpus");
    private static final int[] SHARDS = {1, 2, 3, 7};

    @Test
    void shouldGiveTheSameReportForAnyNumberOfShardsOnEveryRecording() throws IOException {
        List<Path> files = inputs();
        assertFalse(files.isEmpty());
        for (Path f : files) {
            assertSameForEveryShardCount(List.of(f), ReportOptions::new);
        }
    }

    @Test
    void shouldGiveTheSameReportOverSuccessiveDumpsAndEventsAfterThem() throws IOException {
        assertSameForEveryShardCount(List.of(RECORDED.resolve("snap-a-list-extended-id.txt"),
            RECORDED.resolve("snap-b-list-extended-id.txt"), RECORDED.resolve("snap-a-proc.txt"),
            RECORDED.resolve("events-timestamp-extended-id.txt")), ReportOptions::new);
    }

    @Test
    void shouldGiveTheSameReportUnderFiltersAndAStateFilter() throws IOException {
        List<Path> capture = List.of(RECORDED.resolve("events-timestamp-extended-id.txt"));
        assertSameForEveryShardCount(capture, () -> withFilter(f -> f.protocols.add("tcp")));
        assertSameForEveryShardCount(capture, () -> withFilter(f -> f.states.add("ESTABLISHED")));
        assertSameForEveryShardCount(capture, () -> withFilter(f -> f.families.add("ipv6")));
    }

    @Test
    void shouldGiveTheSameReportWithGroupingAndAPortRange() throws IOException {
        assertSameForEveryShardCount(List.of(RECORDED.resolve("events-timestamp-extended-id.txt")), () -> {
            ReportOptions o = new ReportOptions();
            o.groupV4 = 24;
            o.groupV6 = 64;
            o.top = 3;
            o.portRangeLow = 32768;
            o.portRangeHigh = 60999;
            return o;
        });
    }

    static ReportOptions withFilter(java.util.function.Consumer<FilterOptions> set) {
        FilterOptions f = new FilterOptions();
        set.accept(f);
        ReportOptions o = new ReportOptions();
        o.filter = RecordFilters.records(f);
        o.stateFilter = RecordFilters.flowEntry(f);
        return o;
    }

    static void assertSameForEveryShardCount(List<Path> files, Supplier<ReportOptions> options) throws IOException {
        String whole = json(ReportBuilder.standard(options.get()), files);
        for (int n : SHARDS) {
            String sharded = json(new ShardedReport(options.get(), n, 1), files);
            assertEquals(whole, sharded, files + " over " + n + " shards");
            // as on the pipeline: the ordered listeners split over three handlers
            String split = json(new ShardedReport(options.get(), n, 64), files);
            assertEquals(whole, split, files + " over " + n + " shards, ordered stage split");
        }
    }

    static String json(Analyzer analysis, List<Path> files) throws IOException {
        InputDecoder decoder = new InputDecoder(analysis, (input, line, reason) -> true);
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).toString();
            try (InputStream in = Files.newInputStream(files.get(i))) {
                decoder.decode(in, name, i, new InputStats(), new FormatEvidence(name));
            }
        }
        Report report = new Report();
        analysis.contribute(report);
        return JsonRenderer.render(report);
    }

    private static List<Path> inputs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(RECORDED, CORPUS)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".txt") && !p.getFileName().toString().equals("MANIFEST.txt"))
                    .sorted().forEach(out::add);
            }
        }
        return out;
    }
}
