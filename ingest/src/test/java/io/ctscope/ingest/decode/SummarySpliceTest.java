package io.ctscope.ingest.decode;

import io.ctscope.ingest.TestFiles;
import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.pipeline.IngestPipeline;
import io.ctscope.ingest.pipeline.PipelineInput;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code conntrack -L -o extended 2>&1 |}: the stderr summary cut a record in two. The corpus file from
 * a real sosreport has it at lines 1434-1435; both the simple decoder and the pipeline must rejoin it.
 */
class SummarySpliceTest {
    private static final String CUT_AT = "sport=5672 dport=41338 [ASSURED] mark=0 use=";

    private static Path corpus() {
        return TestFiles.corpusFiles("list__canonical_hotsos__openstack_compute_o_extended_1439").get(0);
    }

    /** The record as it would have been without the summary: line 1434's part before "conntrack v" + line 1435. */
    private static String rejoinedByHand() throws IOException {
        List<String> lines = Files.readAllLines(corpus(), StandardCharsets.US_ASCII);
        String cut = lines.get(1433);
        return cut.substring(0, cut.indexOf("conntrack v")) + lines.get(1434);
    }

    @Test
    void shouldRejoinTheRecordTheSummaryCutInTheRealSosreportDump() throws IOException {
        List<String> records = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        InputStats stats = new InputStats();
        new InputDecoder(r -> records.add(r.line + " " + r), (in, line, reason) -> bad.add(line + ": " + reason))
            .decode(new InputSource(corpus().toString()), 0, stats, new FormatEvidence(corpus().toString()));

        assertEquals(List.of(), bad);
        assertEquals(1438, stats.records);
        assertEquals(1438, stats.summaryShown);
        assertEquals(1, stats.summaryLines);
        assertTrue(rejoinedByHand().endsWith(CUT_AT + "1"), rejoinedByHand());
        assertEquals(1, records.stream().filter(r -> r.startsWith("1434 ") && r.contains("sport=41338") && r.endsWith(" use=1")).count(), "the rejoined record keeps line 1434");
    }

    @Test
    void shouldRejoinItInThePipelineWhateverTheBlockBoundary(@TempDir Path dir) throws IOException {
        // put the cut line at the very end of the first 64 KiB block, so its rest comes in the next block
        List<String> lines = Files.readAllLines(corpus(), StandardCharsets.US_ASCII);
        StringBuilder padding = new StringBuilder();
        String filler = lines.get(0) + "\n";
        int cutEnd = 0;
        for (int i = 0; i < 1434; i++) {
            cutEnd += lines.get(i).length() + 1;
        }
        int want = io.ctscope.ingest.pipeline.Chunk.BLOCK - cutEnd;
        while (padding.length() + filler.length() <= want) {
            padding.append(filler);
        }
        Path file = dir.resolve("cut.txt");
        Files.writeString(file, padding + String.join("\n", lines) + "\n", StandardCharsets.US_ASCII);
        long fillers = padding.length() / filler.length();

        List<String> rejoined = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        InputAccounting books = new InputAccounting(List.of(file.toString()), (in, line, reason) -> bad.add(line + ": " + reason),
            (ConntrackRecord r) -> {
                if (r.toString().contains("sport=41338")) {
                    rejoined.add(r.line + " " + r);
                }
            });
        new IngestPipeline(2, List.of(books), false).run(List.of(PipelineInput.fromStart(new InputSource(file.toString()), 0)),
            (input, e) -> bad.add(e.toString()));

        assertEquals(List.of(), bad);
        assertEquals(1438 + fillers, books.stats(0).records);
        assertEquals(1438, books.stats(0).summaryShown);
        assertEquals(1, rejoined.size(), rejoined.toString());
        assertTrue(rejoined.get(0).startsWith((1434 + fillers) + " "), rejoined.get(0));
    }
}
