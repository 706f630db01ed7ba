package io.ctscope.ingest.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.ctscope.ingest.TestFiles;
import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.TextValue;
import io.ctscope.ingest.record.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real records for journal tests (every parsable line of the corpus (samples/corpus) and lab recordings) and a deep comparison. */
final class JournalTestRecords {
    private JournalTestRecords() {
    }

    /** Every line of the text corpus (and lab recordings) the parser accepts, with source, offset and line set. */
    static List<ConntrackRecord> corpusRecords() {
        List<Path> files = new ArrayList<>(TestFiles.conntrackTextCorpus());
        files.addAll(TestFiles.labRecordings());
        ConntrackTextParser parser = new ConntrackTextParser();
        List<ConntrackRecord> out = new ArrayList<>();
        int source = 1;
        for (Path f : files) {
            List<byte[]> lines = TestFiles.lines(f);
            long offset = 0;
            for (int i = 0; i < lines.size(); i++) {
                byte[] b = lines.get(i);
                int end = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                ConntrackRecord r = new ConntrackRecord();
                if (parser.parse(b, 0, end, r) == ParseStatus.RECORD) {
                    r.source = source;
                    r.offset = offset;
                    r.line = i + 1;
                    out.add(r);
                }
                offset += b.length + 1;
            }
            source++;
        }
        return out;
    }

    /** Writes {@code lines} as a file and returns the byte offset where each line starts (plus the total at the end). */
    static long[] writeLines(Path file, List<String> lines) {
        StringBuilder sb = new StringBuilder();
        long[] starts = new long[lines.size() + 1];
        long at = 0;
        for (int i = 0; i < lines.size(); i++) {
            starts[i] = at;
            sb.append(lines.get(i)).append('\n');
            at += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        starts[lines.size()] = at;
        try {
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return starts;
    }

    /** Compares every instance field of two records, tuples and text values included, by reflection (so a field added later cannot be forgotten). */
    static void assertSameRecord(ConntrackRecord expected, ConntrackRecord actual) {
        assertEquals(expected.toString(), actual.toString());
        compareFields(ConntrackRecord.class, expected, actual, "record");
    }

    private static void compareFields(Class<?> type, Object expected, Object actual, String path) {
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            try {
                Object e = f.get(expected);
                Object a = f.get(actual);
                String name = path + "." + f.getName();
                if (e instanceof Tuple) {
                    compareFields(Tuple.class, e, a, name);
                } else if (e instanceof TextValue) {
                    assertEquals(e.toString(), a.toString(), name);
                } else {
                    assertEquals(e, a, name);
                }
            } catch (IllegalAccessException ex) {
                fail(ex);
            }
        }
    }
}
