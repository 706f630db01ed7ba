package io.ctscope.ingest.journal;

import io.ctscope.ingest.io.LineFramer;
import io.ctscope.ingest.io.LineHandler;
import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the pipeline does to one file, reduced to the journal's concerns: frame from a resume point, parse,
 * journal each record with the end offset of its line, and checkpoint every {@code commitEvery} lines (or
 * never, to stand for a crash before the next checkpoint).
 */
final class FileJournaler {
    private final JournalWriter writer;
    private final SourceRegistry registry;
    private final ConntrackTextParser parser = new ConntrackTextParser();
    private final ConntrackRecord record = new ConntrackRecord();

    FileJournaler(JournalWriter writer, SourceRegistry registry) {
        this.writer = writer;
        this.registry = registry;
    }

    /**
     * Journals the lines of {@code file} from {@code from} on, stopping after {@code maxLines} lines;
     * checkpoints after every {@code commitEvery} lines and at the end of the file (0: never). Stopping
     * after {@code maxLines} stands for a crash: no checkpoint then. Returns the lines read.
     */
    long journal(Path file, int source, ResumePoint from, long maxLines, long commitEvery) throws IOException {
        long[] state = {0, from.offset(), from.linesConsumed()}; // lines read, end offset, lines consumed
        boolean ended;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from.offset());
            ended = new LineFramer().frame(in, new LineHandler() {
                @Override
                public boolean onLine(byte[] buf, int off, int end, long lineNumber, long byteOffset, boolean terminated) {
                    // the end offset comes from where the next line starts, not from the trimmed end (CR)
                    int len = end - off;
                    if (terminated && buf[end] == '\r') {
                        len++;
                    }
                    long endOffset = byteOffset + len + (terminated ? 1 : 0);
                    if (parser.parse(buf, off, end, record) == ParseStatus.RECORD) {
                        record.source = source;
                        record.offset = byteOffset;
                        record.line = lineNumber;
                        writer.append(record, endOffset);
                    }
                    state[0]++;
                    state[1] = endOffset;
                    state[2] = lineNumber;
                    if (commitEvery > 0 && state[0] % commitEvery == 0) {
                        commit(source, state);
                    }
                    return state[0] < maxLines;
                }

                @Override
                public boolean onOverlongLine(long lineNumber, long byteOffset, long length) {
                    throw new AssertionError("no overlong lines in these tests");
                }
            }, from.nextLine(), from.offset());
        }
        if (ended && commitEvery > 0) {
            commit(source, state); // the pipeline's checkpoint at the end of an input
        }
        return state[0];
    }

    private void commit(int source, long[] state) {
        try {
            registry.commit(source, state[1], state[2], writer.lastIndexAppended());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
