package io.ctscope.ingest.stats;

import io.ctscope.ingest.decode.BadLineListener;
import io.ctscope.ingest.io.LineFramer;
import io.ctscope.ingest.io.LineHandler;
import io.ctscope.ingest.parse.Ascii;
import io.ctscope.ingest.parse.Excerpt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads conntrack's statistics in any of its printed forms ({@link StatsForm}), recognised line by line
 * by content: {@code cpu=N key=value ...} lines (tab or spaces after {@code cpu=N}, trailing space or
 * not, any key set), the old {@code name<TAB><TAB>value} table, and {@code /proc/net/stat/nf_conntrack}
 * (a header of names, read for the column order, then hex rows). Anything else is a bad line
 * ({@code file:line: reason} to the {@link BadLineListener}), counted, and the rest is still read.
 */
public final class StatsParser implements LineHandler {
    private static final byte[] CPU = Ascii.bytes("cpu=");
    private static final byte[] ENTRIES = Ascii.bytes("entries");
    private static final byte[] TOOL = Ascii.bytes("conntrack v");

    private final String name;
    private final BadLineListener badLines;
    private final ConntrackStats stats;
    private final List<String> header = new ArrayList<>();
    private final int[] tokStart = new int[64];
    private final int[] tokEnd = new int[64];
    private boolean stop;

    private StatsParser(String name, BadLineListener badLines) {
        this.name = name;
        this.badLines = badLines;
        this.stats = new ConntrackStats(name);
    }

    /** Reads a whole input; an I/O error is the caller's (what was read before it is lost with it). */
    public static ConntrackStats parse(InputStream in, String name, BadLineListener badLines) throws IOException {
        StatsParser p = new StatsParser(name, badLines);
        new LineFramer(1 << 17).frame(in, p, 1, 0);
        return p.stats;
    }

    /** True when the line is one of the three forms (for content recognition; allocates nothing). */
    public static boolean looksLikeStats(byte[] b, int off, int end) {
        int p = skipSpace(b, off, end);
        if (Ascii.startsWith(b, p, end, CPU)) {
            int q = p + CPU.length;
            int d = q;
            while (d < end && Ascii.isDigit(b[d])) {
                d++;
            }
            return d > q && d < end && Ascii.isSpace(b[d]);
        }
        return isProcHeader(b, p, end) || isProcRow(b, p, end) || isTableRow(b, p, end);
    }

    private static final java.util.Set<String> TABLE_NAMES = java.util.Set.of("entries", "searched", "found", "new",
        "invalid", "ignore", "delete", "delete_list", "insert", "insert_failed", "drop", "early_drop", "icmp_error",
        "expect_new", "expect_create", "expect_delete", "search_restart");

    /** A row of the old summary table: one of its counter names, a tab, a decimal number. */
    private static boolean isTableRow(byte[] b, int p, int end) {
        int q = p;
        while (q < end && !Ascii.isSpace(b[q])) {
            q++;
        }
        if (q == p || q - p > 20 || Ascii.indexOf(b, q, end, (byte) '\t') < 0) {
            return false;
        }
        int v = skipSpace(b, q, end);
        int e = v;
        while (e < end && Ascii.isDigit(b[e])) {
            e++;
        }
        return e > v && skipSpace(b, e, end) == end && TABLE_NAMES.contains(ascii(b, p, q));
    }

    @Override
    public boolean onLine(byte[] b, int off, int end, long lineNumber, long byteOffset, boolean terminated) {
        int n = tokenize(b, off, end);
        String reason;
        if (n == 0) {
            return true;
        } else if (n < 0) {
            reason = "more than " + tokStart.length + " fields";
        } else if (Ascii.startsWith(b, tokStart[0], tokEnd[0], CPU)) {
            reason = cpuLine(b, n);
        } else if (isProcHeader(b, tokStart[0], end)) {
            reason = procHeader(b, n);
        } else if (!header.isEmpty() && Ascii.parseHex(b, tokStart[0], tokEnd[0]) != Ascii.INVALID) {
            reason = procRow(b, n);
        } else if (isProcRow(b, tokStart[0], end)) {
            reason = "a /proc/net/stat/nf_conntrack row before its header line (the column names are unknown)";
        } else if (n == 2 && isName(b, tokStart[0], tokEnd[0])) {
            reason = tableRow(b);
        } else if (Ascii.startsWith(b, tokStart[0], end, TOOL)) {
            reason = "a conntrack-tools message, not statistics: " + Excerpt.of(b, tokStart[0], end, 100);
        } else {
            reason = "not conntrack statistics: " + Excerpt.of(b, tokStart[0], end, 60);
        }
        stats.line(reason != null);
        if (reason != null && !badLines.onBadLine(name, lineNumber, reason)) {
            stop = true;
        }
        return !stop;
    }

