package io.ctscope.ingest.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.RecordKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputDecoderTest {
    private static final String NEW = "    [NEW] udp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=53 [UNREPLIED] "
        + "src=10.0.0.2 dst=10.0.0.1 sport=53 dport=40000";
    private static final String UPDATE = " [UPDATE] udp      17 180 src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=53 "
        + "src=10.0.0.2 dst=10.0.0.1 sport=53 dport=40000 [ASSURED]";
    private static final String DESTROY = "[DESTROY] udp      17 src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=53 "
        + "src=10.0.0.2 dst=10.0.0.1 sport=53 dport=40000 [ASSURED]";
    private static final String SUMMARY = "conntrack v1.4.7 (conntrack-tools): 3 flow events have been shown.";

    @TempDir
    Path dir;

    private final List<String> records = new ArrayList<>();
    private final List<Long> recordLines = new ArrayList<>();
    private final List<Long> recordOffsets = new ArrayList<>();
    private final List<String> bad = new ArrayList<>();
    private final InputStats stats = new InputStats();
    private boolean strict;

    private final InputDecoder decoder = new InputDecoder(this::onRecord, this::onBadLine);

    private void onRecord(ConntrackRecord r) {
        records.add(r.kind + " " + r.protocolName());
        recordLines.add(r.line);
        recordOffsets.add(r.offset);
    }

    private boolean onBadLine(String input, long line, String reason) {
        bad.add(input + ":" + line + ": " + reason);
        return !strict;
    }

    @Test
    void shouldDecodeGzipCompressedFileWhateverItsName() throws IOException {
        Path gz = dir.resolve("capture.log");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(String.join("\n", NEW, UPDATE, DESTROY, SUMMARY, "").getBytes(StandardCharsets.US_ASCII));
        }
        assertTrue(new InputSource(gz.toString()).isGzip());
        FormatEvidence evidence = new FormatEvidence(gz.toString());
        assertTrue(decoder.decode(new InputSource(gz.toString()), 3, stats, evidence));
        assertEquals(List.of("NEW udp", "UPDATE udp", "DESTROY udp"), records);
        assertEquals(List.of(1L, 2L, 3L), recordLines);
        assertEquals(List.of(0L, (long) NEW.length() + 1, (long) NEW.length() + UPDATE.length() + 2), recordOffsets,
            "offsets are in the decompressed stream");
        assertEquals(4, stats.lines);
        assertEquals(1, stats.summaryLines);
        assertEquals(1, stats.byKind[RecordKind.DESTROY.ordinal()]);
        assertEquals(InputFormat.EVENTS, evidence.decide());
        assertTrue(bad.isEmpty(), bad.toString());
    }

    @Test
    void shouldDecodeGzipFileNamedGz() throws IOException {
        Path gz = dir.resolve("nf_conntrack.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("ipv4     2 tcp      6 299 ESTABLISHED src=61.185.200.235 dst=120.25.87.35 sport=57360 dport=22 "
                + "src=120.25.87.35 dst=61.185.200.235 sport=22 dport=57360 [ASSURED] mark=0 zone=0 use=2\n")
                .getBytes(StandardCharsets.US_ASCII));
        }
        FormatEvidence evidence = new FormatEvidence(gz.toString());
        assertTrue(decoder.decode(new InputSource(gz.toString()), 0, stats, evidence));
        assertEquals(List.of("ENTRY tcp"), records);
        assertEquals(InputFormat.NF_CONNTRACK, evidence.decide());
    }

    @Test
    void shouldDecodeAPipeLikeStreamThatTricklesBytes() throws IOException {
        byte[] data = String.join("\n", NEW, UPDATE, "", DESTROY, "WARNING: We have hit ENOBUFS! We are losing events.",
            SUMMARY, "").getBytes(StandardCharsets.US_ASCII);
        InputStream pipe = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        FormatEvidence evidence = new FormatEvidence(InputSource.STDIN);
        assertTrue(decoder.decode(pipe, InputSource.STDIN, 0, stats, evidence));
        assertEquals(List.of("NEW udp", "UPDATE udp", "DESTROY udp"), records);
        assertEquals(List.of(1L, 2L, 4L), recordLines);
        assertEquals(6, stats.lines);
        assertEquals(1, stats.skippedLines);
        assertEquals(1, stats.lossWarnings);
        assertEquals(1, stats.summaryLines);
        assertEquals(0, stats.badLines);
        assertEquals(InputFormat.EVENTS, evidence.decide());
    }

    @Test
    void shouldFlagATruncatedLastLineWithoutNewline() throws IOException {
        Path f = dir.resolve("events.txt");
        Files.writeString(f, NEW + "\n" + UPDATE.substring(0, 60), StandardCharsets.US_ASCII);
        assertTrue(decoder.decode(new InputSource(f.toString()), 0, stats, new FormatEvidence(f.toString())));
        assertEquals(List.of("NEW udp"), records);
        assertEquals(1, bad.size());
        assertTrue(bad.get(0).startsWith(f + ":2: last line has no newline (truncated?): "), bad.get(0));
        assertEquals(2, stats.lines);
        assertEquals(1, stats.badLines);
    }

    @Test
    void shouldAcceptACompleteLastLineWithoutNewline() throws IOException {
        decode(NEW + "\n" + DESTROY);
        assertEquals(List.of("NEW udp", "DESTROY udp"), records);
        assertTrue(bad.isEmpty());
    }

    @Test
    void shouldStopAtTheFirstBadLineWhenTheListenerSaysSo() throws IOException {
        strict = true;
        boolean completed = decode(NEW + "\nOperation failed: invalid parameters\n" + UPDATE + "\n");
        assertFalse(completed);
        assertEquals(List.of("NEW udp"), records, "nothing after the bad line is delivered");
        assertEquals(List.of("test:2: not a conntrack record"), bad);
        assertEquals(2, stats.lines);
    }

    @Test
    void shouldDeliverAValidRecordAfterAThousandBadLines() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append(i % 2 == 0 ? "garbage line " + i : "tcp 6 120 SYN_SENT src=xx.xx.xx.xx dst=1.2.3.4 sport=1 dport=2")
                .append('\n');
        }
        sb.append(NEW).append('\n');
        assertTrue(decode(sb.toString()));
        assertEquals(List.of("NEW udp"), records);
        assertEquals(List.of(1001L), recordLines);
        assertEquals(1000, bad.size());
        assertEquals(1000, stats.badLines);
        assertEquals(1001, stats.lines);
        assertTrue(bad.get(1).startsWith("test:2: malformed address"), bad.get(1));
    }

    @Test
    void shouldReportAnOverlongLineAndGoOn() throws IOException {
        String huge = NEW + " x=" + "y".repeat(80_000);
        assertTrue(decode(NEW + "\n" + huge + "\n" + DESTROY + "\n"));
        assertEquals(List.of("NEW udp", "DESTROY udp"), records);
        assertEquals(List.of(1L, 3L), recordLines);
        assertEquals(List.of(0L, (long) NEW.length() + 1 + huge.length() + 1), recordOffsets);
        assertEquals(1, bad.size());
        assertTrue(bad.get(0).startsWith("test:2: line longer than the 64 KiB limit (" + huge.length() + " bytes)"), bad.get(0));
        assertEquals(3, stats.lines);
    }

    @Test
    void shouldCallBinaryLinesBinary() throws IOException {
        assertTrue(decode("\u0000\u0001\u0002garbage\n" + NEW + "\n"));
        assertEquals(List.of("test:1: binary data"), bad);
        assertEquals(1, records.size());
    }

    @Test
    void shouldCountUnknownFields() throws IOException {
        decode(NEW + " future=1 other=2\n");
        assertEquals(2, stats.unknownFields);
    }

    @Test
    void shouldBeReusableAcrossInputs() throws IOException {
        decode(NEW + "\n");
        InputStats second = new InputStats();
        assertTrue(decoder.decode(new ByteArrayInputStream((UPDATE + "\n").getBytes(StandardCharsets.US_ASCII)), "second", 1,
            second, new FormatEvidence("second")));
        assertEquals(1, stats.records);
        assertEquals(1, second.records);
        assertEquals(List.of(1L, 1L), recordLines);
    }

    private boolean decode(String text) throws IOException {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
        return decoder.decode(in, "test", 0, stats, new FormatEvidence("test"));
    }
}
