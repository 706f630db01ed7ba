package io.ctscope.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ctscope.ingest.TestFiles;
import io.ctscope.ingest.decode.FormatEvidence;
import io.ctscope.ingest.decode.InputDecoder;
import io.ctscope.ingest.decode.InputStats;
import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.Tuple;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutation test: every real line of the text corpus (and of any recorded lab capture) is damaged in many
 * random ways; the parser and the decoder must never throw, must give every mutant a defined status with
 * a reason, and must never accept a record that breaks the record invariants. Fixed seeds: a failure is
 * reproducible and the failing mutant is printed in hex.
 */
class ParserFuzzTest {
    private static final long SEED = 0x5eed_c0ffeeL;
    private static final int MUTANTS = 40_000;
    private static final byte[][] HUGE = {
        ascii("99999999999999999999"), ascii("18446744073709551616"), ascii("9223372036854775807"),
        ascii("9223372036854775808"), ascii("4294967296"), ascii("65536"), ascii("999999999999999999"),
        ascii("-1"), ascii("0x"), ascii(""),
    };
    private static final byte[][] TOKENS = {
        ascii("src="), ascii("dst="), ascii("sport="), ascii("dport="), ascii("[UNREPLIED]"), ascii("[ASSURED]"),
        ascii("[OFFLOAD]"), ascii("id="), ascii("type="), ascii("code="), ascii("zone="), ascii("::"), ascii("["),
        ascii("]"), ascii("[start="), ascii("[stop=Sat Nov 21 05:33:09 2026]"), ascii("ipv6     10"),
        ascii("ipv4     2"), ascii("[DESTROY]"), ascii("<flow type=\"new\">"), ascii("unknown  2"), ascii("ESTABLISHED"),
        ascii("=="), ascii("\t"), ascii("\r"), ascii("conntrack v1.4.7 (conntrack-tools): "),
        ascii("secctx="), ascii("labels="), ascii("srckey=0x"), ascii("1.2.3.4"), ascii("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
    };

    private final ConntrackTextParser parser = new ConntrackTextParser();
    private final ConntrackRecord r = new ConntrackRecord();

    @Test
    void shouldSurviveMutationsOfEveryRealLine() throws IOException {
        List<byte[]> seeds = seedLines();
        assertTrue(seeds.size() >= 1500, "seed lines: " + seeds.size());

        SplittableRandom rnd = new SplittableRandom(SEED);
        int[] byStatus = new int[64];
        ByteArrayOutputStream stream = new ByteArrayOutputStream(8 << 20);
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            int status = parseChecked(mutant);
            byStatus[status]++;
            stream.write(mutant, 0, mutant.length);
            stream.write('\n');
        }
        // the seeds themselves, unmutated, too
        for (byte[] seed : seeds) {
            parseChecked(seed);
        }
        assertTrue(byStatus[ParseStatus.RECORD] > MUTANTS / 40, "some mutants must still be records: " + Arrays.toString(byStatus));
        assertTrue(MUTANTS - byStatus[ParseStatus.RECORD] > MUTANTS / 4, "most mutations should be caught: " + Arrays.toString(byStatus));

        InputStats stats = decodeChecked(stream.toByteArray());
        assertTrue(stats.lines >= MUTANTS, "inserted newlines can only add lines: " + stats.lines);
    }

