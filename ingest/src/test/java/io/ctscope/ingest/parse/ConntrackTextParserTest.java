package io.ctscope.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.RecordKind;
import io.ctscope.ingest.record.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * One test per line variant the kernel and conntrack-tools print. Lines quoted from the corpus (samples/corpus)
 * are copied verbatim (file named in a comment); the others follow the libnetfilter_conntrack format.
 */
class ConntrackTextParserTest {
    private final ConntrackTextParser parser = new ConntrackTextParser();
    private final ConntrackRecord r = new ConntrackRecord();

    // ---------------------------------------------------------------- protocols

    @Test
    void shouldParseTcpEntryWithStateTimeoutAndPorts() {
        // ip_conntrack__unresolved_repo__close_wait_snat.txt line 1
        assertRecord("tcp      6 2938 CLOSE_WAIT src=100.97.16.151 dst=172.31.139.136 sport=55832 dport=6693 "
            + "src=172.31.139.136 dst=172.1.57.200 sport=6693 dport=55832 [ASSURED] mark=0 use=2");
        assertEquals(RecordKind.ENTRY, r.kind);
        assertEquals(Addresses.AF_INET, r.family);
        assertEquals(Protocols.TCP, r.protocol);
        assertEquals("tcp", r.protocolName());
        assertFalse(r.has(Field.L3_COLUMNS));
        assertTimeout(2938);
        assertEquals("CLOSE_WAIT", r.stateName());
        assertPorts(r.orig, "100.97.16.151", "172.31.139.136", 55832, 6693);
        assertPorts(r.reply, "172.31.139.136", "172.1.57.200", 6693, 55832);
        assertEquals(Flags.ASSURED, r.flags);
        assertEquals(0, r.mark);
        assertTrue(r.has(Field.MARK));
        assertEquals(2, r.use);
        assertTrue(r.has(Field.USE));
        assertFalse(r.has(Field.ID));
        assertEquals(0, r.unknownFields);
    }

    @Test
    void shouldParseUdpEntryWithoutState() {
        // nf_conntrack__s905060_site-reliability-engineer-handbook__centos63_secmark.txt
        assertRecord("ipv4     2 udp      17 171 src=192.168.11.1 dst=192.168.11.2 sport=45669 dport=53 "
            + "src=192.168.11.2 dst=192.168.11.1 sport=53 dport=45669 [ASSURED] mark=0 secmark=0 use=2");
        assertEquals(Protocols.UDP, r.protocol);
        assertTrue(r.has(Field.L3_COLUMNS));
        assertTimeout(171);
        assertFalse(r.has(Field.STATE));
        assertNull(r.stateName());
        assertPorts(r.orig, "192.168.11.1", "192.168.11.2", 45669, 53);
        assertPorts(r.reply, "192.168.11.2", "192.168.11.1", 53, 45669);
        assertTrue(r.has(Field.SECMARK));
        assertEquals(0, r.secmark);
        assertFalse(r.has(Field.ZONE));
    }

    @Test
    void shouldParseUdpliteEntryWithPorts() {
        assertRecord("ipv4     2 udplite  136 29 src=10.0.0.1 dst=10.0.0.2 sport=5004 dport=5006 [UNREPLIED] "
            + "src=10.0.0.2 dst=10.0.0.1 sport=5006 dport=5004 mark=0 zone=0 use=2");
        assertEquals(Protocols.UDPLITE, r.protocol);
        assertEquals("udplite", r.protocolName());
        assertTimeout(29);
        assertFalse(r.has(Field.STATE));
        assertPorts(r.orig, "10.0.0.1", "10.0.0.2", 5004, 5006);
        assertPorts(r.reply, "10.0.0.2", "10.0.0.1", 5006, 5004);
        assertEquals(Flags.UNREPLIED, r.flags);
    }

    @Test
    void shouldParseIcmpTypeCodeAndIdInBothDirections() {
        // nf_conntrack__unresolved_repo__docker_blog_icmp_zone0.txt
        assertRecord("ipv4     2 icmp     1 27 src=192.168.11.10 dst=216.58.220.227 type=8 code=0 id=2090 "
            + "src=216.58.220.227 dst=192.168.11.10 type=0 code=0 id=2090 mark=0 zone=0 use=2");
        assertEquals(Protocols.ICMP, r.protocol);
        assertTimeout(27);
        assertFalse(r.has(Field.STATE));
        assertIcmp(r.orig, "192.168.11.10", "216.58.220.227", 8, 0, 2090);
        assertIcmp(r.reply, "216.58.220.227", "192.168.11.10", 0, 0, 2090);
        assertFalse(r.orig.hasPorts());
        assertFalse(r.has(Field.ID), "the icmp id= is a tuple field, not the conntrack id");
        assertEquals(0, r.zone);
        assertTrue(r.has(Field.ZONE));
    }

    @Test
    void shouldParseIcmpv6EchoWithCompressedAddressesAndSingleSpaces() {
        // list__sonic-net_sonic-mgmt__issue14350_ipv6_dying_icmpv6.txt line 1
        assertRecord("icmpv6 58 0 src=2603:10b0:105:1065::1 dst=2603:10b0:105:1065:0:3de0:f090:e3e0 type=128 code=0 "
            + "id=56516 [UNREPLIED] src=2603:10b0:105:1065:0:3de0:f090:e3e0 dst=2603:10b0:105:1065::1 type=129 "
            + "code=0 id=56516 mark=0 use=1");
        assertEquals(Addresses.AF_INET6, r.family);
        assertEquals(Protocols.ICMPV6, r.protocol);
        assertTimeout(0);
        assertIcmp(r.orig, "2603:10b0:105:1065::1", "2603:10b0:105:1065:0:3de0:f090:e3e0", 128, 0, 56516);
        assertIcmp(r.reply, "2603:10b0:105:1065:0:3de0:f090:e3e0", "2603:10b0:105:1065::1", 129, 0, 56516);
        assertEquals(Flags.UNREPLIED, r.flags);
        assertEquals(1, r.use);
    }

