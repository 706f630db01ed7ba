package io.ctscope.ingest.live;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lines conntrack-tools 1.4.7 prints on stderr (as in its binary and in the lab). */
class ConntrackStderrTest {
    @Test
    void shouldClassifyConntrackToolsStderrLines() {
        assertEquals(ConntrackStderr.LOSS, ConntrackStderr.classify("WARNING: We have hit ENOBUFS! We are losing events."));
        assertEquals(ConntrackStderr.LOSS_EXPLANATION,
            ConntrackStderr.classify("This message means that the current netlink socket buffer size is too small."));
        assertEquals(ConntrackStderr.LOSS_EXPLANATION, ConntrackStderr.classify("Please, check --buffer-size in conntrack(8) manpage."));
        assertEquals(ConntrackStderr.SUMMARY, ConntrackStderr.classify("conntrack v1.4.7 (conntrack-tools): 12 flow events have been shown."));
        assertEquals(ConntrackStderr.BUFFER_NOTICE,
            ConntrackStderr.classify("NOTICE: Netlink socket buffer size has been set to 16777216 bytes."));
        assertEquals(ConntrackStderr.NOT_PERMITTED,
            ConntrackStderr.classify("conntrack v1.4.7 (conntrack-tools): sorry, you must be root or get CAP_NET_ADMIN capability to do this"));
        assertEquals(ConntrackStderr.OTHER, ConntrackStderr.classify("conntrack v1.4.7 (conntrack-tools): Can't open handler"));
    }

    @Test
    void shouldEscapeControlCharacters() {
        assertEquals("a\\x1b[31mb\\x07", ConntrackStderr.escape("a\u001b[31mb\u0007"));
        assertEquals("plain", ConntrackStderr.escape("plain"));
    }
}
