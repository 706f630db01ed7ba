package io.ctscope.ingest.decode;

import io.ctscope.ingest.TestFiles;
import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Protocols;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed real-kernel recordings (samples/lab/recorded, kernel 6.18, conntrack 1.4.7): every line
 * the kernel and the tool printed is a record (or the tool's summary), in the format it was recorded as,
 * and the protocols the lab's traffic made all appear.
 */
class RecordedSamplesTest {
    private static final Path RECORDED = TestFiles.root().resolve("samples/lab/recorded");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "events-plain.txt, events, icmp icmpv6 tcp udp",
        "events-timestamp.txt, events, icmp icmpv6 tcp udp",
        "events-extended-id.txt, events, icmp icmpv6 tcp udp",
        "events-timestamp-extended-id.txt, events, icmp icmpv6 tcp udp",
        "events-ktimestamp.txt, events, icmp icmpv6 tcp udp",
        "events-labels.txt, events, icmp icmpv6 tcp udp",
        "events-xml.txt, events-xml, icmp icmpv6 tcp udp",
        "snap-a-proc.txt, nf_conntrack, icmp icmpv6 tcp udp",
        "snap-b-proc.txt, nf_conntrack, ",
        "snap-a-list.txt, conntrack-list, ",
        "snap-a-list-extended.txt, conntrack-list, ",
        "snap-a-list-extended-id.txt, conntrack-list, ",
        "snap-a-list-ktimestamp-labels.txt, conntrack-list, ",
        "snap-a-list-xml.txt, list-xml, ",
        "final-list.txt, conntrack-list, tcp",
    })
    void shouldReadEveryKernelLineAsARecord(String file, String format, String protocols) throws IOException {
        InputStats stats = new InputStats();
        FormatEvidence evidence = new FormatEvidence(file);
        TreeSet<String> seen = new TreeSet<>();
        InputDecoder decoder = new InputDecoder((ConntrackRecord r) -> seen.add(Protocols.reportName(r.protocol)),
            (input, line, reason) -> {
                throw new AssertionError(input + ":" + line + ": " + reason);
            });
        decoder.decode(new InputSource(RECORDED.resolve(file).toString()), 0, stats, evidence);
        assertEquals(0, stats.badLines, file);
        assertTrue(stats.records > 0, file);
        assertEquals(stats.lines, stats.records + stats.summaryLines + stats.skippedLines, file);
        assertEquals(format, evidence.decide().label(), file);
        if (protocols != null) {
            for (String p : protocols.trim().split(" ")) {
                assertTrue(seen.contains(p), file + " lacks " + p + ": " + seen);
            }
        }
    }
}