    @Test
    void shouldParseSctpEventWithStateAndNatReply() {
        // events__unresolved_repo__5g_lab_sctp_nat_lifecycle.txt line 4
        assertRecord(" [UPDATE] sctp     132 210 ESTABLISHED src=10.123.123.254 dst=10.123.123.101 sport=49035 "
            + "dport=10000 src=10.42.1.36 dst=10.42.2.0 sport=9999 dport=36208 [ASSURED]");
        assertEquals(RecordKind.UPDATE, r.kind);
        assertEquals(Protocols.SCTP, r.protocol);
        assertTimeout(210);
        assertEquals("ESTABLISHED", r.stateName());
        assertPorts(r.orig, "10.123.123.254", "10.123.123.101", 49035, 10000);
        assertPorts(r.reply, "10.42.1.36", "10.42.2.0", 9999, 36208);
        assertEquals(Flags.ASSURED, r.flags);
    }

    @Test
    void shouldParseSctpStateNamesUnknownToTcp() {
        // events__unresolved_repo__5g_lab_sctp_nat_lifecycle.txt line 6
        assertRecord(" [UPDATE] sctp     132 3 SHUTDOWN_ACK_SENT src=10.123.123.254 dst=10.123.123.101 sport=49035 "
            + "dport=10000 src=10.42.1.36 dst=10.42.2.0 sport=9999 dport=36208 [ASSURED]");
        assertEquals("SHUTDOWN_ACK_SENT", r.stateName());
        assertTimeout(3);
    }

    @Test
    void shouldParseDccpEntryWithState() {
        assertRecord("ipv4     2 dccp     33 43200 OPEN src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=5001 "
            + "src=10.0.0.2 dst=10.0.0.1 sport=5001 dport=40000 [ASSURED] mark=0 zone=0 use=2");
        assertEquals(Protocols.DCCP, r.protocol);
        assertEquals("dccp", r.protocolName());
        assertTimeout(43200);
        assertEquals("OPEN", r.stateName());
        assertPorts(r.orig, "10.0.0.1", "10.0.0.2", 40000, 5001);
        assertPorts(r.reply, "10.0.0.2", "10.0.0.1", 5001, 40000);
    }

    @Test
    void shouldParseGreKeysInBothDirections() {
        assertRecord("ipv4     2 gre      47 179 src=10.0.0.1 dst=10.0.0.2 srckey=0x1234 dstkey=0xabcd "
            + "src=10.0.0.2 dst=10.0.0.1 srckey=0xabcd dstkey=0x1234 [ASSURED] mark=0 zone=0 use=2");
        assertEquals(Protocols.GRE, r.protocol);
        assertTimeout(179);
        assertFalse(r.has(Field.STATE));
        assertAddresses(r.orig, "10.0.0.1", "10.0.0.2");
        assertEquals(0x1234, r.orig.greSrcKey);
        assertEquals(0xabcd, r.orig.greDstKey);
        assertEquals(0xabcd, r.reply.greSrcKey);
        assertEquals(0x1234, r.reply.greDstKey);
        assertFalse(r.orig.hasPorts());
        assertEquals(0, r.unknownFields);
    }

    @Test
    void shouldParseOldGreLineWithCommaSeparatedTimeoutAndStreamTimeout() {
        // nf_conntrack__unresolved_repo__pptp_gre_keys.txt line 1
        assertRecord("ipv4     2 gre      47 17999 timeout=600, stream_timeout=18000 src=192.168.188.114 "
            + "dst=192.168.13.152 srckey=0xa56c dstkey=0xa9a0 src=192.168.13.152 dst=192.168.13.118 srckey=0xa9a0 "
            + "dstkey=0x6bd8 [ASSURED] use=3");
        assertEquals(Protocols.GRE, r.protocol);
        assertTimeout(17999);
        assertAddresses(r.orig, "192.168.188.114", "192.168.13.152");
        assertAddresses(r.reply, "192.168.13.152", "192.168.13.118");
        assertEquals(0xa56c, r.orig.greSrcKey);
        assertEquals(0xa9a0, r.orig.greDstKey);
        assertEquals(0xa9a0, r.reply.greSrcKey);
        assertEquals(0x6bd8, r.reply.greDstKey);
        assertEquals(Flags.ASSURED, r.flags);
        assertEquals(3, r.use);
        assertFalse(r.has(Field.MARK));
        assertEquals(0, r.unknownFields, "timeout=/stream_timeout= are known GRE fields");
    }

    @Test
    void shouldParseUnknownProtocol2AsIgmpWithoutPorts() {
        // nf_conntrack__turris-cz_foris-controller__omnia_ipv6_unknown.txt line 2
        assertRecord("ipv4     2 unknown  2 491 src=0.0.0.0 dst=224.0.0.1 packets=509 bytes=16288 [UNREPLIED] "
            + "src=224.0.0.1 dst=0.0.0.0 packets=0 bytes=0 mark=0 zone=0 use=2");
        assertEquals(Protocols.IGMP, r.protocol);
        assertEquals("unknown", r.protocolName());
        assertEquals("unknown/2", Protocols.reportName(r.protocol));
        assertTimeout(491);
        assertAddresses(r.orig, "0.0.0.0", "224.0.0.1");
        assertAddresses(r.reply, "224.0.0.1", "0.0.0.0");
        assertFalse(r.orig.hasPorts());
        assertFalse(r.orig.hasIcmp());
        assertCounters(r.orig, 509, 16288);
        assertCounters(r.reply, 0, 0);
        assertEquals(Flags.UNREPLIED, r.flags);
    }

