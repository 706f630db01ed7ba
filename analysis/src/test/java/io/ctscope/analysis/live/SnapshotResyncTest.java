package io.ctscope.analysis.live;

import io.ctscope.analysis.ParsedLines;
import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Events lost on purpose: the stream below drops a DESTROY and never had the NEW of a flow created
 * before the listener; a table read (conntrack -L -o extended,id lines, as the lab printed them) puts
 * the table right. Expected values are counted by hand from the lines.
 */
class SnapshotResyncTest {
    private static final String A_NEW = "[1795241942.518332]\t    [NEW] ipv4     2 tcp      6 120 SYN_SENT src=10.77.1.2 dst=172.20.77.2"
        + " sport=60224 dport=9090 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=9090 dport=60224 id=1001";
    private static final String B_NEW = "[1795241942.533019]\t    [NEW] ipv4     2 udp      17 30 src=10.77.1.2 dst=172.20.77.2"
        + " sport=46821 dport=5353 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=5353 dport=46821 id=1002";
    private static final String A_LISTED = "ipv4     2 tcp      6 118 SYN_SENT src=10.77.1.2 dst=172.20.77.2 sport=60224 dport=9090"
        + " [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=9090 dport=60224 mark=0 use=1 id=1001";
    private static final String C_LISTED = "ipv4     2 tcp      6 431000 ESTABLISHED src=10.77.1.3 dst=172.20.77.2 sport=40000 dport=22"
        + " src=172.20.77.2 dst=172.20.77.1 sport=22 dport=40000 [ASSURED] mark=0 use=1 id=1003";
    private static final String D_NEW_LATER = "[1795241946.000000]\t    [NEW] ipv4     2 udp      17 30 src=10.77.1.2 dst=172.20.77.2"
        + " sport=46999 dport=5353 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=5353 dport=46999 id=1004";
    private static final String B_DESTROY_SOON = "[1795241943.000000]\t[DESTROY] ipv4     2 udp      17 src=10.77.1.2 dst=172.20.77.2"
        + " sport=46821 dport=5353 src=172.20.77.2 dst=172.20.77.1 sport=5353 dport=46821 id=1002";

    private final ReportBuilder builder = ReportBuilder.standard();
    private final SnapshotResync resync = new SnapshotResync(builder);

    @Test
    void shouldCloseAFlowWhoseDestroyWasLostAndOpenOneWhoseNewWasNeverSent() {
        // A and B are created; B's DESTROY is lost; C predates the listener (nf_conntrack_events=2: no event ever)
        ParsedLines.feed(resync, A_NEW, B_NEW, A_LISTED, C_LISTED, D_NEW_LATER);
        Report r = report();
        assertEquals(3L, r.get("table.entries"), "A, C and D: B vanished from the table");
        assertEquals(Map.of("tcp/SYN_SENT", 1L, "tcp/ESTABLISHED", 1L, "udp", 1L), r.get("table.by_state"));
        assertEquals(1L, r.get("resync.appeared_without_new"), "C");
        assertEquals(1L, r.get("resync.vanished_without_destroy"), "B, closed once 2 s of events had passed");
        assertEquals(0L, r.get("resync.raced"));
        assertEquals(0L, r.get("events.DESTROY"), "the correction is no event");
        assertEquals(3L, r.get("events.NEW"));
    }

    @Test
    void shouldTakeADestroyThatArrivesJustAfterTheReadAsTheReadsRaceNotALoss() {
        // listing B reaped it: its DESTROY comes right after the read
        ParsedLines.feed(resync, A_NEW, B_NEW, A_LISTED, B_DESTROY_SOON, D_NEW_LATER);
        Report r = report();
        assertEquals(2L, r.get("table.entries"), "A and D");
        assertEquals(0L, r.get("resync.vanished_without_destroy"));
        assertEquals(1L, r.get("resync.raced"));
        assertEquals(1L, r.get("events.DESTROY"));
        assertEquals(0L, r.get("table.destroyed_unseen"));
    }

    @Test
    void shouldSettleAReadAtTheEndOfTheRun() {
        ParsedLines.feed(resync, A_NEW, B_NEW, C_LISTED);
        resync.finish();
        Report r = report();
        assertEquals(1L, r.get("table.entries"), "only C was listed");
        assertEquals(2L, r.get("resync.vanished_without_destroy"));
        assertEquals(1L, r.get("resync.table_reads"));
    }

    @Test
    void shouldSeparateBackToBackReadsAtConntracksSummaryLine() {
        ParsedLines.feed(resync, A_LISTED, C_LISTED);
        resync.endOfTableRead();
        ParsedLines.feed(resync, A_LISTED);
        resync.endOfTableRead();
        resync.finish();
        Report r = report();
        assertEquals(2L, r.get("resync.table_reads"));
        assertEquals(1L, r.get("table.entries"), "C left between the reads, with no event to say so");
        assertEquals(1L, r.get("resync.vanished_without_destroy"));
    }

    /**
     * The journal keeps no summary line: two reads with no event between them are told apart by the
     * sources they were journaled under (two in turn), and each is its own read on replay.
     */
    @Test
    void shouldSeparateBackToBackReadsReplayedFromAJournalByTheirSources() {
        replay(5, A_LISTED, C_LISTED);
        replay(6, A_LISTED);
        replay(5, A_LISTED);
        Report r = report();
        assertEquals(2L, r.get("resync.table_reads"), "two reads ended (the third is still open)");
        assertEquals(1L, r.get("table.entries"), "C left between the first and the second read");
        assertEquals(1L, r.get("resync.vanished_without_destroy"), "C, closed when the third read began");
        assertEquals(2L, r.get("resync.appeared_without_new"), "A and C at the first read, none after");
    }

    private void replay(int source, String... lines) {
        ParsedLines.feed(r -> {
            r.source = source;
            resync.acceptReplayed(r);
            assertEquals(source, r.source, "the record is given back as it came");
        }, lines);
    }

    private Report report() {
        Report r = builder.build(new io.ctscope.analysis.report.InputSummary());
        resync.contribute(r);
        return r;
    }
}
