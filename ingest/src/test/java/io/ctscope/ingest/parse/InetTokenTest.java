package io.ctscope.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link InetParser#parseToken} (an address up to the next blank, read an octet at a time) against
 * {@link InetParser#parse} of the same token (a separate reader), for addresses of every octet width,
 * near misses, and random tokens, each followed by a blank, by the end of the range, or by more bytes
 * within the last three bytes of the range.
 */
class InetTokenTest {
    @Test
    void shouldReadATokenAsTheWholeTokenReads() {
        List<String> tokens = new ArrayList<>(List.of(
            "1.2.3.4", "10.77.1.2", "172.20.77.2", "255.255.255.255", "0.0.0.0", "192.168.100.200",
            "256.1.1.1", "1.2.3.256", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "0010.1.1.1", "1.2.3.1000",
            "01.02.03.04", "1.2.3.4x", "1.2.3.4:80", "fd77:1::2", "::ffff:10.0.0.1", "2001:db8::1", "1", "", "999.1.1.1",
            "1.2.3.4\r"));
        SplittableRandom rnd = new SplittableRandom(3);
        byte[] alphabet = "0123456789.:af".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(1, 18);
            for (int k = 0; k < len; k++) {
                sb.append((char) alphabet[rnd.nextInt(alphabet.length)]);
            }
            tokens.add(sb.toString());
        }
        InetParser token = new InetParser();
        InetParser whole = new InetParser();
        for (String t : tokens) {
            for (String after : new String[] {"", " ", "\tdst=1.2.3.4", "9"}) {
                byte[] b = ("src=" + t + after).getBytes(StandardCharsets.ISO_8859_1);
                int off = 4;
                int end = after.equals("9") ? b.length - 1 : b.length;
                boolean ok = token.parseToken(b, off, end);
                int tokenEnd = off;
                while (tokenEnd < end && b[tokenEnd] != ' ' && b[tokenEnd] != '\t') {
                    tokenEnd++;
                }
                String where = "'" + t + "' then '" + after + "'";
                assertEquals(tokenEnd, token.tokenEnd, where);
                boolean expected = whole.parse(b, off, tokenEnd);
                assertEquals(expected, ok, where);
                if (ok) {
                    assertEquals(whole.family, token.family, where);
                    assertEquals(whole.hi, token.hi, where);
                    assertEquals(whole.lo, token.lo, where);
                }
            }
        }
    }
}