    @Test
    void shouldParseUnknownProtocol112AsVrrp() {
        // list__canonical_hotsos__snat_netns_o_extended_unknown_vrrp_igmp.txt line 2
        assertRecord("ipv4     2 unknown  112 598 src=169.254.194.252 dst=224.0.0.18 [UNREPLIED] "
            + "src=224.0.0.18 dst=169.254.194.252 mark=0 use=1");
        assertEquals(Protocols.VRRP, r.protocol);
        assertEquals("unknown/112", Protocols.reportName(r.protocol));
        assertTimeout(598);
        assertAddresses(r.orig, "169.254.194.252", "224.0.0.18");
        assertAddresses(r.reply, "224.0.0.18", "169.254.194.252");
        assertEquals(Flags.UNREPLIED, r.flags);
    }

    @Test
    void shouldParseGreWithoutItsTrackerModuleAsUnknown47WithoutKeys() {
        // 2.6-era kernels without nf_conntrack_proto_gre print GRE through the generic tracker
        assertRecord("ipv4     2 unknown  47 599 src=192.168.1.40 dst=198.51.100.9 src=198.51.100.9 dst=203.0.113.5 "
            + "mark=0 use=1");
        assertEquals(Protocols.GRE, r.protocol);
        assertEquals("gre", r.protocolName());
        assertTimeout(599);
        assertAddresses(r.reply, "198.51.100.9", "203.0.113.5");
        assertFalse(r.orig.hasGreKeys());
    }

    // ---------------------------------------------------------------- events

    @Test
    void shouldParseTimestampPrefixFollowedByTab() {
        // events__netfilter-devel_lore__20240409_timestamp_offload_nat.txt line 1
        assertRecord("[1712662404.573225]\t    [NEW] tcp      6 120 SYN_SENT src=192.168.7.101 dst=157.240.251.61 "
            + "sport=52717 dport=5222 [UNREPLIED] src=157.240.251.61 dst=87.138.198.79 sport=5222 dport=26886 "
            + "mark=25165825");
        assertEquals(RecordKind.NEW, r.kind);
        assertTrue(r.has(Field.TIMESTAMP));
        assertEquals(1712662404_573225L, r.timestampMicros);
        assertTimeout(120);
        assertEquals("SYN_SENT", r.stateName());
        assertPorts(r.orig, "192.168.7.101", "157.240.251.61", 52717, 5222);
        assertPorts(r.reply, "157.240.251.61", "87.138.198.79", 5222, 26886);
        assertEquals(25165825L, r.mark);
        assertEquals(Flags.UNREPLIED, r.flags);
    }

    @Test
    void shouldParseTimestampDirectlyFollowedByDestroyTag() {
        // events__netfilter-devel_lore__20240409_timestamp_offload_nat.txt line 7
        assertRecord("[1712662451.967906]\t[DESTROY] tcp      6 ESTABLISHED src=192.168.6.122 dst=52.98.243.2 sport=52717 "
            + "dport=443 packets=14 bytes=4134 src=52.98.243.2 dst=37.24.174.42 sport=443 dport=20116 packets=17 "
            + "bytes=13712 [ASSURED] mark=16777216 delta-time=140");
        assertEquals(RecordKind.DESTROY, r.kind);
        assertEquals(1712662451_967906L, r.timestampMicros);
        assertFalse(r.has(Field.TIMEOUT));
        assertEquals("ESTABLISHED", r.stateName());
        assertEquals(140, r.deltaTime);
        assertTrue(r.has(Field.DELTA_TIME));
    }

    @Test
    void shouldParseExtendedEventWithL3Columns() {
        // events__unresolved_repo__core2duoe6420_blog_o_extended_id_nat_clash.txt line 1 (3 leading spaces)
        assertRecord("   [NEW] ipv4     2 tcp      6 120 SYN_SENT src=192.168.137.248 dst=192.168.137.250 sport=55094 "
            + "dport=5000 [UNREPLIED] src=172.18.0.4 dst=192.168.137.248 sport=5000 dport=55094 id=1952199411");
        assertEquals(RecordKind.NEW, r.kind);
        assertTrue(r.has(Field.L3_COLUMNS));
        assertEquals(Addresses.AF_INET, r.family);
        assertPorts(r.orig, "192.168.137.248", "192.168.137.250", 55094, 5000);
        assertPorts(r.reply, "172.18.0.4", "192.168.137.248", 5000, 55094);
        assertEquals(1952199411L, r.id);
    }

    @Test
    void shouldParseIdTrailerAsUnsigned32BitConntrackId() {
        // events__weaveworks_scope__conntrack_E_o_id.txt line 3
        assertRecord(" [UPDATE] tcp      6 120 TIME_WAIT src=10.0.2.15 dst=10.0.2.15 sport=51154 dport=4040 "
            + "src=10.0.2.15 dst=10.0.2.15 sport=4040 dport=51154 [ASSURED] id=3663628160");
        assertTrue(r.has(Field.ID));
        assertEquals(3663628160L, r.id);
        assertEquals("TIME_WAIT", r.stateName());
    }

    @Test
    void shouldParseNewUpdateAndDestroyTags() {
        String tail = " tcp      6 src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1";
        assertRecord("    [NEW]" + tail);
        assertEquals(RecordKind.NEW, r.kind);
        assertRecord(" [UPDATE]" + tail);
        assertEquals(RecordKind.UPDATE, r.kind);
        assertRecord("[DESTROY]" + tail);
        assertEquals(RecordKind.DESTROY, r.kind);
        assertRecord("tcp      6 src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1");
        assertEquals(RecordKind.ENTRY, r.kind);
    }

    @Test
    void shouldParseDestroyWithoutTimeoutOrState() {
        // events__kellyjonbrazil_jc__issue646_conntrack_E_unknown_igmp.txt line 8
        assertRecord("[DESTROY] udp      17 src=192.168.136.128 dst=8.8.8.8 sport=42007 dport=53 src=8.8.8.8 "
            + "dst=192.168.136.128 sport=53 dport=42007");
        assertEquals(RecordKind.DESTROY, r.kind);
        assertFalse(r.has(Field.TIMEOUT));
        assertFalse(r.has(Field.STATE));
        assertPorts(r.orig, "192.168.136.128", "8.8.8.8", 42007, 53);
        assertPorts(r.reply, "8.8.8.8", "192.168.136.128", 53, 42007);
        assertEquals(0, r.flags);
    }

