package io.ctscope.samples;

import java.util.SplittableRandom;

/**
 * The per-direction {@code packets= bytes=} a DESTROY reports (nf_conntrack_acct=1), made up from
 * the flow's kind and lifetime. A flyweight: {@link #measure} overwrites the fields and returns this.
 */
final class TrafficVolumes {

    long origPackets;
    long origBytes;
    long replyPackets;
    long replyBytes;

    private final SplittableRandom random;

    TrafficVolumes(SplittableRandom random) {
        this.random = random;
    }

    TrafficVolumes measure(byte kind, boolean unreplied, long lifetimeMicros, int pings) {
        switch (kind) {
            case FlowKind.TCP_SESSION: {
                double seconds = lifetimeMicros / 1e6;
                long orig = 5 + (long) (-10 * Math.log(1 - random.nextDouble()) + seconds * random.nextDouble() * 0.5);
                long reply = orig + (long) (orig * random.nextDouble() * 0.8);
                set(orig, orig * 52 + (long) (-800 * Math.log(1 - random.nextDouble())),
                        reply, reply * 52 + (long) (reply * random.nextDouble() * 1_300));
                break;
            }
            case FlowKind.TCP_REFUSED:
                set(1, 60, 1, 40);
                break;
            case FlowKind.TCP_SYN_SCAN:
                set(1, 44, 0, 0);
                break;
            case FlowKind.UDP_PROBE:
                set(1, 28 + random.nextInt(40), 0, 0);
                break;
            case FlowKind.UDP_QUERY:
                if (unreplied) {
                    long tries = 1 + random.nextInt(3);
                    set(tries, tries * 64, 0, 0);
                } else {
                    set(1, 56 + random.nextInt(40), 1, 72 + random.nextInt(400));
                }
                break;
            case FlowKind.UDP_STREAM:
                if (unreplied) {
                    long tries = 1 + random.nextInt(3);
                    set(tries, tries * 1_252, 0, 0);
                } else {
                    long orig = 10 + (long) (-200 * Math.log(1 - random.nextDouble()));
                    long reply = orig + (long) (orig * random.nextDouble() * 2);
                    set(orig, orig * (80 + random.nextInt(200)), reply, reply * (600 + random.nextInt(700)));
                }
                break;
            default: {
                long echoes = Math.max(1, pings);
                set(echoes, echoes * 84, unreplied ? 0 : echoes, unreplied ? 0 : echoes * 84);
                break;
            }
        }
        return this;
    }

    private void set(long op, long ob, long rp, long rb) {
        origPackets = op;
        origBytes = ob;
        replyPackets = rp;
        replyBytes = rb;
    }
}
