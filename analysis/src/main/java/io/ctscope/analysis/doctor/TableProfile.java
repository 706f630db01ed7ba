package io.ctscope.analysis.doctor;

import io.ctscope.analysis.count.ProtocolStateCounts;
import io.ctscope.analysis.timeout.TimeoutPolicy;
import io.ctscope.analysis.timeout.TimeoutSettings;
import io.ctscope.ingest.decode.RecordSink;
import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.RecordKind;

import java.util.BitSet;

/**
 * What a table dump holds, in one streaming pass with memory bounded whatever its size (no entry is
 * kept): entries per protocol and state, assured/unreplied/offloaded, each state's idle time
 * ({@code timeout in force - remaining}, whole seconds) in four bands, and source-NAT port use per
 * translated address (distinct ports, for up to {@link #MAX_NAT_ADDRESSES} addresses). Event records
 * are counted and otherwise passed over: the doctor reads tables. A new input starts a new snapshot.
 */
public final class TableProfile implements RecordSink {
    public static final String[] IDLE_BANDS = {"under_1m", "1m_to_1h", "1h_to_1d", "over_1d", "unknown"};
    private static final long[] IDLE_LIMITS = {60, 3600, 86_400, Long.MAX_VALUE};
    static final int UNKNOWN_BAND = 4;
    static final int MAX_NAT_ADDRESSES = 64;
    private static final int STATES = ConnState.MAX_STATES + 1;

    private final TimeoutPolicy policy;
    private final TimeoutSettings inForce;
    private ProtocolStateCounts counts = new ProtocolStateCounts();
    private long[][] idle = new long[(Protocols.MAX + 1) * STATES][];
    private long[] pastMark = new long[(Protocols.MAX + 1) * STATES];
    private final long markSeconds;
    private long entries;
    private long assured;
    private long unreplied;
    private long offload;
    private long events;
    private long snat;
    private int snapshotSource = -1;
    private final NatAddress[] nat = new NatAddress[MAX_NAT_ADDRESSES];
    private int natCount;
    /** The idle time of the entry just judged, or -1 when unknown (cheaper than returning two values). */
    private long lastIdle;
    private long natUntracked;

    /** Distinct translated source ports in use on one address and protocol. */
    public static final class NatAddress {
        public int family;
        public long hi;
        public long lo;
        public int protocol;
        public final BitSet ports = new BitSet(65_536);
        public long entries;
    }

    /**
     * @param markSeconds an idle time of interest (a proposed timeout): entries idle longer are counted per
     *                    state ({@link #idlePast(String)}), by the same rule as the idle bands
     */
    public TableProfile(TimeoutPolicy policy, TimeoutSettings inForce, long markSeconds) {
        this.policy = policy;
        this.inForce = inForce;
        this.markSeconds = markSeconds;
    }

    @Override
    public void accept(ConntrackRecord r) {
        if (r.kind != RecordKind.ENTRY) {
            events++;
            return;
        }
        if (r.source != snapshotSource) {
            if (entries > 0) {
                reset();
            }
            snapshotSource = r.source;
        }
        entries++;
        boolean hasState = r.has(Field.STATE) && Protocols.hasState(r.protocol);
        int state = hasState ? r.state : ConnState.NONE;
        counts.add(r.protocol, hasState, r.state);
        if (r.hasFlag(Flags.ASSURED)) {
            assured++;
        }
        if (r.hasFlag(Flags.UNREPLIED)) {
            unreplied++;
        }
        boolean offloaded = r.hasFlag(Flags.OFFLOAD) || r.hasFlag(Flags.HW_OFFLOAD);
        if (offloaded) {
            offload++;
        }
        idleRow(r.protocol, hasState, r.state)[band(r, state, offloaded)]++;
        if (lastIdle > markSeconds) {
            pastMark[index(r.protocol, hasState, r.state)]++;
        }
        if (r.orig.hasSrc && r.reply.hasDst && (r.orig.srcHi != r.reply.dstHi || r.orig.srcLo != r.reply.dstLo)) {
            snat++;
            if (r.reply.hasPorts()) {
                natAddress(r);
            }
        }
    }