    @Test
    void shouldParseDestroyWithStateButNoTimeout() {
        // events__netfilter-devel_lore__20240408_ipv6_offload_destroy.txt line 7
        assertRecord(" [DESTROY] tcp      6 TIME_WAIT src=fd00::192:168:5:32 dst=2a05:d014:687:ed01::21 sport=58790 "
            + "dport=443 packets=15 bytes=1750 src=2a05:d014:687:ed01::21 dst=2003:a:c7f:e5e8:a3ae:63f7:7f92:e286 "
            + "sport=443 dport=60848 packets=13 bytes=6905 [ASSURED] mark=16777216 delta-time=120");
        assertEquals(RecordKind.DESTROY, r.kind);
        assertFalse(r.has(Field.TIMEOUT));
        assertEquals("TIME_WAIT", r.stateName());
        assertEquals(Addresses.AF_INET6, r.family);
        assertPorts(r.orig, "fd00::192:168:5:32", "2a05:d014:687:ed01::21", 58790, 443);
        assertPorts(r.reply, "2a05:d014:687:ed01::21", "2003:a:c7f:e5e8:a3ae:63f7:7f92:e286", 443, 60848);
        assertCounters(r.orig, 15, 1750);
        assertCounters(r.reply, 13, 6905);
        assertEquals(16777216L, r.mark);
        assertEquals(120, r.deltaTime);
    }

    @Test
    void shouldParseDestroyWithTimeoutAndState() {
        // events__unresolved_repo__core2duoe6420_blog_o_extended_id_nat_clash.txt line 5
        assertRecord("[DESTROY] ipv4     2 tcp      6 300 CLOSE src=192.168.137.250 dst=192.168.137.248 sport=5000 "
            + "dport=55094 [UNREPLIED] src=192.168.137.248 dst=192.168.137.250 sport=55094 dport=19460 id=1724107866");
        assertEquals(RecordKind.DESTROY, r.kind);
        assertTimeout(300);
        assertEquals("CLOSE", r.stateName());
        assertPorts(r.reply, "192.168.137.248", "192.168.137.250", 55094, 19460);
        assertEquals(1724107866L, r.id);
        assertEquals(Flags.UNREPLIED, r.flags);
    }

    // ---------------------------------------------------------------- flags and counters

    @Test
    void shouldSetUnrepliedTogetherWithEstablishedState() {
        assertRecord("tcp      6 370429 ESTABLISHED src=91.209.1.2 dst=77.85.3.4 sport=80 dport=11805 packets=1 bytes=40 "
            + "[UNREPLIED] src=77.85.3.4 dst=91.209.1.2 sport=11805 dport=80 packets=0 bytes=0 mark=0 secmark=0 use=2");
        assertEquals("ESTABLISHED", r.stateName());
        assertTrue(r.hasFlag(Flags.UNREPLIED));
        assertFalse(r.hasFlag(Flags.ASSURED));
    }

    @Test
    void shouldParseOffloadEntryWithoutTimeoutOrState() {
        // list__openwrt_luci__issue5909_offload.txt line 3
        assertRecord("tcp      6 src=192.168.1.10 dst=10.0.1.1 sport=42984 dport=5201 packets=2 bytes=112 src=10.0.1.1 "
            + "dst=10.0.1.2 sport=5201 dport=42984 packets=1 bytes=60 [OFFLOAD] mark=0 use=2");
        assertEquals(Flags.OFFLOAD, r.flags);
        assertFalse(r.has(Field.TIMEOUT));
        assertFalse(r.has(Field.STATE));
        assertPorts(r.reply, "10.0.1.1", "10.0.1.2", 5201, 42984);
        assertEquals(2, r.use);
    }

    @Test
    void shouldParseHardwareOffloadFlag() {
        assertRecord("tcp      6 src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=443 src=10.0.0.2 dst=10.0.0.1 sport=443 "
            + "dport=40000 [HW_OFFLOAD] mark=0 use=2");
        assertEquals(Flags.HW_OFFLOAD, r.flags);
        assertFalse(r.hasFlag(Flags.OFFLOAD));
    }

    @Test
    void shouldKeepPacketAndByteCountersPerDirection() {
        // ip_conntrack__inliniac_vuurmuur__parser_comment_samples.txt line 1
        assertRecord("tcp      6 431999 ESTABLISHED src=192.168.1.2 dst=192.168.1.16 sport=51359 dport=22 packets=80969 "
            + "bytes=7950474 src=192.168.1.16 dst=192.168.1.2 sport=22 dport=51359 packets=117783 bytes=123061993 "
            + "[ASSURED] mark=0 use=1");
        assertCounters(r.orig, 80969, 7950474);
        assertCounters(r.reply, 117783, 123061993);
    }

    @Test
    void shouldLeaveCountersAbsentWithoutAccounting() {
        assertRecord("udp      17 29 src=10.8.0.19 dst=10.128.0.71 sport=33371 dport=10001 [UNREPLIED] src=10.8.0.24 "
            + "dst=10.128.0.71 sport=10001 dport=33371 mark=0 use=1");
        assertFalse(r.orig.hasCounters);
        assertFalse(r.reply.hasCounters);
    }

    // ---------------------------------------------------------------- trailing key=value fields

    @Test
    void shouldParseZone() {
        assertRecord("ipv4     2 tcp      6 299 ESTABLISHED src=61.185.200.235 dst=120.25.87.35 sport=57360 dport=22 "
            + "src=120.25.87.35 dst=61.185.200.235 sport=22 dport=57360 [ASSURED] mark=0 zone=3 use=2");
        assertTrue(r.has(Field.ZONE));
        assertEquals(3, r.zone);
        assertFalse(r.orig.hasZone);
        assertFalse(r.reply.hasZone);
    }

