package io.ctscope.samples;

import java.util.SplittableRandom;

/**
 * How each kind of flow moves through the kernel's states, and the line each step prints.
 *
 * <p>A flow always has exactly one pending step (its phase). {@link #start} prints the NEW line and
 * returns when the first pending step is due; {@link #fire} prints the pending step's line and
 * returns when the next one is due, or {@link #GONE} after the DESTROY. A DESTROY is due no earlier
 * than the last printed event plus the timeout it printed (plus a gc lag, as the kernel reaps
 * expired entries late), except for the RST-killed SYN, which the kernel destroys at once.
 */
final class FlowLifecycle {

    static final long GONE = -1;

    static final byte SYN_RECV = 1;
    static final byte ESTABLISHED = 2;
    static final byte FIN_WAIT = 3;
    static final byte LAST_ACK = 4;
    static final byte TIME_WAIT = 5;
    static final byte CLOSE = 6;
    static final byte REPLY = 7;
    static final byte STREAM_ASSURED = 8;
    static final byte DESTROY = 9;

    // kernel default timeouts, seconds
    static final int TCP_SYN_SENT_TIMEOUT = 120;
    static final int TCP_SYN_RECV_TIMEOUT = 60;
    static final int TCP_ESTABLISHED_TIMEOUT = 432_000;
    static final int TCP_FIN_WAIT_TIMEOUT = 120;
    static final int TCP_LAST_ACK_TIMEOUT = 30;
    static final int TCP_TIME_WAIT_TIMEOUT = 120;
    static final int TCP_CLOSE_TIMEOUT = 10;
    static final int UDP_TIMEOUT = 30;
    static final int UDP_STREAM_TIMEOUT = 120;
    static final int ICMP_TIMEOUT = 30;

    private static final byte[] S_SYN_SENT = EventLineWriter.ascii("SYN_SENT ");
    private static final byte[] S_SYN_RECV = EventLineWriter.ascii("SYN_RECV ");
    private static final byte[] S_ESTABLISHED = EventLineWriter.ascii("ESTABLISHED ");
    private static final byte[] S_FIN_WAIT = EventLineWriter.ascii("FIN_WAIT ");
    private static final byte[] S_LAST_ACK = EventLineWriter.ascii("LAST_ACK ");
    private static final byte[] S_TIME_WAIT = EventLineWriter.ascii("TIME_WAIT ");
    private static final byte[] S_CLOSE = EventLineWriter.ascii("CLOSE ");

    private final FlowTable flows;
    private final EventLineWriter out;
    private final SplittableRandom random;
    private final Delays delays;
    private final TrafficVolumes volumes;

    FlowLifecycle(FlowTable flows, EventLineWriter out, SplittableRandom random) {
        this.flows = flows;
        this.out = out;
        this.random = random;
        this.delays = new Delays(random);
        this.volumes = new TrafficVolumes(random);
    }

    long start(int slot, long now) {
        FlowTable f = flows;
        f.flags[slot] = FlowTable.FLAG_UNREPLIED;
        f.createdMicros[slot] = now;
        f.aux[slot] = 0;
        byte kind = f.kind[slot];
        int protocol = FlowKind.protocol(kind);
        out.begin(now, EventLineWriter.NEW).protocol(protocol);
        if (protocol == EventLineWriter.TCP) {
            out.timeout(TCP_SYN_SENT_TIMEOUT).state(S_SYN_SENT);
        } else {
            out.timeout(protocol == EventLineWriter.UDP ? UDP_TIMEOUT : ICMP_TIMEOUT);
        }
        originalTuple(slot, protocol);
        out.token(EventLineWriter.UNREPLIED);
        replyTuple(slot, protocol);
        out.end(f.id[slot]);

        switch (kind) {
            case FlowKind.TCP_SESSION:
                return next(slot, SYN_RECV, now + delays.serverRtt());
            case FlowKind.TCP_REFUSED:
                return next(slot, DESTROY, now + delays.serverRtt());
            case FlowKind.TCP_SYN_SCAN:
                return next(slot, DESTROY, now + seconds(TCP_SYN_SENT_TIMEOUT) + delays.gcLag());
            case FlowKind.UDP_PROBE:
                return next(slot, DESTROY, now + seconds(UDP_TIMEOUT) + delays.gcLag());
            default:
                // udp queries, streams and pings: about one in twelve never gets an answer
                return random.nextInt(12) == 0
                        ? next(slot, DESTROY, now + seconds(protocol == EventLineWriter.UDP ? UDP_TIMEOUT : ICMP_TIMEOUT) + delays.gcLag())
                        : next(slot, REPLY, now + delays.serverRtt());
        }
    }

