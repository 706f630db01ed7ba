package io.ctscope.ingest.decode;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;

/**
 * Decides which format an input is in from what its lines showed. Parsing does not depend on the
 * answer (one grammar covers all text formats); the label tells the operator what was read.
 *
 * <p>Events carry a tag. Dumps do not: {@code /proc/net/nf_conntrack} always prints the l3 columns,
 * {@code /proc/net/ip_conntrack} and plain {@code conntrack -L} never do, {@code conntrack -L -o extended}
 * does. Evidence of the conntrack tool (its summary line, {@code id=}, compressed IPv6) or of /proc
 * (expanded IPv6) settles the ambiguous cases; a file name containing {@code nf_conntrack} or
 * {@code ip_conntrack} is the operator's own hint and wins.
 */
public final class FormatEvidence {
    private final String nameHint;
    private long events;
    private long entries;
    private long xmlEvents;
    private long xmlEntries;
    private long withL3;
    private long toolEvidence;
    private long procEvidence;
    private long eventSummaries;
    private long listSummaries;
    private final long[] rejectedByKind = new long[ContentKind.values().length];

    public FormatEvidence(String inputName) {
        String base = inputName == null ? "" : inputName.substring(inputName.lastIndexOf('/') + 1);
        this.nameHint = base;
    }

    public void onRecord(ConntrackRecord r) {
        if (r.has(Field.FROM_XML)) {
            if (r.kind.isEvent()) {
                xmlEvents++;
            } else {
                xmlEntries++;
            }
            return;
        }
        if (r.kind.isEvent()) {
            events++;
            return;
        }
        entries++;
        if (r.has(Field.L3_COLUMNS)) {
            withL3++;
        }
        if (r.has(Field.ID) || r.has(Field.TEXT_IPV6_COMPRESSED)) {
            toolEvidence++;
        }
        if (r.has(Field.TEXT_IPV6_PADDED)) {
            procEvidence++;
        }
    }

    public void onSummary(boolean events) {
        if (events) {
            eventSummaries++;
        } else {
            listSummaries++;
        }
    }

    /** A rejected line, by its {@link io.ctscope.ingest.parse.ParseStatus} code. */
    public void onRejected(int status) {
        rejectedByKind[ForeignLines.kindOf(status).ordinal()]++;
    }

    /**
     * What the input looks like when it held no conntrack record (nor a conntrack-tools summary): the
     * kind most of its rejected lines were, {@link ContentKind#EMPTY} when it had none; null when it
     * held records.
     */
    public ContentKind lookalike() {
        if (events + entries + xmlEvents + xmlEntries + eventSummaries + listSummaries > 0) {
            return null;
        }
        ContentKind best = ContentKind.EMPTY;
        long most = 0;
        for (ContentKind k : ContentKind.values()) {
            if (rejectedByKind[k.ordinal()] > most) {
                most = rejectedByKind[k.ordinal()];
                best = k;
            }
        }
        return best;
    }

    public InputFormat decide() {
        if (xmlEvents + xmlEntries > 0 && xmlEvents + xmlEntries >= events + entries) {
            return xmlEvents > 0 ? InputFormat.EVENTS_XML : InputFormat.LIST_XML;
        }
        if (events > 0 && events >= entries) {
            return InputFormat.EVENTS;
        }
        if (entries == 0) {
            if (eventSummaries > 0) {
                return InputFormat.EVENTS;
            }
            return listSummaries > 0 ? InputFormat.CONNTRACK_LIST : InputFormat.UNKNOWN;
        }
        if (nameHint.contains("ip_conntrack")) {
            return InputFormat.IP_CONNTRACK;
        }
        if (nameHint.contains("nf_conntrack")) {
            return InputFormat.NF_CONNTRACK;
        }
        boolean tool = toolEvidence > 0 || listSummaries > 0;
        if (withL3 * 2 >= entries) {
            return tool && procEvidence == 0 ? InputFormat.CONNTRACK_LIST : InputFormat.NF_CONNTRACK;
        }
        return InputFormat.CONNTRACK_LIST;
    }
}
