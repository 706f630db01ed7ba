package io.ctscope.samples;

import java.util.SplittableRandom;

/**
 * Decides what the next new flow is: its kind, inside host, destination and source port.
 * A flyweight: {@link #next} overwrites the public fields, nothing is allocated per flow.
 */
final class FlowOrigins {

    private static final int[] CLOSED_PORTS = {8080, 8443, 3389, 25, 445, 23, 21, 81, 8000, 9000};
    private static final int[] STREAM_PORTS = {443, 443, 443, 443, 443, 443, 443, 443, 3478, 4500};
    private static final int SCAN_SWEEP = 1024;

    byte kind;
    int host;
    int sport;
    int server;
    int dport;

    private final AddressPlan plan;
    private final int[] scanTarget;
    private final int[] scanNextPort;
    private final int[] scanSourcePort;

    FlowOrigins(AddressPlan plan, SplittableRandom random) {
        this.plan = plan;
        int scanners = plan.scannerHosts.length;
        scanTarget = new int[scanners];
        scanNextPort = new int[scanners];
        scanSourcePort = new int[scanners];
        for (int i = 0; i < scanners; i++) {
            newScanTarget(i, random);
        }
    }

    void next(SplittableRandom random) {
        kind = FlowKind.pick(random.nextDouble());
        switch (kind) {
            case FlowKind.TCP_SESSION: {
                host = plan.sampleHost(random);
                int s = plan.sampleServer(random);
                server = plan.serverAddr[s];
                dport = plan.serverPort[s];
                sport = ephemeralPort(random);
                break;
            }
            case FlowKind.TCP_REFUSED:
                host = plan.sampleHost(random);
                server = plan.serverAddr[plan.sampleServer(random)];
                dport = CLOSED_PORTS[random.nextInt(CLOSED_PORTS.length)];
                sport = ephemeralPort(random);
                break;
            case FlowKind.TCP_SYN_SCAN:
            case FlowKind.UDP_PROBE: {
                int scanner = random.nextInt(plan.scannerHosts.length);
                host = plan.scannerHosts[scanner];
                server = scanTarget[scanner];
                dport = scanNextPort[scanner]++;
                // nmap keeps one source port for a whole SYN sweep
                sport = kind == FlowKind.TCP_SYN_SCAN ? scanSourcePort[scanner] : ephemeralPort(random);
                if (scanNextPort[scanner] > SCAN_SWEEP) {
                    newScanTarget(scanner, random);
                }
                break;
            }
            case FlowKind.UDP_QUERY:
                host = plan.sampleHost(random);
                if (random.nextInt(10) == 0) {
                    server = plan.ntpAddr[random.nextInt(plan.ntpAddr.length)];
                    dport = 123;
                } else {
                    int r = random.nextInt(10);
                    server = plan.resolverAddr[r < 6 ? 0 : r < 9 ? 1 : 2];
                    dport = 53;
                }
                sport = ephemeralPort(random);
                break;
            case FlowKind.UDP_STREAM:
                host = plan.sampleHost(random);
                server = plan.serverAddr[plan.sampleServer(random)];
                dport = STREAM_PORTS[random.nextInt(STREAM_PORTS.length)];
                sport = ephemeralPort(random);
                break;
            default:
                host = plan.sampleHost(random);
                server = plan.serverAddr[plan.sampleServer(random)];
                dport = FlowTable.ICMP_PORT;
                sport = random.nextInt(65536);
                break;
        }
    }

    /** Another source port for the same host and destination, after a tuple clash. */
    void retrySourcePort(SplittableRandom random) {
        sport = kind == FlowKind.ICMP_ECHO ? random.nextInt(65536) : ephemeralPort(random);
    }

    /** Linux picks from 32768-60999; every fourth host behaves like Windows (49152-65535). */
    private int ephemeralPort(SplittableRandom random) {
        return (host & 3) == 3 ? 49152 + random.nextInt(16384) : 32768 + random.nextInt(28232);
    }

    private void newScanTarget(int scanner, SplittableRandom random) {
        scanTarget[scanner] = random.nextInt(4) == 0
                ? AddressPlan.ipv4(203, 0, 113, 1 + random.nextInt(254))
                : (172 << 24) | ((16 + random.nextInt(16)) << 16) | (random.nextInt(256) << 8) | (1 + random.nextInt(254));
        scanNextPort[scanner] = 1;
        scanSourcePort[scanner] = 40000 + random.nextInt(25000);
    }
}
