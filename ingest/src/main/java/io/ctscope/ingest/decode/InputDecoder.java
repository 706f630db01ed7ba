package io.ctscope.ingest.decode;

import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.io.LineFramer;
import io.ctscope.ingest.io.LineHandler;
import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.parse.XmlFlowParser;
import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;

import java.io.IOException;
import java.io.InputStream;

/**
 * Turns the lines of one input into records: each line goes to the XML or the text parser by its first
 * byte, accepted records go to a {@link RecordSink}, rejected lines to a {@link BadLineListener} with a
 * reason, and everything is counted in {@link InputStats}. One instance per thread; reusable across inputs.
 */
public final class InputDecoder implements LineHandler {
    private static final byte[] DOUBLE_COLON = {':', ':'};
    private static final byte[] EVENTS_SUMMARY = io.ctscope.ingest.parse.Ascii.bytes("flow events");

    private final ConntrackTextParser text = new ConntrackTextParser();
    private final XmlFlowParser xml = new XmlFlowParser();
    private final ConntrackRecord record = new ConntrackRecord();
    private final LineFramer framer = new LineFramer();
    private final RecordSink sink;
    private final BadLineListener badLines;

    private String inputName;
    private int sourceId;
    private InputStats stats;
    private FormatEvidence evidence;

    public InputDecoder(RecordSink sink, BadLineListener badLines) {
        this.sink = sink;
        this.badLines = badLines;
    }

    /** Reads a whole input. Returns false when the bad-line listener asked to stop. */
    public boolean decode(InputSource source, int sourceId, InputStats stats, FormatEvidence evidence) throws IOException {
        try (InputStream in = source.open()) {
            return decode(in, source.name(), sourceId, stats, evidence);
        }
    }

    public boolean decode(InputStream in, String name, int sourceId, InputStats stats, FormatEvidence evidence) throws IOException {
        this.inputName = name;
        this.sourceId = sourceId;
        this.stats = stats;
        this.evidence = evidence;
        return framer.frame(in, this, 1, 0);
    }

    @Override
    public boolean onLine(byte[] b, int off, int end, long lineNumber, long byteOffset, boolean terminated) {
        stats.lines++;
        int p = off;
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        boolean isXml = p < end && b[p] == '<';
        ConntrackRecord r = record;
        int status = isXml ? xml.parse(b, off, end, r) : text.parse(b, off, end, r);
        switch (status) {
            case ParseStatus.RECORD:
                r.source = sourceId;
                r.offset = byteOffset;
                r.line = lineNumber;
                stats.records++;
                stats.byKind[r.kind.ordinal()]++;
                stats.unknownFields += r.unknownFields;
                if (r.has(io.ctscope.ingest.record.Field.TIMESTAMP)) {
                    stats.onTimestamp(r.timestampMicros);
                }
                evidence.onRecord(r, isXml);
                if (!isXml && r.family == Addresses.AF_INET6 && !r.kind.isEvent()) {
                    evidence.onIpv6Text(io.ctscope.ingest.parse.Ascii.indexOf(b, off, end, DOUBLE_COLON) >= 0);
                }
                sink.accept(r);
                return true;
            case ParseStatus.SKIP_SUMMARY:
                stats.summaryLines++;
                evidence.onSummary(io.ctscope.ingest.parse.Ascii.indexOf(b, off, end, EVENTS_SUMMARY) >= 0);
                return true;
            case ParseStatus.LOSS_WARNING:
                stats.lossWarnings++;
                return true;
            case ParseStatus.SKIP_BLANK:
            case ParseStatus.SKIP_MARKUP:
                stats.skippedLines++;
                return true;
            default:
                return reject(status, isXml, b, off, end, lineNumber, terminated);
        }
    }

    private boolean reject(int status, boolean isXml, byte[] b, int off, int end, long lineNumber, boolean terminated) {
        stats.badLines++;
        String reason;
        if (looksBinary(b, off, end)) {
            reason = ParseStatus.reason(ParseStatus.ERR_BINARY);
        } else {
            reason = isXml ? ParseStatus.reason(status) : text.describeError(status);
        }
        if (!terminated) {
            reason = "last line has no newline (truncated?): " + reason;
        }
        return badLines.onBadLine(inputName, lineNumber, reason);
    }

    @Override
    public boolean onOverlongLine(long lineNumber, long byteOffset, long length) {
        stats.lines++;
        stats.badLines++;
        return badLines.onBadLine(inputName, lineNumber,
            ParseStatus.reason(ParseStatus.ERR_LINE_TOO_LONG) + " (" + length + " bytes)");
    }

    private static boolean looksBinary(byte[] b, int off, int end) {
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
