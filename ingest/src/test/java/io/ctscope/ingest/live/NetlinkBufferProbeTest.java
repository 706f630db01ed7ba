package io.ctscope.ingest.live;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Parses what this machine's kernel (6.18) printed for {@code conntrack -E -b 8388608} (conntrack-tools
 * 1.4.7): the buffer went to the socket without groups (rb16777216), the event socket (groups 0x7) kept
 * the default 212992.
 */
class NetlinkBufferProbeTest {
    private static final String PROC_NET_NETLINK = ""
        + "sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n"
        + "000000001ba460b8 12  0          00000000 0        0        0     2        0        489     \n"
        + "00000000193d62ff 12  2351323245 00000007 0        0        0     2        5        37280   \n"
        + "000000003e892abf 12  14484      00000000 0        0        0     2        0        37279   \n";
    private static final String SS = ""
        + "Recv-Q Send-Q Local Address:Port            Peer Address:PortProcess\n"
        + "0      0                 12:0                         *     sk=0 cb=0 groups=0x00000000\t skmem:(r0,rb212992,t0,tb212992,f0,w0,o0,bl0,d0)   \n"
        + "0      0                 12:-1943644051               *     sk=0 cb=0 groups=0x00000007\t skmem:(r0,rb212992,t0,tb212992,f0,w0,o0,bl0,d0)   \n"
        + "0      0                 12:14484                     *     sk=0 cb=0 groups=0x00000000\t skmem:(r0,rb16777216,t0,tb212992,f0,w0,o0,bl0,d0) \n";

    @Test
    void shouldFindTheEventSocketByItsGroupsAmongTheProcessSockets() {
        assertArrayEquals(new long[] {-1943644051L, 5}, NetlinkBufferProbe.eventSocket(PROC_NET_NETLINK, Set.of(37279L, 37280L)));
        assertNull(NetlinkBufferProbe.eventSocket(PROC_NET_NETLINK, Set.of(37279L)), "the dump socket has no groups");
    }

    @Test
    void shouldReadTheEventSocketsReceiveBufferNotTheOneConntrackReported() {
        assertEquals(212992, NetlinkBufferProbe.receiveBuffer(SS, -1943644051L));
        assertEquals(16777216, NetlinkBufferProbe.receiveBuffer(SS, 14484L));
        assertEquals(-1, NetlinkBufferProbe.receiveBuffer(SS, 42L));
    }
}
