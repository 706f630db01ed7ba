package io.ctscope.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time scans against plain byte loops written here, from every start to every end of
 * random buffers whose bytes favour the ones the masks look for (blanks, '=', digits, the bytes next to
 * them, control and high bytes), so that every byte position of a word and the array's last seven bytes
 * are covered.
 */
class SwarTest {
    private static final byte[] ALPHABET = " \t=0123456789/:!<>\r\n\0\u007f\u0080\u00ff\u00a0\u00bdsrc-.[]".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void shouldFindWhatAByteLoopFinds() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int round = 0; round < 300; round++) {
            byte[] b = new byte[rnd.nextInt(1, 40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
            }
            for (int p = 0; p <= b.length; p++) {
                for (int end = p; end <= b.length; end++) {
                    String where = "p=" + p + " end=" + end + " in '" + new String(b, StandardCharsets.ISO_8859_1) + "'";
                    assertEquals(firstOf(b, p, end, " \t"), Swar.tokenEnd(b, p, end), "tokenEnd " + where);
                    assertEquals(firstNotOf(b, p, end, " \t"), Swar.skipBlanks(b, p, end), "skipBlanks " + where);
                    assertEquals(firstOf(b, p, end, " \t="), Swar.keyEnd(b, p, end), "keyEnd " + where);
                    int nl = firstOf(b, p, end, "\n");
                    assertEquals(nl == end ? -1 : nl, Swar.indexOfNewline(b, p, end), "indexOfNewline " + where);
                }
            }
        }
    }

    @Test
    void shouldValueDigitRunsAsDecimal() {
        SplittableRandom rnd = new SplittableRandom(14);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[8];
            for (int i = 0; i < b.length; i++) {
                b[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
            }
            long w = Swar.load(b, 0);
            int digits = 0;
            while (digits < 8 && b[digits] >= '0' && b[digits] <= '9') {
                digits++;
            }
            assertEquals(digits, Swar.first(Swar.nonDigits(w)), new String(b, StandardCharsets.ISO_8859_1));
            if (digits > 0) {
                long expected = Long.parseLong(new String(b, 0, digits, StandardCharsets.US_ASCII));
                assertEquals(expected, Swar.digitsValue(w, digits), new String(b, StandardCharsets.ISO_8859_1));
            }
        }
        assertEquals(99_999_999L, Swar.digitsValue(Swar.load("99999999".getBytes(StandardCharsets.US_ASCII), 0), 8));
    }

    @Test
    void shouldLoadNothingAtOrPastTheEnd() {
        byte[] b = "abcdefghij".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= b.length; i++) {
            for (int end = i; end <= b.length; end++) {
                long w = Swar.loadUpTo(b, i, end);
                for (int k = 0; k < 8; k++) {
                    long expected = i + k < end ? b[i + k] : 0;
                    assertEquals(expected, (w >>> (8 * k)) & 0xff, "i=" + i + " end=" + end + " byte " + k);
                }
            }
        }
    }

    private static int firstOf(byte[] b, int p, int end, String set) {
        for (int i = p; i < end; i++) {
            if (set.indexOf((char) (b[i] & 0xff)) >= 0) {
                return i;
            }
        }
        return end;
    }

    private static int firstNotOf(byte[] b, int p, int end, String set) {
        for (int i = p; i < end; i++) {
            if (set.indexOf((char) (b[i] & 0xff)) < 0) {
                return i;
            }
        }
        return end;
    }
}
