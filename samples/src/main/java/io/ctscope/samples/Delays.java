package io.ctscope.samples;

import java.util.SplittableRandom;

/** Simulated time between a flow's steps, in microseconds; all draws come from the one seeded random. */
final class Delays {

    private static final double LOG_TYPICAL_SESSION_S = Math.log(3.0);
    private static final double LOG_TYPICAL_STREAM_S = Math.log(20.0);

    private final SplittableRandom random;

    Delays(SplittableRandom random) {
        this.random = random;
    }

    /** Gateway to server and back (SYN to SYN/ACK, query to answer): 2 ms plus an exponential tail. */
    long serverRtt() {
        return 2_000 + exponential(25_000);
    }

    /** Gateway to an inside host and back. */
    long lanRtt() {
        return 100 + exponential(500);
    }

    /**
     * How long after expiry the gc worker reaps an entry and the DESTROY is sent: usually within
     * a second or so on a busy box, now and then up to a minute.
     */
    long gcLag() {
        return random.nextInt(20) == 0 ? random.nextLong(60_000_000) : random.nextLong(1_500_000);
    }

    /**
     * ESTABLISHED until the first FIN or RST: log-normal around 3 s for most, a Pareto tail from
     * 10 minutes up to 3 days for 1.5% (ssh, websockets, VPNs): those outlive most captures.
     */
    long tcpSessionLength() {
        if (random.nextInt(1000) < 15) {
            double s = 600.0 / Math.pow(1.0 - random.nextDouble(), 1.0 / 1.1);
            return (long) (Math.min(s, 3 * 86_400.0) * 1e6);
        }
        double s = Math.exp(LOG_TYPICAL_SESSION_S + 1.6 * random.nextGaussian());
        return 1_000 + (long) (Math.min(s, 900.0) * 1e6);
    }

    /** How long a QUIC-like stream keeps sending after it is assured. */
    long streamLength() {
        double s = Math.exp(LOG_TYPICAL_STREAM_S + 1.2 * random.nextGaussian());
        return (long) (Math.min(s, 1_800.0) * 1e6);
    }

    /** Echo requests in one ping run, one a second. */
    int pingCount() {
        int r = random.nextInt(10);
        return r < 4 ? 1 : r < 8 ? 4 : 1 + random.nextInt(60);
    }

    private long exponential(double mean) {
        return (long) (-mean * Math.log(1.0 - random.nextDouble()));
    }
}
