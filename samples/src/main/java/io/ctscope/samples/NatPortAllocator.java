package io.ctscope.samples;

import java.util.SplittableRandom;

/**
 * Source NAT port choice as {@code nf_nat} makes it: keep the original source port when the reply
 * tuple {@code (server, serverPort, natAddr, port)} is free, otherwise try up to
 * {@value #MAX_ATTEMPTS} ports from a random offset in the ephemeral class and give up after that.
 * A reply tuple is never shared by two open flows, so the same {@code (natAddr, port)} may serve
 * different destinations at once, exactly as on a real gateway.
 */
final class NatPortAllocator {

    static final int MAX_ATTEMPTS = 128;
    private static final int LOW = 1024;
    private static final int RANGE = 65536 - LOW;
    static final int FAILED = -1;

    private final TupleIndex replyTuples;
    private long rewrites;
    private long failures;

    NatPortAllocator(int maxFlows) {
        replyTuples = new TupleIndex(maxFlows);
    }

    /** @return the translated port (usually {@code originalPort}), or {@link #FAILED}. */
    int allocate(int natAddr, int originalPort, int server, int serverPort, SplittableRandom random) {
        if (replyTuples.add(natAddr, originalPort, server, serverPort)) {
            return originalPort;
        }
        if (serverPort == FlowTable.ICMP_PORT) {
            // icmp ids span the whole 16-bit space
            int start = random.nextInt(65536);
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                int id = (start + attempt) & 0xFFFF;
                if (replyTuples.add(natAddr, id, server, serverPort)) {
                    rewrites++;
                    return id;
                }
            }
        } else {
            int start = random.nextInt(RANGE);
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                int port = LOW + (start + attempt) % RANGE;
                if (replyTuples.add(natAddr, port, server, serverPort)) {
                    rewrites++;
                    return port;
                }
            }
        }
        failures++;
        return FAILED;
    }

    void release(int natAddr, int natPort, int server, int serverPort) {
        replyTuples.remove(natAddr, natPort, server, serverPort);
    }

    long rewrites() {
        return rewrites;
    }

    long failures() {
        return failures;
    }
}
