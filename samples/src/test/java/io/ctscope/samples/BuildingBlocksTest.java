package io.ctscope.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BuildingBlocksTest {

    @Test
    void shouldFormatTheKernelsExampleLineByteForByte() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EventLineWriter w = new EventLineWriter(bytes, 1 << 12);
        int host = AddressPlan.ipv4(10, 1, 2, 3);
        int server = AddressPlan.ipv4(172, 20, 1, 9);
        int nat = AddressPlan.ipv4(198, 18, 0, 1);
        w.begin(1_712_662_404_573_225L, EventLineWriter.NEW).protocol(EventLineWriter.TCP).timeout(120)
                .state(EventLineWriter.ascii("SYN_SENT ")).ports(host, server, 52717, 443)
                .token(EventLineWriter.UNREPLIED).ports(server, nat, 443, 26886).end(1_952_199_411);
        w.begin(1_712_662_451_967_906L, EventLineWriter.DESTROY).protocol(EventLineWriter.TCP)
                .ports(host, server, 52717, 443).counters(14, 4134).ports(server, nat, 443, 26886)
                .counters(17, 13712).token(EventLineWriter.ASSURED).end((int) 4_000_000_000L);
        w.begin(1_712_662_452_000_001L, EventLineWriter.UPDATE).protocol(EventLineWriter.ICMP).timeout(30)
                .icmp(host, server, 8, 0, 123).icmp(server, nat, 0, 0, 123).end(99_887_766);
        w.flush();
        assertEquals("[1712662404.573225]\t    [NEW] ipv4     2 tcp      6 120 SYN_SENT src=10.1.2.3 dst=172.20.1.9"
                        + " sport=52717 dport=443 [UNREPLIED] src=172.20.1.9 dst=198.18.0.1 sport=443 dport=26886 id=1952199411\n"
                        + "[1712662451.967906]\t[DESTROY] ipv4     2 tcp      6 src=10.1.2.3 dst=172.20.1.9 sport=52717 dport=443"
                        + " packets=14 bytes=4134 src=172.20.1.9 dst=198.18.0.1 sport=443 dport=26886 packets=17 bytes=13712"
                        + " [ASSURED] id=4000000000\n"
                        + "[1712662452.000001]\t [UPDATE] ipv4     2 icmp     1 30 src=10.1.2.3 dst=172.20.1.9 type=8 code=0 id=123"
                        + " src=172.20.1.9 dst=198.18.0.1 type=0 code=0 id=123 id=99887766\n",
                bytes.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldPopPendingEventsInTimeOrder() {
        PendingEvents pending = new PendingEvents(1_000);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1_000; i++) {
            pending.add(random.nextLong(1_000_000), i);
        }
        long previous = -1;
        int popped = 0;
        while (!pending.isEmpty()) {
            long due = pending.peekDue();
            assertTrue(due >= previous);
            previous = due;
            if (popped++ % 3 == 0) {
                pending.rescheduleTop(due + random.nextLong(1_000_000));
            } else {
                pending.removeTop();
            }
        }
    }

    @Test
    void shouldAgreeWithAJavaSetUnderRandomAddsAndRemoves() {
        LongHashSet set = new LongHashSet(2_000);
        Set<Long> reference = new HashSet<>();
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 200_000; i++) {
            long key = 1 + random.nextInt(3_000); // small key space: many collisions and probe runs
            if (random.nextBoolean() && reference.size() < 2_000) {
                assertEquals(reference.add(key), set.add(key));
            } else {
                assertEquals(reference.remove(key), set.remove(key));
            }
            assertEquals(reference.size(), set.size());
        }
        for (long key = 1; key <= 3_000; key++) {
            assertEquals(reference.contains(key), set.contains(key));
        }
    }

    @Test
    void shouldIssueDistinctIds() {
        ConntrackIds ids = new ConntrackIds(12345);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 1_000_000; i++) {
            assertTrue(seen.add(ids.next()));
        }
    }

    @Test
    void shouldFavourLowRanksLikeZipf() {
        ZipfSampler zipf = new ZipfSampler(1_000, 1.0);
        SplittableRandom random = new SplittableRandom(3);
        int[] counts = new int[1_000];
        int draws = 1_000_000;
        for (int i = 0; i < draws; i++) {
            counts[zipf.sample(random)]++;
        }
        double harmonic = 0;
        for (int i = 1; i <= 1_000; i++) {
            harmonic += 1.0 / i;
        }
        assertEquals(draws / harmonic, counts[0], 0.02 * draws / harmonic);
        assertEquals(draws / harmonic / 10, counts[9], 0.1 * draws / harmonic / 10);
    }

    @Test
    void shouldKeepThePortUnlessTheReplyTupleIsTaken() {
        NatPortAllocator nat = new NatPortAllocator(100);
        SplittableRandom random = new SplittableRandom(4);
        int natAddr = AddressPlan.natAddr(0);
        int server = AddressPlan.ipv4(203, 0, 113, 7);
        assertEquals(40_000, nat.allocate(natAddr, 40_000, server, 443, random));
        assertEquals(40_000, nat.allocate(natAddr, 40_000, server, 80, random));
        int rewritten = nat.allocate(natAddr, 40_000, server, 443, random);
        assertTrue(rewritten != 40_000 && rewritten >= 1024 && rewritten <= 65535);
        nat.release(natAddr, 40_000, server, 443);
        assertEquals(40_000, nat.allocate(natAddr, 40_000, server, 443, random));
        assertEquals(1, nat.rewrites());
    }

    @Test
    void shouldDeliverEveryByteInOrderThroughTheBackgroundWriter() throws Exception {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        byte[] expected = new byte[1_000_003];
        new SplittableRandom(5).nextBytes(expected);
        try (BackgroundOutputStream out = new BackgroundOutputStream(target, 4_096, 3)) {
            int i = 0;
            while (i < expected.length) {
                int n = Math.min(expected.length - i, 1 + (i % 9_000));
                out.write(expected, i, n);
                i += n;
                if (i % 7 == 0) {
                    out.flush();
                    assertEquals(i, target.size());
                }
            }
            out.write(42);
        }
        byte[] actual = target.toByteArray();
        assertEquals(expected.length + 1, actual.length);
        assertEquals(42, actual[expected.length]);
        assertTrue(java.util.Arrays.equals(expected, 0, expected.length, actual, 0, expected.length));
    }
}