    @Override
    public boolean onOverlongLine(long lineNumber, long byteOffset, long length) {
        stats.line(true);
        stop = !badLines.onBadLine(name, lineNumber, "line longer than the 64 KiB limit (" + length + " bytes)");
        return !stop;
    }

    private String cpuLine(byte[] b, int n) {
        int cpuEnd = tokEnd[0];
        if (Ascii.parseUnsigned(b, tokStart[0] + CPU.length, cpuEnd) == Ascii.INVALID) {
            return "malformed cpu=N";
        }
        long[] values = new long[n];
        for (int i = 1; i < n; i++) {
            int eq = indexOf(b, tokStart[i], tokEnd[i], '=');
            if (eq <= tokStart[i] || !isName(b, tokStart[i], eq)) {
                return "expected counter=value, got '" + Excerpt.of(b, tokStart[i], tokEnd[i], 40) + "'";
            }
            values[i] = Ascii.parseUnsigned(b, eq + 1, tokEnd[i]);
            if (values[i] == Ascii.INVALID) {
                return "malformed number in " + Excerpt.of(b, tokStart[i], eq, 40) + "=";
            }
        }
        for (int i = 1; i < n; i++) {
            int eq = indexOf(b, tokStart[i], tokEnd[i], '=');
            stats.add(CounterNames.canonical(ascii(b, tokStart[i], eq)), values[i]);
        }
        stats.form(StatsForm.CONNTRACK_S);
        stats.cpuRow();
        return null;
    }

    private String procHeader(byte[] b, int n) {
        header.clear();
        for (int i = 0; i < n; i++) {
            if (!isName(b, tokStart[i], tokEnd[i])) {
                header.clear();
                return "malformed column name '" + Excerpt.of(b, tokStart[i], tokEnd[i], 40) + "'";
            }
            header.add(CounterNames.canonical(ascii(b, tokStart[i], tokEnd[i])));
        }
        stats.form(StatsForm.PROC_STAT);
        return null;
    }

    private String procRow(byte[] b, int n) {
        if (n != header.size()) {
            return n + " columns where the header names " + header.size();
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = Ascii.parseHex(b, tokStart[i], tokEnd[i]);
            if (values[i] == Ascii.INVALID) {
                return "malformed hex number in column " + header.get(i);
            }
        }
        for (int i = 0; i < n; i++) {
            if (CounterNames.ENTRIES.equals(header.get(i))) {
                stats.entries(values[i]);
            } else {
                stats.add(header.get(i), values[i]);
            }
        }
        stats.cpuRow();
        return null;
    }

    private String tableRow(byte[] b) {
        long v = Ascii.parseUnsigned(b, tokStart[1], tokEnd[1]);
        if (v == Ascii.INVALID) {
            return "malformed number for " + Excerpt.of(b, tokStart[0], tokEnd[0], 40);
        }
        String counter = CounterNames.canonical(ascii(b, tokStart[0], tokEnd[0]));
        if (CounterNames.ENTRIES.equals(counter)) {
            stats.entries(v);
        } else {
            stats.add(counter, v);
        }
        stats.form(StatsForm.CONNTRACK_S_TABLE);
        return null;
    }

    /** {@code entries} followed by at least one more column name: the /proc header. */
    private static boolean isProcHeader(byte[] b, int p, int end) {
        if (!Ascii.startsWith(b, p, end, ENTRIES)) {
            return false;
        }
        int q = p + ENTRIES.length;
        if (q >= end || !Ascii.isSpace(b[q])) {
            return false;
        }
        q = skipSpace(b, q, end);
        return q < end && b[q] >= 'a' && b[q] <= 'z';
    }

    /** Eight hex digits, two spaces, eight hex digits: a /proc row (for recognition without a header). */
    private static boolean isProcRow(byte[] b, int p, int end) {
        if (end - p < 18) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (Ascii.hexDigit(b[p + i]) < 0 || Ascii.hexDigit(b[p + 10 + i]) < 0) {
                return false;
            }
        }
        return b[p + 8] == ' ' && b[p + 9] == ' ';
    }

    private static boolean isName(byte[] b, int off, int end) {
        if (off >= end) {
            return false;
        }
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return b[off] >= 'a' && b[off] <= 'z';
    }

    /** Splits on runs of blanks; returns the count, or -1 past the field limit. */
    private int tokenize(byte[] b, int off, int end) {
        int n = 0;
        int p = off;
        while (true) {
            p = skipSpace(b, p, end);
            if (p >= end) {
                return n;
            }
            if (n == tokStart.length) {
                return -1;
            }
            tokStart[n] = p;
            while (p < end && !Ascii.isSpace(b[p])) {
                p++;
            }
            tokEnd[n++] = p;
        }
    }

    private static int skipSpace(byte[] b, int p, int end) {
        while (p < end && Ascii.isSpace(b[p])) {
            p++;
        }
        return p;
    }

    private static int indexOf(byte[] b, int off, int end, char c) {
        for (int i = off; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] b, int off, int end) {
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }
}
