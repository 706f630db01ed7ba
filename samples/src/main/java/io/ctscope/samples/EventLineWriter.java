package io.ctscope.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Formats {@code conntrack -E -o timestamp,extended,id} lines byte-exactly into one reusable
 * buffer, with hand-written number and IPv4 formatting: nothing is allocated per line.
 *
 * <p>A line is written field by field in the order libnetfilter_conntrack prints them:
 * {@link #begin}, {@link #protocol}, optional {@link #timeout} and {@link #state}, the original
 * tuple, optional {@link #counters} and {@link #token}s, the reply tuple, and {@link #end} with the id.
 * Every field writes its own trailing space; {@code end} writes the newline.
 */
final class EventLineWriter {

    static final byte[] NEW = ascii("    [NEW] ");
    static final byte[] UPDATE = ascii(" [UPDATE] ");
    static final byte[] DESTROY = ascii("[DESTROY] ");
    static final byte[] UNREPLIED = ascii("[UNREPLIED] ");
    static final byte[] ASSURED = ascii("[ASSURED] ");

    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;

    private static final byte[] IPV4 = ascii("ipv4     2 ");
    private static final byte[] TCP_NAME = ascii("tcp      6 ");
    private static final byte[] UDP_NAME = ascii("udp      17 ");
    private static final byte[] ICMP_NAME = ascii("icmp     1 ");
    private static final byte[] SRC = ascii("src=");
    private static final byte[] DST = ascii(" dst=");
    private static final byte[] SPORT = ascii(" sport=");
    private static final byte[] DPORT = ascii(" dport=");
    private static final byte[] TYPE = ascii(" type=");
    private static final byte[] CODE = ascii(" code=");
    private static final byte[] ICMP_ID = ascii(" id=");
    private static final byte[] PACKETS = ascii("packets=");
    private static final byte[] BYTES = ascii(" bytes=");
    private static final byte[] ID = ascii("id=");

    /** "0".."255" as bytes, so an address costs four copies. */
    private static final byte[][] OCTETS = new byte[256][];
    static {
        for (int i = 0; i < 256; i++) {
            OCTETS[i] = ascii(Integer.toString(i));
        }
    }

    /** "00".."99", two bytes each. */
    private static final byte[] DIGIT_PAIRS = new byte[200];
    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** The longest line this writer can produce is far below this. */
    private static final int MAX_LINE = 512;

    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private long cachedSecond = -1;
    private final byte[] secondPrefix = new byte[32];
    private int secondPrefixLength;
    private long bytesWritten;

    EventLineWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[Math.max(bufferSize, 4 * MAX_LINE)];
    }

    /** {@code [sec.usec]}, TAB, the 9-column event tag and the l3 columns. */
    EventLineWriter begin(long epochMicros, byte[] tag) {
        if (pos > buf.length - MAX_LINE) {
            drain();
        }
        long second = epochMicros / 1_000_000;
        if (second != cachedSecond) {
            // thousands of lines share one second: format it once
            int start = pos;
            buf[pos++] = '[';
            writeUnsigned(second);
            buf[pos++] = '.';
            secondPrefixLength = pos - start;
            System.arraycopy(buf, start, secondPrefix, 0, secondPrefixLength);
            cachedSecond = second;
        } else {
            System.arraycopy(secondPrefix, 0, buf, pos, secondPrefixLength);
            pos += secondPrefixLength;
        }
        int usec = (int) (epochMicros - second * 1_000_000);
        writePadded(usec, 6);
        buf[pos++] = ']';
        buf[pos++] = '\t';
        put(tag);
        put(IPV4);
        return this;
    }

    EventLineWriter protocol(int protocol) {
        put(protocol == TCP ? TCP_NAME : protocol == UDP ? UDP_NAME : ICMP_NAME);
        return this;
    }

    EventLineWriter timeout(int seconds) {
        writeUnsigned(seconds);
        buf[pos++] = ' ';
        return this;
    }

    /** A state name constant including its trailing space, e.g. {@code "SYN_SENT "}. */
    EventLineWriter state(byte[] stateWithSpace) {
        put(stateWithSpace);
        return this;
    }

    EventLineWriter ports(int src, int dst, int sport, int dport) {
        put(SRC);
        writeIpv4(src);
        put(DST);
        writeIpv4(dst);
        put(SPORT);
        writeUnsigned(sport);
        put(DPORT);
        writeUnsigned(dport);
        buf[pos++] = ' ';
        return this;
    }

    EventLineWriter icmp(int src, int dst, int type, int code, int icmpId) {
        put(SRC);
        writeIpv4(src);
        put(DST);
        writeIpv4(dst);
        put(TYPE);
        writeUnsigned(type);
        put(CODE);
        writeUnsigned(code);
        put(ICMP_ID);
        writeUnsigned(icmpId);
        buf[pos++] = ' ';
        return this;
    }

    EventLineWriter counters(long packets, long bytes) {
        put(PACKETS);
        writeUnsigned(packets);
        put(BYTES);
        writeUnsigned(bytes);
        buf[pos++] = ' ';
        return this;
    }

    EventLineWriter token(byte[] tokenWithSpace) {
        put(tokenWithSpace);
        return this;
    }

    void end(int conntrackId) {
        put(ID);
        writeUnsigned(Integer.toUnsignedLong(conntrackId));
        buf[pos++] = '\n';
    }

    void flush() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long bytesWritten() {
        return bytesWritten + pos;
    }

    private void drain() {
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytesWritten += pos;
        pos = 0;
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void writeIpv4(int addr) {
        put(OCTETS[addr >>> 24]);
        buf[pos++] = '.';
        put(OCTETS[(addr >>> 16) & 0xFF]);
        buf[pos++] = '.';
        put(OCTETS[(addr >>> 8) & 0xFF]);
        buf[pos++] = '.';
        put(OCTETS[addr & 0xFF]);
    }

    private void writeUnsigned(long value) {
        if (value <= Integer.MAX_VALUE) {
            writeUnsigned((int) value);
        } else {
            long high = value / 1_000_000_000L;
            writeUnsigned(high);
            writePadded((int) (value - high * 1_000_000_000L), 9);
        }
    }

    private void writeUnsigned(int value) {
        int end = pos + digits(value);
        pos = end;
        int i = end;
        while (value >= 100) {
            int q = value / 100;
            int pair = (value - q * 100) << 1;
            buf[--i] = DIGIT_PAIRS[pair + 1];
            buf[--i] = DIGIT_PAIRS[pair];
            value = q;
        }
        if (value >= 10) {
            int pair = value << 1;
            buf[--i] = DIGIT_PAIRS[pair + 1];
            buf[--i] = DIGIT_PAIRS[pair];
        } else {
            buf[--i] = (byte) ('0' + value);
        }
    }

    /** Exactly {@code width} digits, zero-padded on the left. */
    private void writePadded(int value, int width) {
        int i = pos + width;
        pos = i;
        for (int d = 0; d < width; d++) {
            int q = value / 10;
            buf[--i] = (byte) ('0' + value - q * 10);
            value = q;
        }
    }

    private static int digits(int value) {
        if (value < 100_000) {
            return value < 100 ? (value < 10 ? 1 : 2) : value < 1_000 ? 3 : value < 10_000 ? 4 : 5;
        }
        return value < 10_000_000 ? (value < 1_000_000 ? 6 : 7)
                : value < 100_000_000 ? 8 : value < 1_000_000_000 ? 9 : 10;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