    @Test
    void shouldSurviveMegabytesOfRandomBytes() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        byte[] noise = new byte[4 << 20];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) rnd.nextInt(256);
        }
        InputStats stats = decodeChecked(noise);
        assertEquals(0, stats.records, "random bytes are never records");

        // random printable text with many newlines, spaces and '=' exercises the tokenizer harder
        byte[] alphabet = ascii("abcdefxyz0123456789:.=[] \t\nsrcdstportTCPESTAB-,");
        for (int i = 0; i < noise.length; i++) {
            noise[i] = alphabet[rnd.nextInt(alphabet.length)];
        }
        decodeChecked(noise);
    }

    @Test
    void shouldSurviveRandomByteLinesFedDirectly() {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        for (int i = 0; i < 5_000; i++) {
            byte[] line = new byte[rnd.nextInt(0, 300)];
            for (int j = 0; j < line.length; j++) {
                line[j] = (byte) rnd.nextInt(256);
            }
            parseChecked(line);
        }
    }

    // ---------------------------------------------------------------- checks

    private int parseChecked(byte[] line) {
        int status;
        try {
            // parse inside a larger buffer: the parser must stay within [start, end)
            byte[] framed = new byte[line.length + 8];
            Arrays.fill(framed, (byte) '9');
            System.arraycopy(line, 0, framed, 4, line.length);
            status = parser.parse(framed, 4, 4 + line.length, r);
            String reason = parser.describeError(status);
            checkStatus(status, reason, line);
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("mutant " + HexFormat.of().formatHex(line) + " = '" + printable(line) + "'", e);
        }
        if (status == ParseStatus.RECORD) {
            checkRecord(r, line);
        }
        return status;
    }

    private static void checkStatus(int status, String reason, byte[] line) {
        boolean known = status == ParseStatus.RECORD || status == ParseStatus.SKIP_BLANK || ParseStatus.isSummary(status)
            || status == ParseStatus.SKIP_MARKUP || status == ParseStatus.LOSS_WARNING
            || (ParseStatus.isError(status) && !"rejected".equals(ParseStatus.reason(status)));
        assertTrue(known, "undefined status " + status + " for '" + printable(line) + "'");
        assertTrue(reason != null && !reason.isEmpty(), "empty reason for status " + status);
    }

    private static void checkRecord(ConntrackRecord r, byte[] line) {
        String where = "accepted '" + printable(line) + "' as " + r;
        assertTrue(r.family == Addresses.AF_INET || r.family == Addresses.AF_INET6, where);
        assertTrue(r.has(Field.REPLY), where);
        assertTrue(r.orig.hasSrc && r.orig.hasDst && r.reply.hasSrc && r.reply.hasDst, where);
        int af = r.family == Addresses.AF_INET6 ? 6 : 4;
        assertEquals(af, r.orig.addrFamily, where);
        assertEquals(af, r.reply.addrFamily, where);
        if (af == 4) {
            assertTrue(r.orig.srcHi == 0 && r.orig.dstHi == 0 && (r.orig.srcLo >>> 32) == 0 && (r.orig.dstLo >>> 32) == 0, where);
        }
        assertTrue(r.protocol >= 0 && r.protocol <= Protocols.MAX, where);
        if (Protocols.hasPorts(r.protocol)) {
            checkPorts(r.orig, where);
            checkPorts(r.reply, where);
        }
        checkTuple(r.orig, where);
        checkTuple(r.reply, where);
        if (r.has(Field.TIMEOUT)) {
            assertTrue(r.timeout >= 0, where);
        }
        if (r.has(Field.TIMESTAMP)) {
            assertTrue(r.timestampMicros >= 0, where);
        }
        if (r.has(Field.ID)) {
            assertTrue(r.id >= 0 && r.id <= 0xffffffffL, where);
        }
        if (r.has(Field.ZONE)) {
            assertTrue(r.zone >= 0 && r.zone <= 65535, where);
        }
        assertTrue(r.use >= 0 && r.unknownFields >= 0, where);
        assertFalse(r.toString().isEmpty());
    }

    private static void checkPorts(Tuple t, String where) {
        assertTrue(t.sport >= 0 && t.sport <= 65535 && t.dport >= 0 && t.dport <= 65535, where);
    }

    private static void checkTuple(Tuple t, String where) {
        assertTrue(t.sport >= -1 && t.sport <= 65535 && t.dport >= -1 && t.dport <= 65535, where);
        assertTrue(t.icmpType >= -1 && t.icmpType <= 255 && t.icmpCode >= -1 && t.icmpCode <= 255, where);
        assertTrue(t.icmpId >= -1 && t.icmpId <= 65535, where);
        // packets and bytes are u64: every bit pattern is a legal counter (2^63 and up read as negative longs)
        assertTrue(t.zone >= 0 && t.zone <= 65535, where);
    }

    private static InputStats decodeChecked(byte[] data) throws IOException {
        InputStats stats = new InputStats();
        int[] bad = new int[1];
        int[] records = new int[1];
        InputDecoder decoder = new InputDecoder(rec -> {
            records[0]++;
            checkRecord(rec, new byte[0]);
        }, (input, line, reason) -> {
            assertTrue(reason != null && !reason.isBlank(), "empty reason at line " + line);
            assertTrue(line >= 1 && line <= stats.lines, "line number " + line);
            bad[0]++;
            return true;
        });
        try {
            assertTrue(decoder.decode(new ByteArrayInputStream(data), "fuzz", 0, stats, new FormatEvidence("fuzz")));
        } catch (RuntimeException e) {
            fail("the decoder threw", e);
        }
        assertEquals(stats.lines, stats.records + stats.badLines + stats.summaryLines + stats.skippedLines + stats.lossWarnings);
        assertEquals(records[0], stats.records);
        assertEquals(bad[0], stats.badLines);
        return stats;
    }

    // ---------------------------------------------------------------- mutations

    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed;
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = mutateOnce(b, rnd);
        }
        return b;
    }

    private static byte[] mutateOnce(byte[] b, SplittableRandom rnd) {
        int len = b.length;
        switch (rnd.nextInt(11)) {
            case 0: { // flip one bit
                if (len == 0) {
                    return b;
                }
                byte[] c = b.clone();
                c[rnd.nextInt(len)] ^= (byte) (1 << rnd.nextInt(8));
                return c;
            }
            case 1: { // delete a range
                if (len == 0) {
                    return b;
                }
                int at = rnd.nextInt(len);
                int cut = Math.min(len - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 40));
                return splice(b, at, cut, new byte[0]);
            }
            case 2: { // insert random bytes (binary: NUL, 0xff, newline, anything)
                byte[] ins = new byte[1 + rnd.nextInt(6)];
                for (int i = 0; i < ins.length; i++) {
                    int pick = rnd.nextInt(6);
                    ins[i] = (byte) (pick == 0 ? 0 : pick == 1 ? 0xff : rnd.nextInt(256));
                }
                return splice(b, rnd.nextInt(len + 1), 0, ins);
            }
            case 3: // truncate
                return Arrays.copyOf(b, len == 0 ? 0 : rnd.nextInt(len));
            case 4: { // duplicate a segment in place
                if (len == 0) {
                    return b;
                }
                int at = rnd.nextInt(len);
                int seg = Math.min(len - at, 1 + rnd.nextInt(60));
                return splice(b, at, 0, Arrays.copyOfRange(b, at, at + seg));
            }
            case 5: // swap two tokens
                return swapTokens(b, rnd);
            case 6: { // replace a digit run with a huge or odd number
                int[] run = digitRun(b, rnd);
                if (run == null) {
                    return b;
                }
                return splice(b, run[0], run[1] - run[0], HUGE[rnd.nextInt(HUGE.length)]);
            }
            case 7: { // overwrite one byte with a separator-like byte
                if (len == 0) {
                    return b;
                }
                byte[] specials = {' ', '\t', '=', '[', ']', ':', '.', '\r', 0, (byte) 0xff, ',', '-', 'x'};
                byte[] c = b.clone();
                c[rnd.nextInt(len)] = specials[rnd.nextInt(specials.length)];
                return c;
            }
            case 8: // insert a grammar token somewhere
                return splice(b, rnd.nextInt(len + 1), 0, TOKENS[rnd.nextInt(TOKENS.length)]);
            case 9: { // drop a whole token
                int[] tok = token(b, rnd);
                return tok == null ? b : splice(b, tok[0], tok[1] - tok[0], new byte[0]);
            }
            default: { // replace a value after '=' with random printable junk
                int eq = indexFrom(b, rnd.nextInt(len + 1), (byte) '=');
                if (eq < 0) {
                    return b;
                }
                int end = eq + 1;
                while (end < len && b[end] != ' ' && b[end] != '\t') {
                    end++;
                }
                byte[] junk = new byte[rnd.nextInt(0, 12)];
                for (int i = 0; i < junk.length; i++) {
                    junk[i] = (byte) rnd.nextInt(0x21, 0x7f);
                }
                return splice(b, eq + 1, end - eq - 1, junk);
            }
        }
    }

    private static byte[] swapTokens(byte[] b, SplittableRandom rnd) {
        int[] a = token(b, rnd);
        int[] c = token(b, rnd);
        if (a == null || c == null || a[0] == c[0]) {
            return b;
        }
        if (a[0] > c[0]) {
            int[] t = a;
            a = c;
            c = t;
        }
        if (a[1] > c[0]) {
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, a[0]);
        out.write(b, c[0], c[1] - c[0]);
        out.write(b, a[1], c[0] - a[1]);
        out.write(b, a[0], a[1] - a[0]);
        out.write(b, c[1], b.length - c[1]);
        return out.toByteArray();
    }

    /** A random whitespace-delimited token as [start, end), or null. */
    private static int[] token(byte[] b, SplittableRandom rnd) {
        if (b.length == 0) {
            return null;
        }
        int p = rnd.nextInt(b.length);
        while (p < b.length && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (p == b.length) {
            return null;
        }
        int s = p;
        while (s > 0 && b[s - 1] != ' ' && b[s - 1] != '\t') {
            s--;
        }
        int e = p;
        while (e < b.length && b[e] != ' ' && b[e] != '\t') {
            e++;
        }
        return new int[] {s, e};
    }

    private static int[] digitRun(byte[] b, SplittableRandom rnd) {
        if (b.length == 0) {
            return null;
        }
        int p = rnd.nextInt(b.length);
        while (p < b.length && !Ascii.isDigit(b[p])) {
            p++;
        }
        if (p == b.length) {
            return null;
        }
        int s = p;
        while (s > 0 && Ascii.isDigit(b[s - 1])) {
            s--;
        }
        int e = p;
        while (e < b.length && Ascii.isDigit(b[e])) {
            e++;
        }
        return new int[] {s, e};
    }

    private static int indexFrom(byte[] b, int from, byte c) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    // ---------------------------------------------------------------- seeds

    private static List<byte[]> seedLines() {
        List<byte[]> out = new ArrayList<>();
        List<Path> files = new ArrayList<>(TestFiles.conntrackTextCorpus());
        files.addAll(TestFiles.labRecordings());
        for (Path f : files) {
            for (byte[] line : TestFiles.lines(f)) {
                if (line.length > 0 && line.length < 64 * 1024) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            int c = x & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return sb.toString();
    }
}
