package io.ctscope.analysis.top;

import io.ctscope.ingest.record.Addresses;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyCodecTest {
    private static final long FD77 = 0xfd77_0000_0000_0000L;
    private static final long DOC_NET = 0x2001_0db8_0001_0002L;

    private static long[] address(AddressGrouping g, int family, long hi, long lo) {
        long[] key = new long[AddressGrouping.ADDRESS_WIDTH];
        g.put(key, 0, family, hi, lo);
        return key;
    }

    private static void assertRoundTrip(KeyCodec codec, long[] key) {
        long item = codec.encode(key);
        assertFalse(codec.isHashed(item));
        long[] back = new long[key.length];
        codec.decode(item, back);
        assertArrayEquals(key, back);
    }

    @Test
    void shouldKeepIpv4AddressesAndIpv6PrefixesOfAssignedSpaceAsThemselves() {
        AddressGrouping g = new AddressGrouping(24, 64);
        KeyCodec codec = KeyCodec.address(64);
        long[] v4 = address(g, Addresses.AF_INET, 0, 0x0a01_0203L);
        assertEquals(0x0a01_0200L, v4[2]);
        assertRoundTrip(codec, v4);
        assertRoundTrip(codec, address(g, Addresses.AF_INET6, DOC_NET, 7));
        assertRoundTrip(codec, address(g, Addresses.AF_INET6, FD77, 2));
        assertRoundTrip(codec, address(g, Addresses.AF_INET6, 0, 1)); // ::1 falls in ::/64
    }

    @Test
    void shouldHashWhatDoesNotFitAndKeepTagsApart() {
        AddressGrouping g = new AddressGrouping(32, 64);
        KeyCodec codec = KeyCodec.address(64);
        // 4000::1/64 has the IPv4 tag bits: it must not be read back as IPv4 0.0.0.1
        long[] unassigned = address(g, Addresses.AF_INET6, 0x4000_0000_0000_0001L, 0);
        long[] v4 = address(g, Addresses.AF_INET, 0, 1);
        assertTrue(codec.isHashed(codec.encode(unassigned)));
        assertNotEquals(codec.encode(v4), codec.encode(unassigned));
        // an address longer than /64 never fits with its family
        KeyCodec full = KeyCodec.address(128);
        long[] host = address(new AddressGrouping(32, 128), Addresses.AF_INET6, FD77, 2);
        long item = full.encode(host);
        assertTrue(full.isHashed(item));
        assertNotEquals(item, full.encode(address(new AddressGrouping(32, 128), Addresses.AF_INET6, FD77, 3)));
        assertFalse(full.isHashed(full.encode(v4)));
    }

    @Test
    void shouldPackIpv4PairsExactlyUnlessTheSourceIsReserved() {
        AddressGrouping g = new AddressGrouping(32, 128);
        long[] pair = new long[5];
        g.putPair(pair, Addresses.AF_INET, 0, 0x0a00_0002L, 0, 0xac10_0002L);
        assertEquals(0x0a00_0002_ac10_0002L, KeyCodec.PAIR.encode(pair));
        assertRoundTrip(KeyCodec.PAIR, pair);
        g.putPair(pair, Addresses.AF_INET, 0, 0xf000_0001L, 0, 0xac10_0002L);
        assertTrue(KeyCodec.PAIR.isHashed(KeyCodec.PAIR.encode(pair)));
        g.putPair(pair, Addresses.AF_INET6, FD77, 2, FD77, 3);
        assertTrue(KeyCodec.PAIR.isHashed(KeyCodec.PAIR.encode(pair)));
    }

    @Test
    void shouldKeepPortKeysAsThemselves() {
        assertRoundTrip(KeyCodec.PORT, new long[] {(6L << 16) | 443});
    }
}
