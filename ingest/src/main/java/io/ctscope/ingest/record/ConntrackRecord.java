package io.ctscope.ingest.record;

/**
 * One conntrack record, event or table entry, in one flat mutable object that parsers fill in place and
 * the pipeline reuses (it is the Disruptor ring's event type). Optional fields carry a presence bit in
 * {@link #present} ({@link Field}); a cleared bit means the input did not print the field, never 0.
 *
 * <p>Times: {@link #timestampMicros} is the {@code -o timestamp} prefix (µs since the epoch);
 * {@link #startSec}/{@link #stopSec} are the {@code -o ktimestamp} start/stop (s since the epoch, printed
 * by conntrack as local ctime text, read as UTC); {@link #deltaTime} is {@code delta-time=} (s).
 *
 * <p>{@link #source} and {@link #offset} identify where the line came from (which input, which byte), and
 * {@link #line} its 1-based line number; the reader sets them, not the parser.
 */
public final class ConntrackRecord {
    public RecordKind kind = RecordKind.ENTRY;
    public long present;

    public long timestampMicros;
    /** {@link Addresses#AF_INET} or {@link Addresses#AF_INET6}. */
    public int family;
    /** Layer-4 protocol number (6 tcp, 17 udp, 2 for {@code unknown 2} ...). */
    public int protocol;
    /** Seconds: full timeout just applied (events) or seconds remaining (dumps). */
    public long timeout;
    /** {@link ConnState} code. */
    public int state;

    public final Tuple orig = new Tuple();
    public final Tuple reply = new Tuple();
    /** {@link Flags} bits. */
    public int flags;

    public long mark;
    public long secmark;
    public int zone;
    public final TextValue secctx = new TextValue();
    public long deltaTime;
    public long startSec;
    public long stopSec;
    public final TextValue helper = new TextValue();
    public int use;
    /** Conntrack id, unsigned 32-bit. */
    public long id;
    public final TextValue labels = new TextValue();
    public long portid;
    public final TextValue progname = new TextValue();

    /** Count of {@code key=value} fields this parser does not know (ignored, reported). */
    public int unknownFields;

    public int source;
    public long offset;
    public long line;

    public void clear() {
        kind = RecordKind.ENTRY;
        present = 0;
        timestampMicros = 0;
        family = 0;
        protocol = 0;
        timeout = 0;
        state = ConnState.NONE;
        orig.clear();
        reply.clear();
        flags = 0;
        mark = secmark = 0;
        zone = 0;
        secctx.clear();
        deltaTime = startSec = stopSec = 0;
        helper.clear();
        use = 0;
        id = 0;
        labels.clear();
        portid = 0;
        progname.clear();
        unknownFields = 0;
    }

    public void copyFrom(ConntrackRecord o) {
        kind = o.kind;
        present = o.present;
        timestampMicros = o.timestampMicros;
        family = o.family;
        protocol = o.protocol;
        timeout = o.timeout;
        state = o.state;
        orig.copyFrom(o.orig);
        reply.copyFrom(o.reply);
        flags = o.flags;
        mark = o.mark;
        secmark = o.secmark;
        zone = o.zone;
        secctx.copyFrom(o.secctx);
        deltaTime = o.deltaTime;
        startSec = o.startSec;
        stopSec = o.stopSec;
        helper.copyFrom(o.helper);
        use = o.use;
        id = o.id;
        labels.copyFrom(o.labels);
        portid = o.portid;
        progname.copyFrom(o.progname);
        unknownFields = o.unknownFields;
        source = o.source;
        offset = o.offset;
        line = o.line;
    }

    public boolean has(long field) {
        return (present & field) != 0;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    public String protocolName() {
        return Protocols.name(protocol);
    }

    public String stateName() {
        return has(Field.STATE) ? ConnState.name(state) : null;
    }

    /** Renders the record in conntrack -E/-L style; allocates, for tests and messages only. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(256);
        if (has(Field.TIMESTAMP)) {
            sb.append('[').append(timestampMicros / 1_000_000).append('.')
                .append(String.format("%06d", timestampMicros % 1_000_000)).append("]\t");
        }
        if (kind.isEvent()) {
            sb.append('[').append(kind.name()).append("] ");
        }
        sb.append(family == Addresses.AF_INET6 ? "ipv6 10 " : "ipv4 2 ");
        sb.append(protocolName()).append(' ').append(protocol).append(' ');
        if (has(Field.TIMEOUT)) {
            sb.append(timeout).append(' ');
        }
        if (has(Field.STATE)) {
            sb.append(ConnState.name(state)).append(' ');
        }
        orig.appendTo(sb, family);
        if (hasFlag(Flags.UNREPLIED)) {
            sb.append(" [UNREPLIED]");
        }
        if (has(Field.REPLY)) {
            sb.append(' ');
            reply.appendTo(sb, family);
        }
        if (hasFlag(Flags.ASSURED)) {
            sb.append(" [ASSURED]");
        }
        if (hasFlag(Flags.OFFLOAD)) {
            sb.append(" [OFFLOAD]");
        }
        if (hasFlag(Flags.HW_OFFLOAD)) {
            sb.append(" [HW_OFFLOAD]");
        }
        if (has(Field.MARK)) {
            sb.append(" mark=").append(mark);
        }
        if (has(Field.SECMARK)) {
            sb.append(" secmark=").append(secmark);
        }
        if (has(Field.SECCTX)) {
            sb.append(" secctx=").append(secctx);
        }
        if (has(Field.ZONE)) {
            sb.append(" zone=").append(zone);
        }
        if (has(Field.DELTA_TIME)) {
            sb.append(" delta-time=").append(deltaTime);
        }
        if (has(Field.START)) {
            sb.append(" start=").append(startSec);
        }
        if (has(Field.STOP)) {
            sb.append(" stop=").append(stopSec);
        }
        if (has(Field.HELPER)) {
            sb.append(" helper=").append(helper);
        }
        if (has(Field.USE)) {
            sb.append(" use=").append(use);
        }
        if (has(Field.ID)) {
            sb.append(" id=").append(id);
        }
        if (has(Field.LABELS)) {
            sb.append(" labels=").append(labels);
        }
        return sb.toString();
    }
}