    @Test
    void shouldParseZoneOrigAndZoneReplyIntoTheirTuples() {
        assertRecord("udp      17 29 src=10.0.0.1 dst=10.0.0.2 sport=1000 dport=53 zone-orig=7 packets=1 bytes=60 "
            + "[UNREPLIED] src=10.0.0.2 dst=10.0.0.1 sport=53 dport=1000 zone-reply=9 packets=0 bytes=0 mark=0 use=1");
        assertTrue(r.orig.hasZone);
        assertEquals(7, r.orig.zone);
        assertTrue(r.reply.hasZone);
        assertEquals(9, r.reply.zone);
        assertFalse(r.has(Field.ZONE));
        assertCounters(r.orig, 1, 60);
        assertCounters(r.reply, 0, 0);
    }

    @Test
    void shouldParseMarkAsUnsigned32Bit() {
        assertRecord("udp      17 29 src=10.0.0.1 dst=10.0.0.2 sport=1000 dport=53 src=10.0.0.2 dst=10.0.0.1 sport=53 "
            + "dport=1000 mark=4294967295 use=1");
        assertEquals(4294967295L, r.mark);
    }

    @Test
    void shouldParseSecmark() {
        assertRecord("tcp      6 299 ESTABLISHED src=192.168.168.1 dst=192.168.168.11 sport=53635 dport=22 "
            + "src=192.168.168.11 dst=192.168.168.1 sport=22 dport=53635 [ASSURED] mark=0 secmark=42 use=3");
        assertTrue(r.has(Field.SECMARK));
        assertEquals(42, r.secmark);
        assertEquals(3, r.use);
    }

    @Test
    void shouldParseSelinuxSecctx() {
        // nf_conntrack__unresolved_repo__fedora_secctx_zone_unknown.txt line 1
        assertRecord("ipv4     2 tcp      6 118 TIME_WAIT src=192.168.0.103 dst=140.82.118.6 sport=56346 dport=443 "
            + "src=140.82.118.6 dst=192.168.0.103 sport=443 dport=56346 [ASSURED] mark=0 "
            + "secctx=system_u:object_r:unlabeled_t:s0 zone=0 use=2");
        assertTrue(r.has(Field.SECCTX));
        assertEquals("system_u:object_r:unlabeled_t:s0", r.secctx.toString());
        assertTrue(r.has(Field.ZONE));
        assertEquals(0, r.unknownFields);
    }

    @Test
    void shouldParseDeltaTimeBetweenMarkAndUse() {
        // list__kubernetes_kubernetes__issue129617_udp_delta_time.txt line 3
        assertRecord("udp      17 13 src=10.128.0.103 dst=169.254.169.254 sport=36978 dport=53 packets=1 bytes=83 "
            + "src=169.254.169.254 dst=10.128.0.103 sport=53 dport=36978 packets=1 bytes=131 mark=0 delta-time=17 use=1");
        assertTrue(r.has(Field.DELTA_TIME));
        assertEquals(17, r.deltaTime);
        assertEquals(1, r.use);
    }

    @Test
    void shouldParseHelper() {
        assertRecord("tcp      6 119 TIME_WAIT src=10.1.1.1 dst=10.1.1.2 sport=59534 dport=21 src=10.1.1.2 dst=10.1.1.1 "
            + "sport=21 dport=59534 [ASSURED] mark=0 helper=ftp use=2");
        assertTrue(r.has(Field.HELPER));
        assertEquals("ftp", r.helper.toString());
        assertEquals(2, r.use);
    }

    @Test
    void shouldParseUseWithoutMarkOnOldKernels() {
        // ip_conntrack__inliniac_vuurmuur__parser_comment_samples.txt line 5
        assertRecord("udp      17 12 src=192.168.1.2 dst=192.168.1.255 sport=137 dport=137 [UNREPLIED] src=192.168.1.255 "
            + "dst=192.168.1.2 sport=137 dport=137 use=1");
        assertFalse(r.has(Field.MARK));
        assertEquals(1, r.use);
    }

    @Test
    void shouldParseIdAfterUseInListWithId() {
        // list__weaveworks_scope__conntrack_L_o_id.txt line 2
        assertRecord("tcp      6 108 ESTABLISHED src=172.17.0.5 dst=172.17.0.2 sport=47010 dport=80 src=172.17.0.2 "
            + "dst=172.17.0.5 sport=80 dport=47010 [ASSURED] mark=0 secctx=system_u:object_r:unlabeled_t:s0 use=1 "
            + "id=4001098880");
        assertEquals(4001098880L, r.id);
        assertEquals(1, r.use);
        assertEquals("system_u:object_r:unlabeled_t:s0", r.secctx.toString());
    }

    @Test
    void shouldParseLabels() {
        assertRecord("tcp      6 431999 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=22 src=10.0.0.2 "
            + "dst=10.0.0.1 sport=22 dport=40000 [ASSURED] mark=0 use=1 id=12 labels=web,eu");
        assertTrue(r.has(Field.LABELS));
        assertEquals("web,eu", r.labels.toString());
        assertEquals(12, r.id);
    }

    @Test
    void shouldReadKtimestampStartAndStopAsUtcEpochSeconds() {
        assertRecord("[DESTROY] tcp      6 src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=80 src=10.0.0.2 dst=10.0.0.1 "
            + "sport=80 dport=40000 [ASSURED] [start=Sat Nov 21 05:32:39 2026] [stop=Sat Nov 21 05:33:09 2026] id=77");
        assertTrue(r.has(Field.START));
        assertTrue(r.has(Field.STOP));
        assertEquals(LocalDateTime.of(2026, 11, 21, 5, 32, 39).toEpochSecond(ZoneOffset.UTC), r.startSec);
        assertEquals(LocalDateTime.of(2026, 11, 21, 5, 33, 9).toEpochSecond(ZoneOffset.UTC), r.stopSec);
        assertEquals(77, r.id);
        assertEquals(Flags.ASSURED, r.flags);
        assertEquals(0, r.unknownFields);
    }

