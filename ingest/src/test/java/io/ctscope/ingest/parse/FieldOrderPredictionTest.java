package io.ctscope.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctscope.ingest.TestFiles;
import io.ctscope.ingest.record.ConntrackRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The parser predicts each line's next key from the lines before it. A prediction may only save work:
 * every real line (corpus and lab recordings) must parse to the same status, reason and record after any
 * other line as it does in a parser that has seen nothing (whose every prediction misses).
 */
class FieldOrderPredictionTest {
    @Test
    void shouldParseEveryLineAlikeWhateverLineCameBefore() {
        List<byte[]> lines = new ArrayList<>();
        List<Path> files = new ArrayList<>(TestFiles.conntrackTextCorpus());
        files.addAll(TestFiles.labRecordings());
        for (Path f : files) {
            lines.addAll(TestFiles.lines(f));
        }
        assertTrue(lines.size() >= 1500, "lines: " + lines.size());
        SplittableRandom rnd = new SplittableRandom(21);
        ConntrackTextParser warm = new ConntrackTextParser();
        ConntrackRecord w = new ConntrackRecord();
        ConntrackRecord f = new ConntrackRecord();
        int records = 0;
        for (int k = 0; k < 4 * lines.size(); k++) {
            // in file order first (predictions fit), then in random order (they keep missing)
            byte[] line = lines.get(k < lines.size() ? k : rnd.nextInt(lines.size()));
            ConntrackTextParser fresh = new ConntrackTextParser();
            int expected = fresh.parse(line, 0, line.length, f);
            int status = warm.parse(line, 0, line.length, w);
            String text = new String(line, StandardCharsets.ISO_8859_1);
            assertEquals(expected, status, text);
            assertEquals(fresh.describeError(expected), warm.describeError(status), text);
            if (status == ParseStatus.RECORD) {
                records++;
                assertEquals(f.toString(), w.toString(), text);
                assertEquals(f.present, w.present, text);
                assertEquals(f.unknownFields, w.unknownFields, text);
            }
        }
        assertTrue(records > lines.size(), "records: " + records);
    }
}
