package io.ctscope.ingest.parse;

import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.Tuple;

/** The checks a parsed line passes, in any format, before it is a record. */
final class RecordChecks {
    /** Longest state name accepted (the kernel's longest is 17 bytes). */
    private static final int MAX_STATE_NAME = 32;

    private RecordChecks() {
    }

    /**
     * Both tuples complete, one address family throughout (and the layer-3 column's, {@code l3} 4 or 6,
     * when the line has one: 0 otherwise), ports where the protocol has them; then sets the record's
     * family. Returns {@link ParseStatus#RECORD} or the first failed check's error.
     */
    static int tuples(ConntrackRecord r, int l3) {
        Tuple o = r.orig;
        if (!o.hasSrc || !o.hasDst) {
            return ParseStatus.ERR_NO_ORIGINAL;
        }
        if (!r.has(Field.REPLY) || !r.reply.hasSrc || !r.reply.hasDst) {
            return ParseStatus.ERR_NO_REPLY;
        }
        if (o.addrFamily != r.reply.addrFamily || (l3 != 0 && l3 != o.addrFamily)) {
            return ParseStatus.ERR_FAMILY_MISMATCH;
        }
        if (Protocols.hasPorts(r.protocol) && (!o.hasPorts() || !r.reply.hasPorts())) {
            return ParseStatus.ERR_NO_PORTS;
        }
        r.family = o.addrFamily == 6 ? Addresses.AF_INET6 : Addresses.AF_INET;
        return ParseStatus.RECORD;
    }

    /** Whether {@code b[off, end)} is shaped like a state name: capitals, digits and '_', not too long. */
    static boolean isStateWord(byte[] b, int off, int end) {
        if (end - off > MAX_STATE_NAME) {
            return false;
        }
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (!((c >= 'A' && c <= 'Z') || c == '_' || Ascii.isDigit(c))) {
                return false;
            }
        }
        return true;
    }
}
