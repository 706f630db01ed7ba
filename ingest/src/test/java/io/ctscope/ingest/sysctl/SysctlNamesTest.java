package io.ctscope.ingest.sysctl;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysctlNamesTest {
    @Test
    void shouldAcceptTheThreeSpellingsOfOneSetting() {
        Optional<String> expected = Optional.of("nf_conntrack_udp_timeout");
        assertEquals(expected, SysctlNames.canonical("net.netfilter.nf_conntrack_udp_timeout"));
        assertEquals(expected, SysctlNames.canonical("net.ipv4.netfilter.ip_conntrack_udp_timeout"));
        assertEquals(expected, SysctlNames.canonical("udp_timeout"));
        assertEquals(expected, SysctlNames.canonical("nf_conntrack_udp_timeout"));
        assertEquals(expected, SysctlNames.canonical("/proc/sys/net/netfilter/nf_conntrack_udp_timeout"));
        assertEquals(expected, SysctlNames.canonical("net/netfilter/nf_conntrack_udp_timeout"));
        assertEquals(expected, SysctlNames.canonical(" NET.NETFILTER.NF_CONNTRACK_UDP_TIMEOUT "));
    }

    @Test
    void shouldMapTheOddPlacesToTheirNetfilterName() {
        assertEquals(Optional.of("nf_conntrack_max"), SysctlNames.canonical("net.nf_conntrack_max"));
        assertEquals(Optional.of("nf_conntrack_max"), SysctlNames.canonical("net.ipv4.netfilter.ip_conntrack_max"));
        assertEquals(Optional.of("nf_conntrack_frag6_timeout"), SysctlNames.canonical("net.ipv6.nf_conntrack_frag6_timeout"));
        assertEquals(Optional.of("nf_conntrack_count"), SysctlNames.canonical("net.ipv4.netfilter.ip_conntrack_count"));
    }

    @Test
    void shouldKeepAnUnknownConntrackSettingButNotOtherSubsystems() {
        assertEquals(Optional.of("nf_conntrack_shiny_new_timeout"), SysctlNames.canonical("net.netfilter.nf_conntrack_shiny_new_timeout"));
        assertTrue(SysctlNames.knownCanonical("net.netfilter.nf_conntrack_shiny_new_timeout").isEmpty());
        assertTrue(SysctlNames.canonical("net.ipv4.vs.conntrack").isEmpty(), "IPVS, not netfilter");
        assertTrue(SysctlNames.canonical("kernel.pid_max").isEmpty());
        assertTrue(SysctlNames.canonical("net.netfilter.nf_log.2").isEmpty());
        assertTrue(SysctlNames.canonical("shiny_timeout").isEmpty(), "a short name must be a known one");
    }

    @Test
    void shouldSuggestTheClosestKnownName() {
        assertEquals("nf_conntrack_tcp_timeout_established", SysctlNames.closest("tcp_timeout_establised"));
        assertEquals("nf_conntrack_udp_timeout_stream", SysctlNames.closest("net.netfilter.nf_conntrack_udp_timout_stream"));
        assertEquals("nf_conntrack_tcp_timeout_time_wait", SysctlNames.closest("ip_conntrack_tcp_timeout_timewait"));
    }

    @Test
    void shouldKnowWhichSettingsAreTimeouts() {
        assertEquals(Optional.of(SysctlKind.TIMEOUT), SysctlNames.kind("nf_conntrack_tcp_timeout_max_retrans"));
        assertEquals(Optional.of(SysctlKind.LIMIT), SysctlNames.kind("nf_conntrack_tcp_max_retrans"), "a count of retransmits, not seconds");
        assertEquals(Optional.of(SysctlKind.LIMIT), SysctlNames.kind("nf_conntrack_buckets"));
        assertEquals(Optional.of(SysctlKind.GAUGE), SysctlNames.kind("nf_conntrack_count"));
        assertEquals("tcp_timeout_established", SysctlNames.shortName("nf_conntrack_tcp_timeout_established"));
    }
}