    @Test
    void shouldReadKtimestampWithSpacePaddedDay() {
        assertRecord("    [NEW] udp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=53 [UNREPLIED] src=10.0.0.2 "
            + "dst=10.0.0.1 sport=53 dport=40000 [start=Mon Feb  2 00:00:01 2026]");
        assertEquals(LocalDateTime.of(2026, 2, 2, 0, 0, 1).toEpochSecond(ZoneOffset.UTC), r.startSec);
        assertFalse(r.has(Field.STOP));
    }

    @Test
    void shouldParseUserspaceSuffixWithPortidAndProgname() {
        assertRecord("[DESTROY] udp      17 src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=53 src=10.0.0.2 dst=10.0.0.1 "
            + "sport=53 dport=40000 [USERSPACE] portid=1234 progname=conntrack");
        assertTrue(r.hasFlag(Flags.USERSPACE));
        assertTrue(r.has(Field.PORTID));
        assertEquals(1234, r.portid);
        assertTrue(r.has(Field.PROGNAME));
        assertEquals("conntrack", r.progname.toString());
        assertEquals(0, r.unknownFields);
    }

    // ---------------------------------------------------------------- addresses

    @Test
    void shouldReadFullyExpandedAndCompressedIpv6AsTheSameAddress() {
        // nf_conntrack__turris-cz_foris-controller__omnia_ipv6_unknown.txt line 8
        assertRecord("ipv6     10 udp      17 41 src=fd52:ad42:910e:0000:0000:0000:0000:64fa "
            + "dst=fd21:36f9:644e:0000:0000:0000:0000:0001 sport=59532 dport=53 packets=1 bytes=102 "
            + "src=fd21:36f9:644e:0000:0000:0000:0000:0001 dst=fd52:ad42:910e:0000:0000:0000:0000:64fa sport=53 "
            + "dport=59532 packets=1 bytes=263 mark=0 zone=0 use=2");
        assertEquals(Addresses.AF_INET6, r.family);
        assertTrue(r.has(Field.L3_COLUMNS));
        long srcHi = r.orig.srcHi;
        long srcLo = r.orig.srcLo;
        assertPorts(r.orig, "fd52:ad42:910e::64fa", "fd21:36f9:644e::1", 59532, 53);

        assertRecord("ipv6     10 udp      17 41 src=fd52:ad42:910e::64fa dst=fd21:36f9:644e::1 sport=59532 dport=53 "
            + "src=fd21:36f9:644e::1 dst=fd52:ad42:910e::64fa sport=53 dport=59532");
        assertEquals(srcHi, r.orig.srcHi);
        assertEquals(srcLo, r.orig.srcLo);
    }

    @Test
    void shouldReadExpandedLoopbackAsColonColonOne() {
        // nf_conntrack__unresolved_repo__ipv6_loopback_expanded_unreplied.txt line 1
        assertRecord("ipv6     10 udp      17 26 src=0000:0000:0000:0000:0000:0000:0000:0001 "
            + "dst=2606:4700:4700:0000:0000:0000:0000:1111 sport=8888 dport=53 [UNREPLIED] "
            + "src=2606:4700:4700:0000:0000:0000:0000:1111 dst=0000:0000:0000:0000:0000:0000:0000:0001 sport=53 "
            + "dport=8888 mark=0 zone=0 use=2");
        assertPorts(r.orig, "::1", "2606:4700:4700::1111", 8888, 53);
        assertEquals(0, r.orig.srcHi);
        assertEquals(1, r.orig.srcLo);
    }

    @Test
    void shouldReadIpv4MappedIpv6WithDottedQuad() {
        assertRecord("tcp      6 10 CLOSE src=::ffff:10.0.0.1 dst=::1 sport=1 dport=2 src=::1 dst=::ffff:10.0.0.1 "
            + "sport=2 dport=1");
        assertEquals(Addresses.AF_INET6, r.family);
        assertEquals(0L, r.orig.srcHi);
        assertEquals(0x0000_ffff_0a00_0001L, r.orig.srcLo);
        assertEquals(0L, r.orig.dstHi);
        assertEquals(1L, r.orig.dstLo);
    }

    // ---------------------------------------------------------------- spacing

    @Test
    void shouldAcceptCollapsedSingleSpacedPaste() {
        assertRecord("ipv4 2 tcp 6 115 TIME_WAIT src=10.0.0.1 dst=10.0.0.2 sport=54585 dport=9000 src=10.0.0.2 "
            + "dst=10.0.0.1 sport=9000 dport=54585 [ASSURED] mark=0 zone=3 use=2");
        assertTimeout(115);
        assertEquals("TIME_WAIT", r.stateName());
        assertEquals(3, r.zone);
    }

    @Test
    void shouldAcceptTabsAndRunsOfWhitespaceBetweenTokens() {
        assertRecord("\t  ipv4\t2   tcp \t 6\t\t120   SYN_SENT\tsrc=10.0.0.1  dst=10.0.0.2 \t sport=1   dport=2 "
            + "[UNREPLIED]\t\tsrc=10.0.0.2 dst=10.0.0.1 sport=2\tdport=1   \t");
        assertTrue(r.has(Field.L3_COLUMNS));
        assertTimeout(120);
        assertEquals("SYN_SENT", r.stateName());
        assertPorts(r.orig, "10.0.0.1", "10.0.0.2", 1, 2);
        assertPorts(r.reply, "10.0.0.2", "10.0.0.1", 2, 1);
        assertEquals(Flags.UNREPLIED, r.flags);
    }

    @Test
    void shouldIgnoreAndCountUnknownKeyValueFields() {
        assertRecord("tcp      6 10 CLOSE src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 frob=1 src=10.0.0.2 dst=10.0.0.1 "
            + "sport=2 dport=1 [ASSURED] mark=0 newfield=abc x=1 use=1 [SOMEFLAG]");
        assertEquals(4, r.unknownFields);
        assertEquals(1, r.use);
        assertPorts(r.reply, "10.0.0.2", "10.0.0.1", 2, 1);
    }

    // ---------------------------------------------------------------- non-records

