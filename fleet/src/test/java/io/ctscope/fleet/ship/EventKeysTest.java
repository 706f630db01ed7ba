package io.ctscope.fleet.ship;

import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class EventKeysTest {
    private static ConntrackRecord parse(String line) {
        ConntrackRecord r = new ConntrackRecord();
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        assertEquals(0, new ConntrackTextParser().parse(b, 0, b.length, r), line);
        return r;
    }

    @Test
    void shouldKeyBothDirectionsOfAFlowAlikeAndKeepTheBoxReadable() {
        byte[] box = "nat-a".getBytes(StandardCharsets.UTF_8);
        byte[] out = EventKeys.key(box, parse("    [NEW] tcp      6 120 SYN_SENT src=10.0.0.2 dst=192.0.2.1 sport=40000 dport=80 [UNREPLIED] src=192.0.2.1 dst=10.0.0.2 sport=80 dport=40000"));
        byte[] back = EventKeys.key(box, parse("    [NEW] tcp      6 120 SYN_SENT src=192.0.2.1 dst=10.0.0.2 sport=80 dport=40000 [UNREPLIED] src=10.0.0.2 dst=192.0.2.1 sport=40000 dport=80"));
        assertArrayEquals(out, back);
        assertEquals("nat-a", EventKeys.box(out));
        byte[] other = EventKeys.key("nat-b".getBytes(StandardCharsets.UTF_8), parse("    [NEW] tcp      6 120 SYN_SENT src=10.0.0.2 dst=192.0.2.1 sport=40000 dport=80 [UNREPLIED] src=192.0.2.1 dst=10.0.0.2 sport=80 dport=40000"));
        assertEquals(EventKeys.flow(out), EventKeys.flow(other), "one flow on two boxes");
        byte[] udp = EventKeys.key(box, parse("    [NEW] udp      17 30 src=10.0.0.2 dst=192.0.2.1 sport=40000 dport=80 [UNREPLIED] src=192.0.2.1 dst=10.0.0.2 sport=80 dport=40000"));
        assertFalse(EventKeys.flow(out).equals(EventKeys.flow(udp)), "the protocol is part of the flow");
        assertNull(EventKeys.box(new byte[3]));
    }
}
