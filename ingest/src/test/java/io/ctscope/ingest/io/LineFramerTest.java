package io.ctscope.ingest.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineFramerTest {
    /** What the handler saw: a line (bytes non-null) or an overlong line (bytes null, length set). */
    private record Seen(byte[] bytes, long line, long offset, boolean terminated, long overlongLength) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static final class Recorder implements LineHandler {
        final List<Seen> seen = new ArrayList<>();
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public boolean onLine(byte[] buf, int off, int end, long lineNumber, long byteOffset, boolean terminated) {
            seen.add(new Seen(Arrays.copyOfRange(buf, off, end), lineNumber, byteOffset, terminated, -1));
            return seen.size() < stopAfter;
        }

        @Override
        public boolean onOverlongLine(long lineNumber, long byteOffset, long length) {
            seen.add(new Seen(null, lineNumber, byteOffset, true, length));
            return seen.size() < stopAfter;
        }
    }

    @Test
    void shouldSplitLinesOnLineFeed() throws IOException {
        List<Seen> s = frame("alpha\nbeta\ngamma\n");
        assertEquals(3, s.size());
        assertLine(s.get(0), "alpha", 1, 0, true);
        assertLine(s.get(1), "beta", 2, 6, true);
        assertLine(s.get(2), "gamma", 3, 11, true);
    }

    @Test
    void shouldStripCarriageReturnOfCrLfLines() throws IOException {
        List<Seen> s = frame("alpha\r\nbeta\r\n");
        assertEquals(2, s.size());
        assertLine(s.get(0), "alpha", 1, 0, true);
        assertLine(s.get(1), "beta", 2, 7, true);
    }

    @Test
    void shouldKeepCarriageReturnInsideALine() throws IOException {
        List<Seen> s = frame("a\rb\n");
        assertLine(s.get(0), "a\rb", 1, 0, true);
    }

    @Test
    void shouldReportUnterminatedLastLine() throws IOException {
        List<Seen> s = frame("alpha\nbeta");
        assertEquals(2, s.size());
        assertLine(s.get(0), "alpha", 1, 0, true);
        assertLine(s.get(1), "beta", 2, 6, false);
    }

    @Test
    void shouldStripCarriageReturnOfUnterminatedLastLine() throws IOException {
        List<Seen> s = frame("alpha\r");
        assertLine(s.get(0), "alpha", 1, 0, false);
    }

    @Test
    void shouldDeliverEmptyLines() throws IOException {
        List<Seen> s = frame("\na\n\n\r\nb\n");
        assertEquals(5, s.size());
        assertLine(s.get(0), "", 1, 0, true);
        assertLine(s.get(1), "a", 2, 1, true);
        assertLine(s.get(2), "", 3, 3, true);
        assertLine(s.get(3), "", 4, 4, true);
        assertLine(s.get(4), "b", 5, 6, true);
    }

    @Test
    void shouldDeliverNothingForEmptyInput() throws IOException {
        assertTrue(frame("").isEmpty());
    }

    @Test
    void shouldReportOverlongLineAndResumeWithTheNextLine() throws IOException {
        int longLength = 70 * 1024;
        byte[] input = concat("first\n", repeat('x', longLength), "\nnext line\nlast\n");
        for (int chunk : new int[] {Integer.MAX_VALUE, 4096, 1000, 65536, 7}) {
            List<Seen> s = frame(new LineFramer(), input, chunk);
            assertEquals(4, s.size(), "chunk " + chunk);
            assertLine(s.get(0), "first", 1, 0, true);
            assertOverlong(s.get(1), 2, 6, longLength);
            assertLine(s.get(2), "next line", 3, 6 + longLength + 1, true);
            assertLine(s.get(3), "last", 4, 6 + longLength + 1 + 10, true);
        }
    }

    @Test
    void shouldReportOverlongUnterminatedLastLine() throws IOException {
        byte[] input = concat("first\n", repeat('y', 200_000));
        for (int chunk : new int[] {Integer.MAX_VALUE, 5000}) {
            List<Seen> s = frame(new LineFramer(), input, chunk);
            assertEquals(2, s.size());
            assertOverlong(s.get(1), 2, 6, 200_000);
        }
    }

    @Test
    void shouldDeliverALineOfExactlyTheLimitAndRejectOneByteMore() throws IOException {
        int max = LineFramer.MAX_LINE;
        byte[] input = concat(repeat('a', max), "\n", repeat('b', max + 1), "\nend\n");
        for (int chunk : new int[] {Integer.MAX_VALUE, max, max - 1, 3000}) {
            List<Seen> s = frame(new LineFramer(LineFramer.MAX_LINE * 2), input, chunk);
            assertEquals(3, s.size(), "chunk " + chunk);
            assertEquals(max, s.get(0).bytes().length, "chunk " + chunk);
            assertOverlong(s.get(1), 2, max + 1, max + 1);
            assertLine(s.get(2), "end", 3, max + 1 + max + 1 + 1, true);
        }
    }

    @Test
    void shouldFrameLinesSpanningBufferBoundariesWithExactOffsets() throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> expected = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        while (out.size() < 700 * 1024) {
            int len = rnd.nextInt(10) == 0 ? rnd.nextInt(20_000, 60_000) : rnd.nextInt(0, 400);
            byte[] line = new byte[len];
            for (int i = 0; i < len; i++) {
                line[i] = (byte) rnd.nextInt(0x20, 0x7f);
            }
            offsets.add((long) out.size());
            expected.add(line);
            out.write(line, 0, len);
            if (rnd.nextBoolean()) {
                out.write('\r');
            }
            out.write('\n');
        }
        byte[] input = out.toByteArray();
        for (int chunk : new int[] {Integer.MAX_VALUE, 1, 4093, 65536, 131072, 100_003}) {
            LineFramer framer = new LineFramer(1); // raised to the 128 KiB minimum
            List<Seen> s = frame(framer, input, chunk);
            assertEquals(expected.size(), s.size(), "chunk " + chunk);
            for (int i = 0; i < expected.size(); i++) {
                Seen seen = s.get(i);
                assertArrayEquals(expected.get(i), seen.bytes(), "line " + (i + 1) + " chunk " + chunk);
                assertEquals(i + 1, seen.line());
                assertEquals(offsets.get(i), seen.offset(), "offset of line " + (i + 1) + " chunk " + chunk);
                assertTrue(seen.terminated());
            }
        }
    }

    @Test
    void shouldKeepCountingAcrossManyOverlongLinesInASmallBuffer() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            offsets.add((long) out.size());
            byte[] big = repeat('z', 100_000 + i * 30_000);
            out.write(big, 0, big.length);
            out.write('\n');
            offsets.add((long) out.size());
            byte[] small = ("short " + i + "\n").getBytes(StandardCharsets.US_ASCII);
            out.write(small, 0, small.length);
        }
        byte[] input = out.toByteArray();
        for (int chunk : new int[] {Integer.MAX_VALUE, 8192}) {
            List<Seen> s = frame(new LineFramer(1), input, chunk);
            assertEquals(12, s.size());
            for (int i = 0; i < 6; i++) {
                assertOverlong(s.get(2 * i), 2 * i + 1, offsets.get(2 * i), 100_000 + i * 30_000);
                assertLine(s.get(2 * i + 1), "short " + i, 2 * i + 2, offsets.get(2 * i + 1), true);
            }
        }
    }

    @Test
    void shouldStopWhenTheHandlerReturnsFalse() throws IOException {
        Recorder rec = new Recorder();
        rec.stopAfter = 2;
        boolean completed = new LineFramer().frame(stream("a\nb\nc\nd\n", Integer.MAX_VALUE), rec, 1, 0);
        assertFalse(completed);
        assertEquals(2, rec.seen.size());
    }

    @Test
    void shouldStartNumberingAtTheGivenLineAndOffset() throws IOException {
        Recorder rec = new Recorder();
        assertTrue(new LineFramer().frame(stream("a\nbc\n", Integer.MAX_VALUE), rec, 100, 5000));
        assertLine(rec.seen.get(0), "a", 100, 5000, true);
        assertLine(rec.seen.get(1), "bc", 101, 5002, true);
    }

    @Test
    void shouldPassBinaryBytesThroughUnchanged() throws IOException {
        byte[] input = {0, (byte) 0xff, 'a', '\n', (byte) 0x80, 0, '\n'};
        List<Seen> s = frame(new LineFramer(), input, 1);
        assertArrayEquals(new byte[] {0, (byte) 0xff, 'a'}, s.get(0).bytes());
        assertArrayEquals(new byte[] {(byte) 0x80, 0}, s.get(1).bytes());
        assertEquals(4, s.get(1).offset());
    }

    // ---------------------------------------------------------------- helpers

    private static List<Seen> frame(String input) throws IOException {
        byte[] b = input.getBytes(StandardCharsets.ISO_8859_1);
        List<Seen> whole = frame(new LineFramer(), b, Integer.MAX_VALUE);
        List<Seen> trickled = frame(new LineFramer(), b, 1);
        assertEquals(whole.size(), trickled.size(), "framing must not depend on read sizes");
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).text(), trickled.get(i).text());
            assertEquals(whole.get(i).offset(), trickled.get(i).offset());
            assertEquals(whole.get(i).terminated(), trickled.get(i).terminated());
        }
        return whole;
    }

    private static List<Seen> frame(LineFramer framer, byte[] input, int chunk) throws IOException {
        Recorder rec = new Recorder();
        assertTrue(framer.frame(stream(input, chunk), rec, 1, 0));
        return rec.seen;
    }

    private static InputStream stream(String s, int chunk) {
        return stream(s.getBytes(StandardCharsets.ISO_8859_1), chunk);
    }

    /** A stream that returns at most {@code chunk} bytes per read, like a pipe or socket. */
    private static InputStream stream(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static void assertLine(Seen s, String text, long line, long offset, boolean terminated) {
        assertTrue(s.bytes() != null, "expected a line, got an overlong report at line " + s.line());
        assertEquals(text, s.text());
        assertEquals(line, s.line(), "line number");
        assertEquals(offset, s.offset(), "byte offset");
        assertEquals(terminated, s.terminated(), "terminated");
    }

    private static void assertOverlong(Seen s, long line, long offset, long length) {
        assertTrue(s.bytes() == null, "expected an overlong report for line " + line + ", got a line of "
            + (s.bytes() == null ? 0 : s.bytes().length) + " bytes");
        assertEquals(line, s.line(), "line number");
        assertEquals(offset, s.offset(), "byte offset");
        assertEquals(length, s.overlongLength(), "length");
    }

    private static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof byte[] bytes ? bytes : ((String) p).getBytes(StandardCharsets.ISO_8859_1);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }
}