    long fire(int slot, long now) {
        FlowTable f = flows;
        switch (f.phase[slot]) {
            case SYN_RECV:
                f.flags[slot] = 0;
                tcpUpdate(slot, now, TCP_SYN_RECV_TIMEOUT, S_SYN_RECV);
                return next(slot, ESTABLISHED, now + delays.lanRtt());
            case ESTABLISHED:
                f.flags[slot] = FlowTable.FLAG_ASSURED;
                tcpUpdate(slot, now, TCP_ESTABLISHED_TIMEOUT, S_ESTABLISHED);
                return next(slot, random.nextInt(10) == 0 ? CLOSE : FIN_WAIT, now + delays.tcpSessionLength());
            case FIN_WAIT:
                tcpUpdate(slot, now, TCP_FIN_WAIT_TIMEOUT, S_FIN_WAIT);
                // the server's FIN usually rides on its ACK; sometimes it comes separately (LAST_ACK)
                return next(slot, random.nextInt(7) == 0 ? LAST_ACK : TIME_WAIT, now + delays.serverRtt());
            case LAST_ACK:
                tcpUpdate(slot, now, TCP_LAST_ACK_TIMEOUT, S_LAST_ACK);
                return next(slot, TIME_WAIT, now + delays.lanRtt());
            case TIME_WAIT:
                tcpUpdate(slot, now, TCP_TIME_WAIT_TIMEOUT, S_TIME_WAIT);
                return next(slot, DESTROY, now + seconds(TCP_TIME_WAIT_TIMEOUT) + delays.gcLag());
            case CLOSE:
                tcpUpdate(slot, now, TCP_CLOSE_TIMEOUT, S_CLOSE);
                return next(slot, DESTROY, now + seconds(TCP_CLOSE_TIMEOUT) + delays.gcLag());
            case REPLY:
                return reply(slot, now);
            case STREAM_ASSURED:
                f.flags[slot] = FlowTable.FLAG_ASSURED;
                datagramUpdate(slot, now, UDP_STREAM_TIMEOUT);
                return next(slot, DESTROY, now + delays.streamLength() + seconds(UDP_STREAM_TIMEOUT) + delays.gcLag());
            case DESTROY:
                destroy(slot, now);
                return GONE;
            default:
                throw new IllegalStateException("flow in unknown phase " + f.phase[slot]);
        }
    }

    private long reply(int slot, long now) {
        FlowTable f = flows;
        f.flags[slot] = 0;
        byte kind = f.kind[slot];
        if (kind == FlowKind.ICMP_ECHO) {
            datagramUpdate(slot, now, ICMP_TIMEOUT);
            int pings = delays.pingCount();
            f.aux[slot] = pings;
            // later echoes only refresh the timeout: no events until the entry is reaped
            return next(slot, DESTROY, now + seconds(pings - 1) + seconds(ICMP_TIMEOUT) + delays.gcLag());
        }
        datagramUpdate(slot, now, UDP_TIMEOUT);
        if (kind == FlowKind.UDP_STREAM) {
            // assured (and given the stream timeout) once packets flow after the first 2 s
            long due = f.createdMicros[slot] + seconds(2) + delays.lanRtt() + random.nextLong(500_000);
            return next(slot, STREAM_ASSURED, Math.max(now + 1, due));
        }
        return next(slot, DESTROY, now + seconds(UDP_TIMEOUT) + delays.gcLag());
    }

    private void destroy(int slot, long now) {
        FlowTable f = flows;
        byte kind = f.kind[slot];
        int protocol = FlowKind.protocol(kind);
        boolean unreplied = f.has(slot, FlowTable.FLAG_UNREPLIED);
        out.begin(now, EventLineWriter.DESTROY).protocol(protocol);
        originalTuple(slot, protocol);
        TrafficVolumes v = volumes.measure(kind, unreplied, now - f.createdMicros[slot], f.aux[slot]);
        out.counters(v.origPackets, v.origBytes);
        if (unreplied) {
            out.token(EventLineWriter.UNREPLIED);
        }
        replyTuple(slot, protocol);
        out.counters(v.replyPackets, v.replyBytes);
        if (f.has(slot, FlowTable.FLAG_ASSURED)) {
            out.token(EventLineWriter.ASSURED);
        }
        out.end(f.id[slot]);
    }

    private void tcpUpdate(int slot, long now, int timeout, byte[] state) {
        out.begin(now, EventLineWriter.UPDATE).protocol(EventLineWriter.TCP).timeout(timeout).state(state);
        originalTuple(slot, EventLineWriter.TCP);
        replyTuple(slot, EventLineWriter.TCP);
        if (flows.has(slot, FlowTable.FLAG_ASSURED)) {
            out.token(EventLineWriter.ASSURED);
        }
        out.end(flows.id[slot]);
    }

    private void datagramUpdate(int slot, long now, int timeout) {
        int protocol = FlowKind.protocol(flows.kind[slot]);
        out.begin(now, EventLineWriter.UPDATE).protocol(protocol).timeout(timeout);
        originalTuple(slot, protocol);
        replyTuple(slot, protocol);
        if (flows.has(slot, FlowTable.FLAG_ASSURED)) {
            out.token(EventLineWriter.ASSURED);
        }
        out.end(flows.id[slot]);
    }

    private void originalTuple(int slot, int protocol) {
        FlowTable f = flows;
        int src = f.src[slot];
        if (protocol == EventLineWriter.ICMP) {
            out.icmp(src, f.server[slot], 8, 0, f.sport[slot]);
        } else {
            out.ports(src, f.server[slot], f.sport[slot], f.dport[slot]);
        }
    }

    private void replyTuple(int slot, int protocol) {
        FlowTable f = flows;
        if (protocol == EventLineWriter.ICMP) {
            out.icmp(f.server[slot], f.natAddr[slot], 0, 0, f.natPort[slot]);
        } else {
            out.ports(f.server[slot], f.natAddr[slot], f.dport[slot], f.natPort[slot]);
        }
    }

    private long next(int slot, byte phase, long due) {
        flows.phase[slot] = phase;
        return due;
    }

    static long seconds(long s) {
        return s * 1_000_000L;
    }
}
