package io.ctscope.analysis;

import io.ctscope.ingest.decode.RecordSink;
import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test input: conntrack text lines parsed with the real parser (each must be a record) into a sink. */
public final class ParsedLines {
    private ParsedLines() {
    }

    public static void feed(RecordSink sink, Iterable<String> lines) {
        ConntrackTextParser parser = new ConntrackTextParser();
        ConntrackRecord r = new ConntrackRecord();
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.US_ASCII);
            assertEquals(ParseStatus.RECORD, parser.parse(b, 0, b.length, r), line);
            sink.accept(r);
        }
    }

    public static void feed(RecordSink sink, String... lines) {
        feed(sink, Arrays.asList(lines));
    }
}