    private int band(ConntrackRecord r, int state, boolean offloaded) {
        lastIdle = -1;
        if (offloaded || !r.has(Field.TIMEOUT)) {
            return UNKNOWN_BAND;
        }
        long timeout = policy.timeoutFor(inForce, r.protocol, state, r.flags);
        if (timeout < 0 || r.timeout > timeout) {
            return UNKNOWN_BAND; // no sysctl times it, or a per-rule timeout / a setting lowered since
        }
        long cap = inForce.tcpCap();
        if (r.protocol == Protocols.TCP && timeout > cap && r.timeout <= cap) {
            return UNKNOWN_BAND; // a live connection with lost ACKs looks like that (retransmit cap)
        }
        long idleSeconds = timeout - r.timeout;
        lastIdle = idleSeconds;
        for (int i = 0; i < IDLE_LIMITS.length; i++) {
            if (idleSeconds < IDLE_LIMITS[i]) {
                return i;
            }
        }
        return UNKNOWN_BAND;
    }

    private static int index(int protocol, boolean hasState, int state) {
        return (protocol & Protocols.MAX) * STATES + (hasState ? state + 1 : 0);
    }

    private long[] idleRow(int protocol, boolean hasState, int state) {
        int i = index(protocol, hasState, state);
        long[] row = idle[i];
        if (row == null) {
            row = new long[IDLE_BANDS.length];
            idle[i] = row;
        }
        return row;
    }

    private void natAddress(ConntrackRecord r) {
        for (int i = 0; i < natCount; i++) {
            NatAddress a = nat[i];
            if (a.lo == r.reply.dstLo && a.hi == r.reply.dstHi && a.protocol == r.protocol && a.family == r.family) {
                a.ports.set(r.reply.dport & 0xffff);
                a.entries++;
                return;
            }
        }
        if (natCount == nat.length) {
            natUntracked++;
            return;
        }
        NatAddress a = new NatAddress();
        a.family = r.family;
        a.hi = r.reply.dstHi;
        a.lo = r.reply.dstLo;
        a.protocol = r.protocol;
        a.ports.set(r.reply.dport & 0xffff);
        a.entries = 1;
        nat[natCount++] = a;
    }

    private void reset() {
        counts = new ProtocolStateCounts();
        idle = new long[(Protocols.MAX + 1) * STATES][];
        pastMark = new long[(Protocols.MAX + 1) * STATES];
        entries = 0;
        assured = 0;
        unreplied = 0;
        offload = 0;
        snat = 0;
        natCount = 0;
        natUntracked = 0;
        java.util.Arrays.fill(nat, null);
    }

    public long entries() {
        return entries;
    }

    public long assured() {
        return assured;
    }

    public long unreplied() {
        return unreplied;
    }

    public long offload() {
        return offload;
    }

    public long events() {
        return events;
    }

    public long snat() {
        return snat;
    }

    public ProtocolStateCounts counts() {
        return counts;
    }

    /** Entries of {@code protocol/STATE} idle longer than the mark given at construction. */
    public long idlePast(String stateKey) {
        int i = indexOf(stateKey);
        return i < 0 ? 0 : pastMark[i];
    }

    public long markSeconds() {
        return markSeconds;
    }

    private static int indexOf(String stateKey) {
        int slash = stateKey.indexOf('/');
        String proto = slash < 0 ? stateKey : stateKey.substring(0, slash);
        for (int p = 0; p <= Protocols.MAX; p++) {
            if (Protocols.reportName(p).equals(proto)) {
                return p * STATES + (slash < 0 ? 0 : ConnState.code(stateKey.substring(slash + 1)) + 1);
            }
        }
        return -1;
    }

    /** Idle bands of {@code protocol/STATE} as named in {@link ProtocolStateCounts#byState()}, or null. */
    public long[] idleOf(String stateKey) {
        int i = indexOf(stateKey);
        return i < 0 ? null : idle[i];
    }

    public NatAddress[] natAddresses() {
        return java.util.Arrays.copyOf(nat, natCount);
    }

    /** Translated addresses seen past the {@link #MAX_NAT_ADDRESSES} tracked. */
    public long natUntracked() {
        return natUntracked;
    }
}
