package io.ctscope.samples;

/**
 * The tuples of the open flows, as the kernel's tuple hash sees them: {@code (addrA, portA, addrB,
 * portB)} must be unique among open entries. Tuples are stored as 64-bit digests; two different
 * tuples sharing a digest (odds about 1e-8 per run) only make a caller pick another port, so the
 * index never lets a real duplicate through.
 */
final class TupleIndex {

    private final LongHashSet digests;

    TupleIndex(int maxFlows) {
        digests = new LongHashSet(maxFlows);
    }

    boolean contains(int addrA, int portA, int addrB, int portB) {
        return digests.contains(digest(addrA, portA, addrB, portB));
    }

    /** @return false if the tuple is already in use. */
    boolean add(int addrA, int portA, int addrB, int portB) {
        return digests.add(digest(addrA, portA, addrB, portB));
    }

    void remove(int addrA, int portA, int addrB, int portB) {
        if (!digests.remove(digest(addrA, portA, addrB, portB))) {
            throw new IllegalStateException("tuple was not indexed");
        }
    }

    int size() {
        return digests.size();
    }

    /** Ports are below 2^17 (icmp uses {@link FlowTable#ICMP_PORT} as a marker), addresses 32 bits. */
    static long digest(int addrA, int portA, int addrB, int portB) {
        long h = ((long) addrA << 32) ^ (addrB & 0xFFFF_FFFFL);
        h = mix(h ^ 0x9E37_79B9_7F4A_7C15L);
        h = mix(h ^ (((long) portA << 20) | portB));
        return h == 0 ? 1 : h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
