package io.ctscope.ingest.journal;

import io.ctscope.ingest.decode.InputFormat;
import io.ctscope.ingest.decode.InputStats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the journal's records cannot tell about each input: the name it was given, its format, and the
 * lines that were not records (rejected, summaries, loss warnings, blank). Kept in {@code inputs.tsv}
 * beside the queue, added to at the end of every ingest run, written atomically ({@link AtomicFiles}).
 * A run killed before its end leaves these counters short by what it read; records stay exact.
 */
public final class InputLedger {
    public static final String FILE_NAME = "inputs.tsv";
    private static final String HEADER = "# id\tformat\tbad_lines\tloss_warnings\tsummary_lines\tskipped_lines\tname";

    /** One input's entry. */
    public static final class Entry {
        public final int id;
        public String name;
        public InputFormat format = InputFormat.UNKNOWN;
        public long badLines;
        public long lossWarnings;
        public long summaryLines;
        public long skippedLines;

        Entry(int id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    private final Path file;
    private final Map<Integer, Entry> entries = new TreeMap<>();

    private InputLedger(Path file) {
        this.file = file;
    }

    public static InputLedger open(Path directory) throws IOException {
        InputLedger ledger = new InputLedger(directory.resolve(FILE_NAME));
        if (Files.exists(ledger.file)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(ledger.file, StandardCharsets.UTF_8);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IOException(ledger.file + ": damaged (not UTF-8 text)");
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", 7);
                String where = ledger.file + ":" + (i + 1) + ": damaged entry: ";
                if (f.length != 7) {
                    throw new IOException(where + "expected 7 tab-separated columns, found " + f.length);
                }
                try {
                    Entry e = new Entry(Integer.parseInt(f[0]), SourceRegistry.unescape(f[6]));
                    e.format = InputFormat.ofLabel(f[1]);
                    e.badLines = count(f[2]);
                    e.lossWarnings = count(f[3]);
                    e.summaryLines = count(f[4]);
                    e.skippedLines = count(f[5]);
                    ledger.entries.put(e.id, e);
                } catch (IllegalArgumentException bad) {
                    throw new IOException(where + bad.getMessage());
                }
            }
        }
        return ledger;
    }

    private static long count(String s) {
        long n = Long.parseLong(s);
        if (n < 0) {
            throw new NumberFormatException("negative count " + n);
        }
        return n;
    }

    public Entry entry(int id) {
        return entries.get(id);
    }

    public List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** Adds one run's counts for {@code id}; the format read this run wins unless nothing was recognised. */
    public void add(int id, String name, InputFormat format, InputStats s) {
        Entry e = entries.computeIfAbsent(id, k -> new Entry(k, name));
        e.name = name;
        if (format != InputFormat.UNKNOWN) {
            e.format = format;
        }
        e.badLines += s.badLines;
        e.lossWarnings += s.lossWarnings;
        e.summaryLines += s.summaryLines;
        e.skippedLines += s.skippedLines;
    }

    public void save() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries.values()) {
            sb.append(e.id).append('\t').append(e.format.label()).append('\t').append(e.badLines).append('\t')
                .append(e.lossWarnings).append('\t').append(e.summaryLines).append('\t').append(e.skippedLines)
                .append('\t').append(SourceRegistry.escape(e.name)).append('\n');
        }
        AtomicFiles.replace(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
