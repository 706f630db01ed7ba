package io.ctscope.ingest.record;

/**
 * One direction of a connection as conntrack prints it: addresses, then ports (tcp, udp, sctp, dccp,
 * udplite), type/code/id (icmp, icmpv6) or keys (gre), then optional per-direction zone and counters.
 * IPv4 addresses live in the low 32 bits of {@code srcLo}/{@code dstLo} with {@code srcHi}/{@code dstHi}
 * zero; the record's family tells the two apart. Mutable and reused: never hold on to one.
 */
public final class Tuple {
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public boolean hasSrc;
    public boolean hasDst;
    /** Address family seen in this tuple's addresses: 4 or 6, 0 before any address. */
    public int addrFamily;

    public int sport = -1;
    public int dport = -1;

    public int icmpType = -1;
    public int icmpCode = -1;
    public int icmpId = -1;

    public long greSrcKey = -1;
    public long greDstKey = -1;

    public boolean hasCounters;
    public long packets;
    public long bytes;

    public boolean hasZone;
    public int zone;

    public void clear() {
        srcHi = srcLo = dstHi = dstLo = 0;
        hasSrc = hasDst = false;
        addrFamily = 0;
        sport = dport = -1;
        icmpType = icmpCode = icmpId = -1;
        greSrcKey = greDstKey = -1;
        hasCounters = false;
        packets = bytes = 0;
        hasZone = false;
        zone = 0;
    }

    public void copyFrom(Tuple o) {
        srcHi = o.srcHi;
        srcLo = o.srcLo;
        dstHi = o.dstHi;
        dstLo = o.dstLo;
        hasSrc = o.hasSrc;
        hasDst = o.hasDst;
        addrFamily = o.addrFamily;
        sport = o.sport;
        dport = o.dport;
        icmpType = o.icmpType;
        icmpCode = o.icmpCode;
        icmpId = o.icmpId;
        greSrcKey = o.greSrcKey;
        greDstKey = o.greDstKey;
        hasCounters = o.hasCounters;
        packets = o.packets;
        bytes = o.bytes;
        hasZone = o.hasZone;
        zone = o.zone;
    }

    public boolean hasPorts() {
        return sport >= 0 && dport >= 0;
    }

    public boolean hasIcmp() {
        return icmpType >= 0;
    }

    public boolean hasGreKeys() {
        return greSrcKey >= 0;
    }

    /** Renders the tuple the way conntrack -L does (allocates: for tests, messages and reports only). */
    public void appendTo(StringBuilder sb, int family) {
        sb.append("src=");
        Addresses.append(sb, family, srcHi, srcLo);
        sb.append(" dst=");
        Addresses.append(sb, family, dstHi, dstLo);
        if (hasPorts()) {
            sb.append(" sport=").append(sport).append(" dport=").append(dport);
        }
        if (hasIcmp()) {
            sb.append(" type=").append(icmpType).append(" code=").append(icmpCode).append(" id=").append(icmpId);
        }
        if (hasGreKeys()) {
            sb.append(" srckey=0x").append(Long.toHexString(greSrcKey))
                .append(" dstkey=0x").append(Long.toHexString(greDstKey));
        }
        if (hasZone) {
            sb.append(" zone=").append(zone);
        }
        if (hasCounters) {
            sb.append(" packets=").append(Long.toUnsignedString(packets)).append(" bytes=")
                .append(Long.toUnsignedString(bytes));
        }
    }
}
