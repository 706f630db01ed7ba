package io.ctscope.analysis.flow;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.Tuple;

/**
 * Packs the identity of a flow into {@link #WIDTH} longs: the conntrack id when the input prints one
 * (unique while the entry lives), else the original tuple plus zone, which is what the kernel hashes on.
 *
 * <pre>
 * id-keyed:    [ ID_TAG | id ] [0] [0] [0] [0]
 * tuple-keyed: [ family:4 | proto:8 | zone:16 | l4:32 ] [srcHi] [srcLo] [dstHi] [dstLo]
 *              l4 = sport:16|dport:16, or icmp type:8|code:8|id:16, or gre srckey:16|dstkey:16
 * </pre>
 */
public final class FlowKeys {
    public static final int WIDTH = 5;
    private static final long ID_TAG = 1L << 63;

    private FlowKeys() {
    }

    /** Fills {@code key[0, WIDTH)}; ids are used only when {@code useIds} and the record has one. */
    public static void pack(ConntrackRecord r, boolean useIds, long[] key) {
        if (useIds && r.has(Field.ID)) {
            key[0] = ID_TAG | r.id;
            key[1] = 0;
            key[2] = 0;
            key[3] = 0;
            key[4] = 0;
            return;
        }
        Tuple o = r.orig;
        long l4;
        if (Protocols.hasPorts(r.protocol)) {
            l4 = ((long) o.sport << 16) | o.dport;
        } else if (o.hasIcmp()) {
            l4 = ((long) o.icmpType << 24) | ((long) o.icmpCode << 16) | (o.icmpId & 0xffff);
        } else if (o.hasGreKeys()) {
            l4 = ((o.greSrcKey & 0xffff) << 16) | (o.greDstKey & 0xffff);
        } else {
            l4 = 0;
        }
        int zone = r.has(Field.ZONE) ? r.zone : (o.hasZone ? o.zone : 0);
        key[0] = ((long) (r.family & 0xf) << 56) | ((long) (r.protocol & 0xff) << 48)
            | ((long) (zone & 0xffff) << 32) | (l4 & 0xffffffffL);
        key[1] = o.srcHi;
        key[2] = o.srcLo;
        key[3] = o.dstHi;
        key[4] = o.dstLo;
    }
}
