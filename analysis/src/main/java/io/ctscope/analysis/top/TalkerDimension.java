package io.ctscope.analysis.top;

import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.Tuple;

/**
 * What a top list is keyed by, and the key of a flow in it: from the table (flows in it) or from a
 * record (a DESTROY for a flow never seen). Addresses are grouped by {@link AddressGrouping}.
 *
 * <pre>
 * src    original source          [family, hi, lo]            10.0.0.2, 10.1.2.0/24
 * dst    original destination     [family, hi, lo]            172.16.0.2
 * dport  protocol + original destination port, protocols with ports only
 *                                 [protocol &lt;&lt; 16 | port]       tcp/443
 * pair   source -&gt; destination    [family, sHi, sLo, dHi, dLo] 10.0.0.2 -&gt; 172.16.0.2
 * nat    reply destination when it is not the original source (the SNAT/masquerade address)
 *                                 [family, hi, lo]            198.18.0.1
 * </pre>
 */
enum TalkerDimension {
    SRC("src", AddressGrouping.ADDRESS_WIDTH) {
        @Override
        boolean keyOf(FlowTable t, int slot, AddressGrouping g, long[] key) {
            g.put(key, 0, t.family(slot), t.origSrcHi(slot), t.origSrcLo(slot));
            return true;
        }

        @Override
        boolean keyOf(ConntrackRecord r, AddressGrouping g, long[] key) {
            g.put(key, 0, r.family, r.orig.srcHi, r.orig.srcLo);
            return true;
        }
    },
    DST("dst", AddressGrouping.ADDRESS_WIDTH) {
        @Override
        boolean keyOf(FlowTable t, int slot, AddressGrouping g, long[] key) {
            g.put(key, 0, t.family(slot), t.origDstHi(slot), t.origDstLo(slot));
            return true;
        }

        @Override
        boolean keyOf(ConntrackRecord r, AddressGrouping g, long[] key) {
            g.put(key, 0, r.family, r.orig.dstHi, r.orig.dstLo);
            return true;
        }
    },
    DPORT("dport", 1) {
        @Override
        boolean keyOf(FlowTable t, int slot, AddressGrouping g, long[] key) {
            int port = t.origDport(slot);
            return port >= 0 && portKey(t.protocol(slot), port, key);
        }

        @Override
        boolean keyOf(ConntrackRecord r, AddressGrouping g, long[] key) {
            return r.orig.hasPorts() && portKey(r.protocol, r.orig.dport, key);
        }

        @Override
        void appendText(StringBuilder sb, long[] key, AddressGrouping g) {
            sb.append(Protocols.reportName((int) (key[0] >>> 16))).append('/').append(key[0] & 0xffff);
        }

        @Override
        KeyCodec codec(AddressGrouping g) {
            return KeyCodec.PORT;
        }
    },
    PAIR("pair", 5) {
        @Override
        boolean keyOf(FlowTable t, int slot, AddressGrouping g, long[] key) {
            g.putPair(key, t.family(slot), t.origSrcHi(slot), t.origSrcLo(slot), t.origDstHi(slot), t.origDstLo(slot));
            return true;
        }

        @Override
        boolean keyOf(ConntrackRecord r, AddressGrouping g, long[] key) {
            Tuple o = r.orig;
            g.putPair(key, r.family, o.srcHi, o.srcLo, o.dstHi, o.dstLo);
            return true;
        }

        @Override
        void appendText(StringBuilder sb, long[] key, AddressGrouping g) {
            g.append(sb, (int) key[0], key[1], key[2]);
            sb.append(" -> ");
            g.append(sb, (int) key[0], key[3], key[4]);
        }

        @Override
        KeyCodec codec(AddressGrouping g) {
            return KeyCodec.PAIR;
        }
    },
    NAT("nat", AddressGrouping.ADDRESS_WIDTH) {
        @Override
        boolean keyOf(FlowTable t, int slot, AddressGrouping g, long[] key) {
            if (!t.isSourceNat(slot)) {
                return false;
            }
            g.put(key, 0, t.family(slot), t.replyDstHi(slot), t.replyDstLo(slot));
            return true;
        }

        @Override
        boolean keyOf(ConntrackRecord r, AddressGrouping g, long[] key) {
            Tuple o = r.orig;
            Tuple rp = r.reply;
            if (!r.has(Field.REPLY) || (rp.dstHi == o.srcHi && rp.dstLo == o.srcLo)) {
                return false;
            }
            g.put(key, 0, r.family, rp.dstHi, rp.dstLo);
            return true;
        }
    };

    /** The JSON key of the list. */
    final String jsonName;
    /** Longs per key. */
    final int width;

    TalkerDimension(String jsonName, int width) {
        this.jsonName = jsonName;
        this.width = width;
    }

    /** Fills {@code key} for the flow in {@code slot}; false when the flow has no key here. */
    abstract boolean keyOf(FlowTable t, int slot, AddressGrouping g, long[] key);

    /** Fills {@code key} for the flow {@code r} describes; false when it has no key here. */
    abstract boolean keyOf(ConntrackRecord r, AddressGrouping g, long[] key);

    /** Appends the key text; addresses by default. */
    void appendText(StringBuilder sb, long[] key, AddressGrouping g) {
        g.append(sb, (int) key[0], key[1], key[2]);
    }

    /** How keys become sketch items; addresses by default. */
    KeyCodec codec(AddressGrouping g) {
        return KeyCodec.address(g.v6Bits);
    }

    String text(long[] key, AddressGrouping g) {
        StringBuilder sb = new StringBuilder(48);
        appendText(sb, key, g);
        return sb.toString();
    }

    private static boolean portKey(int protocol, int port, long[] key) {
        if (!Protocols.hasPorts(protocol)) {
            return false;
        }
        key[0] = ((long) (protocol & 0xff) << 16) | (port & 0xffff);
        return true;
    }
}
