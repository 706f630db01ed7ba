package io.ctscope.fleet.ship;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Tuple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The key of an events record: the box name, a zero byte, then the flow's sorted tuple (protocol, family, and
 * the original tuple's two ends, address and port, the lower end first), so both directions of a flow and all
 * its events share one key, and so one partition.
 * <pre>
 * box utf-8 | 0 | protocol u8 | family u8 | low: addrHi i64, addrLo i64, port u16 | high: the same
 * </pre>
 * ICMP flows use the echo id as the port of both ends; protocols without ports use 0.
 */
public final class EventKeys {
    static final int TUPLE_BYTES = 2 + 2 * (8 + 8 + 2);

    private EventKeys() {
    }

    static byte[] key(byte[] box, ConntrackRecord r) {
        ByteBuffer b = ByteBuffer.allocate(box.length + 1 + TUPLE_BYTES);
        b.put(box).put((byte) 0).put((byte) r.protocol).put((byte) r.family);
        Tuple t = r.orig;
        int sport = t.hasPorts() ? t.sport : t.hasIcmp() ? t.icmpId : 0;
        int dport = t.hasPorts() ? t.dport : t.hasIcmp() ? t.icmpId : 0;
        int c = Long.compareUnsigned(t.srcHi, t.dstHi);
        if (c == 0) {
            c = Long.compareUnsigned(t.srcLo, t.dstLo);
        }
        if (c == 0) {
            c = Integer.compare(sport, dport);
        }
        if (c <= 0) {
            end(b, t.srcHi, t.srcLo, sport);
            end(b, t.dstHi, t.dstLo, dport);
        } else {
            end(b, t.dstHi, t.dstLo, dport);
            end(b, t.srcHi, t.srcLo, sport);
        }
        return b.array();
    }

    private static void end(ByteBuffer b, long hi, long lo, int port) {
        b.putLong(hi).putLong(lo).putShort((short) Math.max(port, 0));
    }

    /** The box of a key, or null when the key has no separator. */
    public static String box(byte[] key) {
        int sep = separator(key);
        return sep < 0 ? null : new String(key, 0, sep, StandardCharsets.UTF_8);
    }

    /** The sorted tuple part of a key (what identifies the flow on any box), or null. */
    public static ByteBuffer flow(byte[] key) {
        int sep = separator(key);
        return sep < 0 ? null : ByteBuffer.wrap(key, sep + 1, key.length - sep - 1).slice();
    }

    private static int separator(byte[] key) {
        if (key == null || key.length < TUPLE_BYTES + 1) {
            return -1;
        }
        int sep = key.length - TUPLE_BYTES - 1;
        return key[sep] == 0 ? sep : -1;
    }
}
