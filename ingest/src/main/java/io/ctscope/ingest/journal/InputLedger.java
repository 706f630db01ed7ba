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
 * What the journal's records cannot tell about each input: the name it was given, its format, the
 * lines that were not records (rejected, summaries, loss warnings, blank), and the count conntrack's own
 * summary line said it showed ({@code summary_shown}, -1 when it printed none). Kept in {@code inputs.tsv}
 * beside the queue, added to at the end of every ingest run, written atomically ({@link AtomicFiles}).
 * A run killed before its end leaves these counters short by what it read; records stay exact.
 */
public final class InputLedger {
    public static final String FILE_NAME = "inputs.tsv";
    private static final String HEADER =
        "# id\tformat\tbad_lines\tloss_warnings\tsummary_lines\tskipped_lines\tsummary_shown\tname";
    /** Columns before {@code summary_shown} was kept (written until 2026-12). */
    private static final int COLUMNS_V1 = 7;
    private static final int COLUMNS = 8;

    /** One input's entry. */
    public static final class Entry {
        public final int id;
        public String name;
        public InputFormat format = InputFormat.UNKNOWN;
        public long badLines;
        public long lossWarnings;
        public long summaryLines;
        public long skippedLines;
        /** Flows conntrack's summary lines said were shown, summed over runs; -1 when none was read. */
        public long summaryShown = -1;

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
                String[] f = line.split("\t", COLUMNS);
                String where = ledger.file + ":" + (i + 1) + ": damaged entry: ";
                if (f.length != COLUMNS && f.length != COLUMNS_V1) {
                    throw new IOException(where + "expected " + COLUMNS + " tab-separated columns, found " + f.length);
                }
                boolean v1 = f.length == COLUMNS_V1; // names are escaped: a tab in one never splits a column
                try {
                    Entry e = new Entry(Integer.parseInt(f[0]), SourceRegistry.unescape(f[v1 ? 6 : 7]));
                    e.format = InputFormat.ofLabel(f[1]);
                    e.badLines = count(f[2]);
                    e.lossWarnings = count(f[3]);
                    e.summaryLines = count(f[4]);
                    e.skippedLines = count(f[5]);
                    e.summaryShown = v1 ? -1 : Math.max(-1, Long.parseLong(f[6]));
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
        if (s.summaryShown >= 0) {
            e.summaryShown = Math.max(e.summaryShown, 0) + s.summaryShown;
        }
    }

    public void save() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries.values()) {
            sb.append(e.id).append('\t').append(e.format.label()).append('\t').append(e.badLines).append('\t')
                .append(e.lossWarnings).append('\t').append(e.summaryLines).append('\t').append(e.skippedLines)
                .append('\t').append(e.summaryShown).append('\t').append(SourceRegistry.escape(e.name)).append('\n');
        }
        AtomicFiles.replace(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
