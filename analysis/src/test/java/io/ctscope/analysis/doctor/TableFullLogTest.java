package io.ctscope.analysis.doctor;

import io.ctscope.ingest.kernlog.KernelLogParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Episodes per namespace from kernel-log lines written as the 6.18 kernel prints them. */
class TableFullLogTest {
    private static TableFullLog read(String log) throws IOException {
        TableFullLog t = new TableFullLog();
        new KernelLogParser("t", ZoneOffset.UTC, Instant.parse("2026-12-01T00:00:00Z"), t, (i, l, r) -> true)
            .read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
        return t;
    }

    @Test
    void shouldSplitEpisodesAtFiveQuietMinutesAndKeepTheBusiestMinutePerNamespace() throws IOException {
        String full = "] nf_conntrack: nf_conntrack: table full in netns 7, dropping packet\n";
        TableFullLog t = read("[  100.000000" + full + "[  100.500000" + full + "[  119.000000" + full
            + "[  130.000000] net_ratelimit: 12 callbacks suppressed\n"
            + "[  800.000000" + full
            + "[  801.000000] nf_conntrack: nf_conntrack: table full, dropping packet\n"
            + "ip_conntrack: VPS 101 table full, dropping packet.\n");
        List<TableFullLog.Place> places = t.places();
        assertEquals(3, places.size());
        TableFullLog.Place ns = t.place(7);
        assertEquals(4, ns.messages);
        assertEquals(2, ns.episodes.size(), "100-119 s, then 800 s: more than 5 minutes apart");
        assertEquals(3, ns.episodes.get(0).messages);
        assertEquals(100_000_000L, ns.episodes.get(0).first);
        assertEquals(119_000_000L, ns.episodes.get(0).last);
        assertEquals(3, ns.busiestMinuteMessages, "the minute from uptime 60 s holds 100, 100.5 and 119");
        assertEquals(60_000_000L, ns.busiestMinute);
        assertEquals(TableFullLog.HOST, places.get(1).key);
        assertEquals("VPS 101", places.get(2).key);
        assertEquals(1, places.get(2).episodes.size());
        assertNull(t.place(8));
        assertEquals(12, t.suppressed());
        assertEquals(6, t.messages());
    }
}
