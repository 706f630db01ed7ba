package io.ctscope.analysis.whatif;

import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.Tuple;

/**
 * The {@code conntrack -D} command that deletes exactly one entry: its full original tuple (family,
 * protocol, addresses, ports or ICMP type/code/id), and its zone when it has one. Printed for the
 * operator, never run. conntrack has no idle-time filter ({@code -t} matches one exact value and
 * {@code --state} also hits active flows), so one command per entry is the only exact way.
 */
final class DeleteCommand {
    private DeleteCommand() {
    }

    static String of(ConntrackRecord r) {
        StringBuilder sb = new StringBuilder(128).append("conntrack -D");
        sb.append(r.family == Addresses.AF_INET6 ? " -f ipv6" : " -f ipv4");
        sb.append(" -p ").append(Protocols.hasPorts(r.protocol) || Protocols.isIcmp(r.protocol) || r.protocol == Protocols.GRE
            ? Protocols.name(r.protocol) : Integer.toString(r.protocol));
        Tuple o = r.orig;
        sb.append(" -s ");
        Addresses.append(sb, r.family, o.srcHi, o.srcLo);
        sb.append(" -d ");
        Addresses.append(sb, r.family, o.dstHi, o.dstLo);
        if (o.hasPorts()) {
            sb.append(" --sport ").append(o.sport).append(" --dport ").append(o.dport);
        }
        if (o.hasIcmp()) {
            sb.append(" --icmp-type ").append(o.icmpType).append(" --icmp-code ").append(o.icmpCode);
            if (o.icmpId >= 0) {
                sb.append(" --icmp-id ").append(o.icmpId);
            }
        }
        if (r.has(Field.ZONE)) {
            sb.append(" -w ").append(r.zone);
        } else if (o.hasZone) {
            sb.append(" --orig-zone ").append(o.zone);
        }
        return sb.toString();
    }
}