    @Test
    void shouldSkipTheEventSummaryLine() {
        assertEquals(ParseStatus.SKIP_SUMMARY_EVENTS,
            parse("conntrack v1.4.7 (conntrack-tools): 12 flow events have been shown."));
    }

    @Test
    void shouldSkipTheListSummaryLine() {
        assertEquals(ParseStatus.SKIP_SUMMARY,
            parse("conntrack v1.4.5 (conntrack-tools): 0 flow entries have been shown."));
    }

    @Test
    void shouldReportTheEnobufsWarningAsEventLoss() {
        assertEquals(ParseStatus.LOSS_WARNING, parse("WARNING: We have hit ENOBUFS! We are losing events."));
    }

    @Test
    void shouldSkipBlankAndWhitespaceOnlyLines() {
        assertEquals(ParseStatus.SKIP_BLANK, parse(""));
        assertEquals(ParseStatus.SKIP_BLANK, parse(" \t  "));
    }

    @Test
    void shouldRejectConntrackToolErrorMessages() {
        assertRejected(ParseStatus.ERR_NOT_CONNTRACK,
            "conntrack v1.4.4 (conntrack-tools): Operation failed: sorry, you must be root or get CAP_NET_ADMIN capability to do this");
    }

    // ---------------------------------------------------------------- rejections

    @Test
    void shouldRejectRedactedIpv4Addresses() {
        // nf_conntrack__unresolved_repo__openstack_zone3_single_spaced_redacted.txt line 1
        assertRejected(ParseStatus.ERR_BAD_ADDRESS, "ipv4 2 tcp 6 115 TIME_WAIT src=xx.xx.xx.xx dst=xx.xx.xx.xx "
            + "sport=54585 dport=9000 src=xx.xx.xx.xx dst=xx.xx.xx.xx sport=9000 dport=54585 [ASSURED] mark=0 zone=3 use=2");
        assertTrue(parser.describeError(ParseStatus.ERR_BAD_ADDRESS).contains("src="));
    }

    @Test
    void shouldRejectRedactedIpv6Addresses() {
        // ip_conntrack__inliniac_vuurmuur__parser_comment_samples.txt line 3
        assertRejected(ParseStatus.ERR_BAD_ADDRESS, "tcp      6 57 CLOSE_WAIT src=xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx "
            + "dst=xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx sport=37424 dport=443 src=xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx "
            + "dst=xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx sport=443 dport=37424 [ASSURED] mark=0 zone=0 use=2");
    }

    @Test
    void shouldRejectPlaceholderAddressNames() {
        // events__google_nftables__issue138_redacted_ips.txt
        assertRejected(ParseStatus.ERR_BAD_ADDRESS, "[NEW] tcp      6 120 SYN_SENT src=ip1 dst=ip2 sport=43664 dport=443 "
            + "[UNREPLIED] src=ip2 dst=ip1 sport=443 dport=43664");
    }

    @Test
    void shouldRejectLineTruncatedAfterTheState() {
        // nf_conntrack__unresolved_repo__openstack_zone3_single_spaced_redacted.txt line 4
        assertRejected(ParseStatus.ERR_NO_ORIGINAL, "ipv4 2 tcp 6 85 TIME_WAIT");
    }

    @Test
    void shouldRejectGarbledTail() {
        // nf_conntrack__openwrt_luci__issue5909.txt line 2
        assertRejected(ParseStatus.ERR_UNEXPECTED_TOKEN, "ipv4     2 tcp      6 7439 ESTABLISHED src=192.168.1.10 "
            + "dst=192.168.1.1 sport=40818 dport=80 packets=19 bytes=2332 src=192.168.1.1 dst=192.168.1.10 sport=80 "
            + "dport=40818 packets=18 bytes=4807 [ASSURED] mark=0 zo2");
        assertTrue(parser.describeError(ParseStatus.ERR_UNEXPECTED_TOKEN).contains("'zo2'"));
    }

    @Test
    void shouldRejectPortAbove65535() {
        assertRejected(ParseStatus.ERR_BAD_NUMBER, "udp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=70000 dport=53 "
            + "src=10.0.0.2 dst=10.0.0.1 sport=53 dport=70000");
        assertTrue(parser.describeError(ParseStatus.ERR_BAD_NUMBER).contains("sport="));
    }

    @Test
    void shouldRejectMissingReplyTuple() {
        assertRejected(ParseStatus.ERR_NO_REPLY, "    [NEW] tcp      6 120 SYN_SENT src=10.0.0.1 dst=10.0.0.2 "
            + "sport=1 dport=2 [UNREPLIED]");
    }

    @Test
    void shouldRejectReplyWithoutDestination() {
        assertRejected(ParseStatus.ERR_NO_REPLY, "    [NEW] tcp      6 120 SYN_SENT src=10.0.0.1 dst=10.0.0.2 "
            + "sport=1 dport=2 [UNREPLIED] src=10.0.0.2");
    }

    @Test
    void shouldRejectMixedFamiliesWithinATuple() {
        assertRejected(ParseStatus.ERR_FAMILY_MISMATCH, "udp      17 30 src=10.0.0.1 dst=fd00::1 sport=1 dport=2 "
            + "src=fd00::1 dst=10.0.0.1 sport=2 dport=1");
    }

    @Test
    void shouldRejectTuplesOfDifferentFamilies() {
        assertRejected(ParseStatus.ERR_FAMILY_MISMATCH, "udp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 "
            + "src=fd00::2 dst=fd00::1 sport=2 dport=1");
    }

    @Test
    void shouldRejectIpv4AddressesUnderIpv6Columns() {
        assertRejected(ParseStatus.ERR_FAMILY_MISMATCH, "ipv6     10 udp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=1 "
            + "dport=2 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1");
    }

    @Test
    void shouldRejectL3NameAndNumberMismatch() {
        assertRejected(ParseStatus.ERR_BAD_L3, "ipv4     10 udp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 "
            + "src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1");
    }

