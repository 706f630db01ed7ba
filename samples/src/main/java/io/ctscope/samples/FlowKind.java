package io.ctscope.samples;

/**
 * The kinds of flow a busy NAT gateway carries, with their share of new flows and the events a
 * finished flow of that kind prints (used to turn an event rate into a flow arrival rate).
 */
final class FlowKind {

    /** SYN_SENT, SYN_RECV, ESTABLISHED [ASSURED], then FIN/TIME_WAIT or an RST, DESTROY. */
    static final byte TCP_SESSION = 0;
    /** SYN answered by RST: the kernel kills the entry at once, DESTROY still [UNREPLIED]. */
    static final byte TCP_REFUSED = 1;
    /** A scanner's SYN nobody answers: DESTROY after SYN_SENT's 120 s. */
    static final byte TCP_SYN_SCAN = 2;
    /** DNS / NTP: one query, one answer, 30 s, never assured. */
    static final byte UDP_QUERY = 3;
    /** QUIC and friends: traffic beyond 2 s both ways, so the entry is assured with 120 s. */
    static final byte UDP_STREAM = 4;
    /** A scanner's UDP datagram nobody answers. */
    static final byte UDP_PROBE = 5;
    /** ping: echo request and reply with one id. */
    static final byte ICMP_ECHO = 6;

    static final int COUNT = 7;

    private static final double[] SHARE = {0.42, 0.02, 0.04, 0.38, 0.07, 0.03, 0.04};
    private static final double[] EVENTS = {6.035, 2, 2, 2.92, 3.9, 2, 2.95};

    private FlowKind() {
    }

    static int protocol(byte kind) {
        switch (kind) {
            case TCP_SESSION:
            case TCP_REFUSED:
            case TCP_SYN_SCAN:
                return EventLineWriter.TCP;
            case ICMP_ECHO:
                return EventLineWriter.ICMP;
            default:
                return EventLineWriter.UDP;
        }
    }

    /** @param u uniform in [0, 1) */
    static byte pick(double u) {
        for (byte k = 0; k < COUNT - 1; k++) {
            u -= SHARE[k];
            if (u < 0) {
                return k;
            }
        }
        return COUNT - 1;
    }

    static double expectedEventsPerFlow() {
        double sum = 0;
        for (int k = 0; k < COUNT; k++) {
            sum += SHARE[k] * EVENTS[k];
        }
        return sum;
    }
}
