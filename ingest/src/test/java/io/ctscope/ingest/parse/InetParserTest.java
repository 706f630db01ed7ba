package io.ctscope.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctscope.ingest.record.Addresses;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InetParserTest {
    private final InetParser inet = new InetParser();

    @Test
    void shouldParseDottedQuadIntoLowBits() {
        assertTrue(parse("192.168.1.255"));
        assertEquals(4, inet.family);
        assertEquals(0, inet.hi);
        assertEquals(0xc0a801ffL, inet.lo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "10.0.0.1", "224.0.0.251"})
    void shouldRoundTripValidIpv4(String text) {
        assertTrue(parse(text), text);
        assertEquals(4, inet.family);
        assertEquals(text, Addresses.toString(Addresses.AF_INET, inet.hi, inet.lo));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "256.1.1.1", "1.2.3.4.5", "1..2.3", "1.2.3.", ".1.2.3", "1.2.3.4a", "1234.1.1.1",
        "xx.xx.xx.xx", "1xx.xx.xx.xx", "91.209.xxx.xxx", "ip1", "", "-1.2.3.4", "1.2.3.-4", "1,2,3,4"})
    void shouldRejectInvalidIpv4(String text) {
        assertFalse(parse(text), text);
    }

    @ParameterizedTest
    @CsvSource({
        "fe80::5054:ff:fe23:387f, fe80::5054:ff:fe23:387f",
        "fd52:ad42:910e:0000:0000:0000:0000:64fa, fd52:ad42:910e::64fa",
        "0000:0000:0000:0000:0000:0000:0000:0001, ::1",
        "2606:4700:4700:0000:0000:0000:0000:1111, 2606:4700:4700::1111",
        "::1, ::1",
        "::, ::",
        "1::, 1::",
        "ff02::15a, ff02::15a",
        "fd00::192:168:5:32, fd00::192:168:5:32",
        "2001:DB8::1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
        "2003:a:c7f:e5e8:a3ae:63f7:7f92:e286, 2003:a:c7f:e5e8:a3ae:63f7:7f92:e286",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
    })
    void shouldParseIpv6AndFormatItInRfc5952Form(String text, String canonical) {
        assertTrue(parse(text), text);
        assertEquals(6, inet.family);
        assertEquals(canonical, Addresses.toString(Addresses.AF_INET6, inet.hi, inet.lo));
        long hi = inet.hi;
        long lo = inet.lo;
        assertTrue(parse(canonical), canonical);
        assertEquals(hi, inet.hi);
        assertEquals(lo, inet.lo);
    }

    @Test
    void shouldParseLinkLocalAddressIntoBothHalves() {
        assertTrue(parse("fe80::5054:ff:fe23:387f"));
        assertEquals(0xfe80_0000_0000_0000L, inet.hi);
        assertEquals(0x5054_00ff_fe23_387fL, inet.lo);
    }

    @Test
    void shouldParseIpv4MappedAddressWithTrailingDottedQuad() {
        assertTrue(parse("::ffff:10.0.0.1"));
        assertEquals(6, inet.family);
        assertEquals(0, inet.hi);
        assertEquals(0x0000_ffff_0a00_0001L, inet.lo);
        long lo = inet.lo;
        String text = Addresses.toString(Addresses.AF_INET6, inet.hi, inet.lo);
        assertTrue(parse(text), text);
        assertEquals(lo, inet.lo);
        assertEquals(0, inet.hi);
    }

    @ParameterizedTest
    @ValueSource(strings = {":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:",
        "12345::1", "g::1", "1::2:3:4:5:6:7:8", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::", ":", "::ffff:256.0.0.1",
        "::ffff:1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0", "xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx", "1: :2",
        "::1.2.3.4:5"})
    void shouldRejectInvalidIpv6(String text) {
        assertFalse(parse(text), text);
    }

    @Test
    void shouldParseWithinALargerBufferWithoutReadingOutsideTheRange() {
        byte[] b = "src=fd77::2 dst=10.1.2.3".getBytes(StandardCharsets.US_ASCII);
        assertTrue(inet.parse(b, 4, 11));
        assertEquals("fd77::2", Addresses.toString(Addresses.AF_INET6, inet.hi, inet.lo));
        assertTrue(inet.parse(b, 16, b.length));
        assertEquals("10.1.2.3", Addresses.toString(Addresses.AF_INET, inet.hi, inet.lo));
        assertFalse(inet.parse(b, 16, b.length - 1 - 1), "10.1.2. is cut");
    }

    private boolean parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return inet.parse(b, 0, b.length);
    }
}