    @Test
    void shouldRejectL4NameAndNumberMismatch() {
        assertRejected(ParseStatus.ERR_BAD_PROTOCOL, "tcp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 "
            + "src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1");
    }

    @Test
    void shouldRejectPortProtocolWithoutPorts() {
        assertRejected(ParseStatus.ERR_NO_PORTS, "tcp      6 30 CLOSE src=10.0.0.1 dst=10.0.0.2 src=10.0.0.2 dst=10.0.0.1");
    }

    @Test
    void shouldRejectThirdTuple() {
        assertRejected(ParseStatus.ERR_TOO_MANY_TUPLES, "udp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 "
            + "src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1 src=10.0.0.3 dst=10.0.0.1 sport=2 dport=1");
    }

    @Test
    void shouldRejectTupleFieldBeforeSource() {
        assertRejected(ParseStatus.ERR_FIELD_OUTSIDE_TUPLE, "udp      17 30 sport=1 src=10.0.0.1 dst=10.0.0.2 dport=2 "
            + "src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1");
    }

    @Test
    void shouldRejectUnknownEventTag() {
        assertRejected(ParseStatus.ERR_BAD_EVENT_TAG, "[CHANGED] udp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 "
            + "src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1");
    }

    @Test
    void shouldRejectTimestampWithoutEventTag() {
        assertRejected(ParseStatus.ERR_BAD_EVENT_TAG, "[1737157.057528] nf_conntrack: table full, dropping packet");
    }

    @Test
    void shouldRejectSyslogPrefixedLookalikeLogger() {
        // events__vyos_vyos-1x__pr3804_conntrack_logger_syslog.txt line 1
        assertRejected(ParseStatus.ERR_NOT_CONNTRACK, "Jul 16 12:54:54 vyos-conntrack-logger[9387]: [NEW]     1411737613 "
            + "udp      17 30 src=192.168.122.1 dst=192.168.122.255 sport=17500 dport=17500 [UNREPLIED] "
            + "src=192.168.122.255 dst=192.168.122.1 sport=17500 dport=17500");
    }

    @Test
    void shouldRejectBackslashContinuedReflowedEntry() {
        // list__netfilter-devel_mail__helper_ftp_backslash_wrapped.txt lines 1-3
        assertRejected(ParseStatus.ERR_UNEXPECTED_TOKEN,
            "tcp      6 119 TIME_WAIT src=10.1.1.1 dst=10.1.1.2 sport=59534 dport=21 \\");
        assertRejected(ParseStatus.ERR_NOT_CONNTRACK,
            "                         src=10.1.1.2 dst=10.1.1.1 sport=21    dport=59534 \\");
        assertRejected(ParseStatus.ERR_BAD_EVENT_TAG, "           [ASSURED] mark=0 helper=ftp use=2");
    }

    @Test
    void shouldRejectTimestampTooLargeForMicroseconds() {
        assertRejected(ParseStatus.ERR_BAD_TIMESTAMP, "[99999999999999999.000001]\t    [NEW] udp      17 30 src=10.0.0.1 "
            + "dst=10.0.0.2 sport=1 dport=2 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1");
    }

    @Test
    void shouldRejectHugeCounters() {
        assertRejected(ParseStatus.ERR_BAD_NUMBER, "udp      17 30 src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 "
            + "packets=99999999999999999999 bytes=1 src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1");
    }

    @Test
    void shouldClearThePreviousRecordBeforeParsing() {
        assertRecord("[1712662404.573225]\t    [NEW] tcp      6 120 SYN_SENT src=10.0.0.1 dst=10.0.0.2 sport=1 dport=2 "
            + "[UNREPLIED] src=10.0.0.2 dst=10.0.0.1 sport=2 dport=1 mark=5 id=9");
        assertRecord("udp      17 src=10.0.0.3 dst=10.0.0.4 sport=3 dport=4 src=10.0.0.4 dst=10.0.0.3 sport=4 dport=3");
        assertEquals(RecordKind.ENTRY, r.kind);
        assertEquals(Field.REPLY, r.present, "only the reply bit may remain");
        assertEquals(0, r.flags);
        assertEquals(0, r.timestampMicros);
    }

    // ---------------------------------------------------------------- helpers

    private int parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(b, 0, b.length, r);
    }

    private void assertRecord(String line) {
        int status = parse(line);
        assertEquals(ParseStatus.RECORD, status,
            () -> "expected a record, got " + status + " (" + parser.describeError(status) + ") for: " + line);
        assertTrue(r.has(Field.REPLY));
    }

    private void assertRejected(int expected, String line) {
        int status = parse(line);
        assertEquals(expected, status,
            () -> "expected status " + expected + " (" + ParseStatus.reason(expected) + "), got " + status + " ("
                + parser.describeError(status) + ") for: " + line);
        assertFalse(parser.describeError(status).isEmpty());
    }

    private void assertTimeout(long expected) {
        assertTrue(r.has(Field.TIMEOUT), "timeout present");
        assertEquals(expected, r.timeout);
    }

    private void assertAddresses(Tuple t, String src, String dst) {
        assertEquals(src, Addresses.toString(r.family, t.srcHi, t.srcLo));
        assertEquals(dst, Addresses.toString(r.family, t.dstHi, t.dstLo));
    }

    private void assertPorts(Tuple t, String src, String dst, int sport, int dport) {
        assertAddresses(t, src, dst);
        assertEquals(sport, t.sport, "sport");
        assertEquals(dport, t.dport, "dport");
    }

    private void assertIcmp(Tuple t, String src, String dst, int type, int code, int id) {
        assertAddresses(t, src, dst);
        assertEquals(type, t.icmpType, "type");
        assertEquals(code, t.icmpCode, "code");
        assertEquals(id, t.icmpId, "id");
    }

    private static void assertCounters(Tuple t, long packets, long bytes) {
        assertTrue(t.hasCounters, "counters present");
        assertEquals(packets, t.packets, "packets");
        assertEquals(bytes, t.bytes, "bytes");
    }
}
