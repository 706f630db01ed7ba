package io.ctscope.ingest.sysctl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SysctlAssignmentTest {
    @Test
    void shouldParseEverySpelling() {
        for (String name : new String[] {"tcp_timeout_established", "net.netfilter.nf_conntrack_tcp_timeout_established",
            "net.ipv4.netfilter.ip_conntrack_tcp_timeout_established"}) {
            SysctlSetting s = SysctlAssignment.parse(name + "=3600", "--set");
            assertEquals("nf_conntrack_tcp_timeout_established", s.name());
            assertEquals(3600, s.value());
            assertEquals("--set", s.where());
        }
        assertEquals(54000, SysctlAssignment.parse("tcp_timeout_established = 54000", "--set").value());
    }

    @Test
    void shouldNameTheClosestSettingForAMisspeltOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SysctlAssignment.parse("tcp_timeout_establised=3600", "--set"));
        assertEquals("unknown setting 'tcp_timeout_establised' (did you mean tcp_timeout_established?)", e.getMessage());
    }

    @Test
    void shouldRejectBadValuesWithTheReason() {
        assertEquals("udp_timeout: -5 is negative (expected a whole number of seconds)",
            assertThrows(IllegalArgumentException.class, () -> SysctlAssignment.parse("udp_timeout=-5", "--set")).getMessage());
        assertEquals("udp_timeout: '30s' is not a whole number of seconds",
            assertThrows(IllegalArgumentException.class, () -> SysctlAssignment.parse("udp_timeout=30s", "--set")).getMessage());
        assertEquals("udp_timeout: no value (expected a whole number of seconds)",
            assertThrows(IllegalArgumentException.class, () -> SysctlAssignment.parse("udp_timeout=", "--set")).getMessage());
        assertEquals("'udp_timeout': expected NAME=VALUE, e.g. tcp_timeout_established=3600",
            assertThrows(IllegalArgumentException.class, () -> SysctlAssignment.parse("udp_timeout", "--set")).getMessage());
        assertEquals("'=\\x1b[31m': expected NAME=VALUE, e.g. tcp_timeout_established=3600",
            assertThrows(IllegalArgumentException.class, () -> SysctlAssignment.parse("=\u001b[31m", "--set")).getMessage());
    }
}
