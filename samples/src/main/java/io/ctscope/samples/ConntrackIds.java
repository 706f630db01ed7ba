package io.ctscope.samples;

/**
 * Conntrack ids that look like the kernel's (hashes: spread over all 32 bits) yet are unique for
 * the first 2^32 flows of a capture: the n-th flow gets {@code permute(n ^ key)}, where permute is a
 * bijection on 32-bit values (murmur3's finaliser, every step invertible).
 */
final class ConntrackIds {

    private final int key;
    private int next;

    ConntrackIds(long seed) {
        this.key = (int) (seed ^ (seed >>> 32)) * 0x2545_F491;
    }

    int next() {
        int x = (next++) ^ key;
        x *= 0x9E37_79B1;
        x ^= x >>> 16;
        x *= 0x85EB_CA6B;
        x ^= x >>> 13;
        x *= 0xC2B2_AE35;
        x ^= x >>> 16;
        return x;
    }
}
