package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.Addresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Addresses are written as the (hi, lo) longs the records carry, so the expectations do not go through the parser. */
class CidrTest {
    private static final int V4 = Addresses.AF_INET;
    private static final int V6 = Addresses.AF_INET6;

    @Test
    void shouldMatchIpv4BlockFromFirstToLastAddressOnly() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertTrue(ten.matches(V4, 0, 0x0a00_0000L));
        assertTrue(ten.matches(V4, 0, 0x0aff_ffffL));
        assertFalse(ten.matches(V4, 0, 0x09ff_ffffL));
        assertFalse(ten.matches(V4, 0, 0x0b00_0000L));

        Cidr upperHalf = Cidr.parse("192.168.1.128/25");
        assertTrue(upperHalf.matches(V4, 0, 0xc0a8_0180L));
        assertTrue(upperHalf.matches(V4, 0, 0xc0a8_01ffL));
        assertFalse(upperHalf.matches(V4, 0, 0xc0a8_017fL));
        assertFalse(upperHalf.matches(V4, 0, 0xc0a8_0200L));
    }

    @Test
    void shouldTreatABareIpv4AddressAsASlash32() {
        Cidr host = Cidr.parse("10.0.0.2");
        assertEquals(32, host.prefixLength());
        assertTrue(host.matches(V4, 0, 0x0a00_0002L));
        assertFalse(host.matches(V4, 0, 0x0a00_0003L));
        assertFalse(host.matches(V4, 0, 0x0a00_0001L));
    }

    @Test
    void shouldMatchEveryIpv4AddressWithSlash0ButNoIpv6One() {
        Cidr any = Cidr.parse("0.0.0.0/0");
        assertTrue(any.matches(V4, 0, 0L));
        assertTrue(any.matches(V4, 0, 0xffff_ffffL));
        assertFalse(any.matches(V6, 0, 0L));
        assertFalse(any.matches(V6, 0, 0x0a00_0002L));
    }

    @Test
    void shouldMatchEveryIpv6AddressWithSlash0ButNoIpv4One() {
        Cidr any = Cidr.parse("::/0");
        assertTrue(any.matches(V6, 0, 0));
        assertTrue(any.matches(V6, -1L, -1L));
        assertTrue(any.matches(V6, 0xfd77_0000_0000_0000L, 2));
        assertFalse(any.matches(V4, 0, 0x0a00_0002L));
    }

    @Test
    void shouldNotMatchAnIpv4RecordWithAnIpv4MappedIpv6Block() {
        // ::ffff:10.0.0.2 is an IPv6 address; conntrack keeps IPv4 flows apart from it
        Cidr mapped = Cidr.parse("::ffff:10.0.0.0/120");
        assertEquals(V6, mapped.family());
        assertTrue(mapped.matches(V6, 0, 0x0000_ffff_0a00_0002L));
        assertFalse(mapped.matches(V4, 0, 0x0a00_0002L));
    }

    @Test
    void shouldMatchIpv6Slash32OnTheHighWordOnly() {
        Cidr doc = Cidr.parse("2001:db8::/32");
        assertTrue(doc.matches(V6, 0x2001_0db8_0000_0000L, 0));
        assertTrue(doc.matches(V6, 0x2001_0db8_ffff_ffffL, -1L));
        assertFalse(doc.matches(V6, 0x2001_0db9_0000_0000L, 0));
        assertFalse(doc.matches(V6, 0x2001_0db7_ffff_ffffL, -1L));
    }

    @Test
    void shouldMatchIpv6Slash64OnTheWholeHighWord() {
        Cidr net = Cidr.parse("2001:db8:1:2::/64");
        assertTrue(net.matches(V6, 0x2001_0db8_0001_0002L, 0));
        assertTrue(net.matches(V6, 0x2001_0db8_0001_0002L, -1L));
        assertFalse(net.matches(V6, 0x2001_0db8_0001_0003L, 0));
        assertFalse(net.matches(V6, 0x2001_0db8_0001_0001L, -1L));
    }

    @Test
    void shouldMatchIpv6Slash65OnTheFirstBitOfTheLowWord() {
        Cidr upper = Cidr.parse("2001:db8:1:2:8000::/65");
        assertTrue(upper.matches(V6, 0x2001_0db8_0001_0002L, 0x8000_0000_0000_0000L));
        assertTrue(upper.matches(V6, 0x2001_0db8_0001_0002L, -1L));
        assertFalse(upper.matches(V6, 0x2001_0db8_0001_0002L, 0x7fff_ffff_ffff_ffffL));
        assertFalse(upper.matches(V6, 0x2001_0db8_0001_0003L, 0x8000_0000_0000_0000L));

        Cidr lower = Cidr.parse("2001:db8:1:2::/65");
        assertTrue(lower.matches(V6, 0x2001_0db8_0001_0002L, 0x7fff_ffff_ffff_ffffL));
        assertFalse(lower.matches(V6, 0x2001_0db8_0001_0002L, 0x8000_0000_0000_0000L));
    }

    @Test
    void shouldMatchIpv6Slash127AsAPairOfAddresses() {
        Cidr pair = Cidr.parse("fd77::2/127");
        long hi = 0xfd77_0000_0000_0000L;
        assertTrue(pair.matches(V6, hi, 2));
        assertTrue(pair.matches(V6, hi, 3));
        assertFalse(pair.matches(V6, hi, 1));
        assertFalse(pair.matches(V6, hi, 4));
    }

    @Test
    void shouldTreatABareIpv6AddressAsASlash128() {
        Cidr host = Cidr.parse("fd77::2");
        assertEquals(128, host.prefixLength());
        long hi = 0xfd77_0000_0000_0000L;
        assertTrue(host.matches(V6, hi, 2));
        assertFalse(host.matches(V6, hi, 3));
        assertFalse(host.matches(V6, hi + 1, 2));
    }

    @Test
    void shouldReadExpandedAndCompressedIpv6AsTheSameBlock() {
        assertEquals(Cidr.parse("2001:db8::1"), Cidr.parse("2001:0db8:0000:0000:0000:0000:0000:0001"));
        assertEquals(Cidr.parse("fd52:ad42:910e::/48"), Cidr.parse("FD52:AD42:910E:0:0:0:0:0/48"));
        assertTrue(Cidr.parse("2001:0DB8::/32").matches(V6, 0x2001_0db8_0000_0001L, 0));
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0/8",
        "10.1.2.3/8, 10.0.0.0/8",
        "10.0.0.2, 10.0.0.2/32",
        "' 172.16.0.0/12 ', 172.16.0.0/12",
        "0.0.0.0/0, 0.0.0.0/0",
        "fd77::2, fd77::2/128",
        "2001:DB8:0:0::/32, 2001:db8::/32",
        "2001:0db8:0000:0000:0000:0000:0000:0001/64, 2001:db8::/64",
        "fd77::3/127, fd77::2/127",
        "::/0, ::/0",
        "ffff:ffff::/0, ::/0",
    })
    void shouldPrintTheCanonicalNetwork(String text, String canonical) {
        assertEquals(canonical, Cidr.parse(text).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/33 | bad CIDR \"10.0.0.0/33\": prefix length must be 0-32",
        "fd77::/129 | bad CIDR \"fd77::/129\": prefix length must be 0-128",
        "10.0.0.0/ | bad CIDR \"10.0.0.0/\": prefix length must be 0-32",
        "10.0.0.0/-1 | bad CIDR \"10.0.0.0/-1\": prefix length must be 0-32",
        "10.0.0.0/8/8 | bad CIDR \"10.0.0.0/8/8\": prefix length must be 0-32",
        "10.0.0.0/1000 | bad CIDR \"10.0.0.0/1000\": prefix length must be 0-32",
        "10.0.0.256/8 | bad CIDR \"10.0.0.256/8\": not an IPv4 or IPv6 address",
        "10.0/8 | bad CIDR \"10.0/8\": not an IPv4 or IPv6 address",
        "/8 | bad CIDR \"/8\": not an IPv4 or IPv6 address",
        "fd77:::1 | bad CIDR \"fd77:::1\": not an IPv4 or IPv6 address",
        "gateway | bad CIDR \"gateway\": not an IPv4 or IPv6 address",
    })
    void shouldRejectBadInputNamingTheTextAndTheReason(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertEquals(message, e.getMessage());
    }
}
