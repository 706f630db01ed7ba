package io.ctscope.samples;

import java.util.SplittableRandom;

/**
 * Who talks to whom, as plain numbers: inside hosts in 10.0.0.0/8, public NAT addresses in the
 * 198.18.0.0/15 benchmark range, servers in 172.16.0.0/12 and 203.0.113.0/24 (documentation range).
 * These addresses are only text in the capture. Built once from the seed.
 */
final class AddressPlan {

    static final double HOST_ACTIVITY_EXPONENT = 1.1;
    static final double SERVER_POPULARITY_EXPONENT = 1.0;

    private static final int[] SERVICE_PORTS = {443, 80, 22, 8080, 993, 8443, 5228, 587, 5222, 25, 3389, 853, 143, 21};
    private static final int[] SERVICE_WEIGHTS = {620, 180, 30, 25, 25, 20, 20, 12, 12, 10, 10, 6, 5, 5};

    final int hostCount;
    final int natCount;
    final int serverCount;
    final int[] serverAddr;
    final int[] serverPort;
    final int[] resolverAddr = {ipv4(172, 20, 0, 53), ipv4(172, 20, 1, 53), ipv4(203, 0, 113, 53)};
    final int[] ntpAddr = {ipv4(172, 20, 0, 123), ipv4(203, 0, 113, 123)};
    /** A few inside hosts that sweep ports nobody answers. */
    final int[] scannerHosts;

    private final int[] hostByRank;
    private final ZipfSampler hostActivity;
    private final ZipfSampler serverPopularity;

    AddressPlan(int hosts, int natAddresses, SplittableRandom random) {
        hostCount = hosts;
        natCount = natAddresses;
        hostByRank = new int[hosts];
        for (int i = 0; i < hosts; i++) {
            hostByRank[i] = i;
        }
        for (int i = hosts - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = hostByRank[i];
            hostByRank[i] = hostByRank[j];
            hostByRank[j] = t;
        }
        hostActivity = new ZipfSampler(hosts, HOST_ACTIVITY_EXPONENT);

        serverCount = (int) Math.min(50_000, Math.max(256, 4L * hosts));
        serverAddr = new int[serverCount];
        serverPort = new int[serverCount];
        int weightTotal = 0;
        for (int w : SERVICE_WEIGHTS) {
            weightTotal += w;
        }
        for (int i = 0; i < serverCount; i++) {
            serverAddr[i] = random.nextInt(10) == 0
                    ? ipv4(203, 0, 113, 1 + random.nextInt(254))
                    : (172 << 24) | ((16 + random.nextInt(16)) << 16) | (random.nextInt(256) << 8) | (1 + random.nextInt(254));
            int pick = random.nextInt(weightTotal);
            int p = 0;
            while (pick >= SERVICE_WEIGHTS[p]) {
                pick -= SERVICE_WEIGHTS[p++];
            }
            serverPort[i] = SERVICE_PORTS[p];
        }
        serverPopularity = new ZipfSampler(serverCount, SERVER_POPULARITY_EXPONENT);

        int scanners = Math.min(3, hosts);
        scannerHosts = new int[scanners];
        for (int i = 0; i < scanners; i++) {
            // mid-ranked hosts: their ordinary traffic is modest, their scans are not
            scannerHosts[i] = hostByRank[Math.min(hosts - 1, hosts / 20 + i)];
        }
    }

    int sampleHost(SplittableRandom random) {
        return hostByRank[hostActivity.sample(random)];
    }

    int sampleServer(SplittableRandom random) {
        return serverPopularity.sample(random);
    }

    /** 10.a.b.c with c in 1..254, counting upwards from 10.1.0.1. */
    static int hostAddr(int host) {
        int subnet = host / 254;
        return (10 << 24) | ((1 + subnet / 256) << 16) | ((subnet % 256) << 8) | (1 + host % 254);
    }

    /** 198.18.a.b with b in 1..254. */
    static int natAddr(int index) {
        return (198 << 24) | (18 << 16) | ((index / 254) << 8) | (1 + index % 254);
    }

    /** Each host is translated to one NAT address, chosen by a hash of its address (persistent). */
    int natAddrForHost(int host) {
        int h = host * 0x9E37_79B1;
        return natAddr(Integer.remainderUnsigned(h ^ (h >>> 15), natCount));
    }

    static int ipv4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }
}
