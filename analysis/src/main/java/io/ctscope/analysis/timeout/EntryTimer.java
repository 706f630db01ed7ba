package io.ctscope.analysis.timeout;

import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;

import java.util.function.LongSupplier;

/**
 * One conntrack entry's timer as the kernel keeps it, driven by packets at the times an injected clock
 * (µs) tells: what each packet refreshes the entry to, when it is due, and the status bits that decide
 * the UDP and GRE stream timeouts. The kernel's own sequence: the protocol handler refreshes the timer,
 * then the seen-reply bit is set for a reply, so a reply is still timed as unreplied.
 */
public final class EntryTimer {
    private final TimeoutPolicy policy;
    private final TimeoutSettings settings;
    private final LongSupplier clockMicros;
    private final int protocol;
    private final long createdMicros;
    private int state = ConnState.NONE;
    private int flags = Flags.UNREPLIED;
    private long expiresMicros;
    private long lastTimeout;

    /** A new entry: its first packet (original direction) arrives now. */
    public EntryTimer(TimeoutPolicy policy, TimeoutSettings settings, LongSupplier clockMicros, int protocol, int tcpState) {
        this.policy = policy;
        this.settings = settings;
        this.clockMicros = clockMicros;
        this.protocol = protocol;
        this.createdMicros = clockMicros.getAsLong();
        this.state = tcpState;
        refresh(timeoutNow());
    }

    /** A packet of a protocol without states (UDP, ICMP, GRE, generic), in either direction. */
    public void packet(boolean reply) {
        refresh(timeoutNow());
        if (reply) {
            flags &= ~Flags.UNREPLIED;
        }
    }

    /**
     * A TCP (or SCTP/DCCP) packet that leaves the entry in {@code newState}; {@code capped} when it was a
     * retransmit or left data unacknowledged. A repeated SYN in SYN_SENT does not refresh at all.
     */
    public void statePacket(boolean reply, int newState, boolean capped) {
        boolean repeatedSyn = protocol == Protocols.TCP && state == newState && !reply
            && Flags.has(flags, Flags.UNREPLIED) && ConnState.name(newState).equals("SYN_SENT");
        state = newState;
        if (!repeatedSyn) {
            refresh(protocol == Protocols.TCP ? policy.tcpRefresh(settings, newState, capped) : timeoutNow());
        }
        if (reply) {
            flags &= ~Flags.UNREPLIED;
        }
    }

    private long timeoutNow() {
        long now = clockMicros.getAsLong();
        if (protocol == Protocols.UDP || protocol == Protocols.UDPLITE || protocol == Protocols.GRE) {
            boolean seenReply = !Flags.has(flags, Flags.UNREPLIED);
            boolean stream = protocol == Protocols.GRE ? seenReply : policy.udpGoesStream(seenReply, now - createdMicros);
            if (stream) {
                flags |= Flags.ASSURED;
            }
            return settings.get(stream
                ? (protocol == Protocols.GRE ? Setting.GRE_STREAM : Setting.UDP_STREAM)
                : (protocol == Protocols.GRE ? Setting.GRE : Setting.UDP));
        }
        return policy.timeoutFor(settings, protocol, state, flags);
    }

    private void refresh(long timeoutSeconds) {
        lastTimeout = timeoutSeconds;
        expiresMicros = clockMicros.getAsLong() + timeoutSeconds * 1_000_000L;
    }

    /** Whether the entry is still due in the future (a reaping read would keep it). */
    public boolean isLive() {
        return clockMicros.getAsLong() < expiresMicros;
    }

    public long expiresMicros() {
        return expiresMicros;
    }

    /** The full timeout the last refresh applied, seconds: what a NEW/UPDATE event would print. */
    public long lastTimeout() {
        return lastTimeout;
    }

    /** Whole seconds left, as a table dump prints them (rounded down); 0 once due. */
    public long remainingSeconds() {
        return Math.max(0, (expiresMicros - clockMicros.getAsLong()) / 1_000_000L);
    }

    public int flags() {
        return flags;
    }

    public int state() {
        return state;
    }
}
