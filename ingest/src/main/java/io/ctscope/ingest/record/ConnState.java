package io.ctscope.ingest.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Registry of protocol state names (TCP, SCTP, DCCP) as small integer codes, so records carry an
 * {@code int} instead of a String. Every name conntrack-tools knows is registered up front; a name a
 * newer kernel invents is registered the first time it is seen (one allocation, then none).
 */
public final class ConnState {
    public static final int NONE = 0;
    public static final int MAX_STATES = 128;
    /** Where every well-formed name lands once the registry is full (garbage must not crowd out real states). */
    public static final int OTHER;

    private static final String[] KNOWN = {
        // TCP (nf_conntrack_proto_tcp.c tcp_conntrack_names)
        "NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT",
        "CLOSE", "SYN_SENT2", "LISTEN",
        // SCTP
        "CLOSED", "COOKIE_WAIT", "COOKIE_ECHOED", "SHUTDOWN_SENT", "SHUTDOWN_RECD", "SHUTDOWN_ACK_SENT",
        "HEARTBEAT_SENT", "HEARTBEAT_ACKED",
        // DCCP
        "REQUEST", "RESPOND", "PARTOPEN", "OPEN", "CLOSEREQ", "CLOSING", "TIMEWAIT", "IGNORE", "INVALID",
    };

    private static final byte[][] NAMES = new byte[MAX_STATES][];
    /** A one-probe guess by length, first and last byte; a miss falls back to the scan. */
    private static final int[] QUICK = new int[256];
    private static final String[] STRINGS = new String[MAX_STATES];
    private static int count;

    static {
        java.util.Arrays.fill(QUICK, -1);
        for (String name : KNOWN) {
            register(name.getBytes(StandardCharsets.US_ASCII), 0, name.length());
        }
        OTHER = register("OTHER".getBytes(StandardCharsets.US_ASCII), 0, 5);
    }

    private ConnState() {
    }

    /** Code of the state named by {@code bytes[off, off+len)}, registering it if new; {@link #OTHER} when the registry is full. */
    public static int code(byte[] bytes, int off, int len) {
        if (len > 0) {
            int guess = QUICK[quickSlot(bytes, off, len)];
            if (guess >= 0 && equal(NAMES[guess], bytes, off, len)) {
                return guess;
            }
        }
        int n = count;
        for (int i = 0; i < n; i++) {
            if (equal(NAMES[i], bytes, off, len)) {
                return i;
            }
        }
        return register(bytes, off, len);
    }

    public static int code(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        return code(b, 0, b.length);
    }

    public static String name(int code) {
        return code >= 0 && code < count ? STRINGS[code] : "NONE";
    }

    public static int count() {
        return count;
    }

    private static synchronized int register(byte[] bytes, int off, int len) {
        for (int i = 0; i < count; i++) {
            if (equal(NAMES[i], bytes, off, len)) {
                return i;
            }
        }
        if (count == MAX_STATES) {
            return OTHER;
        }
        NAMES[count] = Arrays.copyOfRange(bytes, off, off + len);
        if (len > 0 && QUICK[quickSlot(bytes, off, len)] < 0) {
            QUICK[quickSlot(bytes, off, len)] = count;
        }
        STRINGS[count] = new String(NAMES[count], StandardCharsets.US_ASCII);
        return count++;
    }

    private static int quickSlot(byte[] bytes, int off, int len) {
        return (len * 31 + bytes[off] * 7 + bytes[off + len - 1]) & 0xff;
    }

    private static boolean equal(byte[] name, byte[] bytes, int off, int len) {
        if (name.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (name[i] != bytes[off + i]) {
                return false;
            }
        }
        return true;
    }
}
