package io.ctscope.ingest.parse;

import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * conntrack's counters are u64 ({@code struct nf_conn_counter}: atomic64 packets and bytes, printed with
 * {@code %llu}): every value up to 2^64-1 is legal; IPv4-mapped IPv6 addresses print dotted (RFC 5952 5).
 */
class CounterRangeTest {
    private final ConntrackTextParser parser = new ConntrackTextParser();
    private final ConntrackRecord r = new ConntrackRecord();

    private int parse(String counters) {
        byte[] b = ("ipv4     2 udp      17 30 src=10.1.0.1 dst=10.2.0.1 sport=1000 dport=53 " + counters
            + " src=10.2.0.1 dst=10.1.0.1 sport=53 dport=1000 packets=1 bytes=2 mark=0 use=1")
            .getBytes(StandardCharsets.US_ASCII);
        r.clear();
        return parser.parse(b, 0, b.length, r);
    }

    @Test
    void theLargestU64CounterIsAccepted() {
        assertEquals(ParseStatus.RECORD, parse("packets=18446744073709551615 bytes=18446744073709551615"));
        assertEquals("18446744073709551615", Long.toUnsignedString(r.orig.bytes));
        assertEquals("18446744073709551615", Long.toUnsignedString(r.orig.packets));
        assertEquals(ParseStatus.RECORD, parse("packets=9223372036854775808 bytes=10000000000000000000"));
        assertEquals("10000000000000000000", Long.toUnsignedString(r.orig.bytes));
        assertEquals("9223372036854775808", Long.toUnsignedString(r.orig.packets));
        assertEquals(ParseStatus.RECORD, parse("packets=0 bytes=00000000000000000007"));
        assertEquals(7, r.orig.bytes);
    }

    @Test
    void countersBeyondU64OrNotNumbersAreRejected() {
        assertEquals(ParseStatus.ERR_BAD_NUMBER, parse("packets=1 bytes=18446744073709551616"));
        assertEquals(ParseStatus.ERR_BAD_NUMBER, parse("packets=1 bytes=99999999999999999999"));
        assertEquals(ParseStatus.ERR_BAD_NUMBER, parse("packets=1 bytes=184467440737095516150"));
        assertEquals(ParseStatus.ERR_BAD_NUMBER, parse("packets=1 bytes=-1"));
        assertEquals(ParseStatus.ERR_BAD_NUMBER, parse("packets=1x bytes=1"));
        assertEquals(ParseStatus.ERR_BAD_NUMBER, parse("packets= bytes=1"));
    }

    @Test
    void anIpv4MappedAddressPrintsDotted() {
        assertEquals("::ffff:1.2.3.4", Addresses.toString(Addresses.AF_INET6, 0, 0xffff_0102_0304L));
        assertEquals("::ffff:255.255.255.255", Addresses.toString(Addresses.AF_INET6, 0, 0xffff_ffff_ffffL));
        // not mapped: the ordinary compressed form
        assertEquals("::fffe:102:304", Addresses.toString(Addresses.AF_INET6, 0, 0xfffe_0102_0304L));
        assertEquals("::1", Addresses.toString(Addresses.AF_INET6, 0, 1));
        assertEquals("1::ffff:102:304", Addresses.toString(Addresses.AF_INET6, 1L << 48, 0xffff_0102_0304L));
    }
}
