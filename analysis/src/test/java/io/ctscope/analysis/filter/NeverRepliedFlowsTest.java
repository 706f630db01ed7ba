package io.ctscope.analysis.filter;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code --status UNREPLIED}: which records reach the analyzers, and when. Lines from the lab recording. */
class NeverRepliedFlowsTest {
    private static final String NEW_1 = "    [NEW] tcp      6 120 SYN_SENT src=10.77.1.2 dst=172.20.77.2 sport=44240 dport=8081 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=8081 dport=44240 id=1";
    private static final String DESTROY_1 = "[DESTROY] tcp      6 SYN_SENT src=10.77.1.2 dst=172.20.77.2 sport=44240 dport=8081 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=8081 dport=44240 id=1";
    private static final String NEW_2 = "    [NEW] tcp      6 120 SYN_SENT src=10.77.1.2 dst=172.20.77.2 sport=44242 dport=8080 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=8080 dport=44242 id=2";
    private static final String REPLY_2 = " [UPDATE] tcp      6 60 SYN_RECV src=10.77.1.2 dst=172.20.77.2 sport=44242 dport=8080 src=172.20.77.2 dst=172.20.77.1 sport=8080 dport=44242 id=2";
    private static final String DESTROY_2 = "[DESTROY] tcp      6 TIME_WAIT src=10.77.1.2 dst=172.20.77.2 sport=44242 dport=8080 src=172.20.77.2 dst=172.20.77.1 sport=8080 dport=44242 [ASSURED] id=2";
    private static final String NEW_3 = "    [NEW] udp      17 30 src=10.77.1.2 dst=172.20.77.2 sport=5000 dport=5355 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=5355 dport=5000 id=3";
    private static final String ENTRY_UNREPLIED = "udp      17 4 src=10.77.1.2 dst=172.20.77.2 sport=60716 dport=5355 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=5355 dport=60716 mark=0 use=1";
    private static final String ENTRY_REPLIED = "tcp      6 56 ESTABLISHED src=10.77.1.2 dst=172.20.77.2 sport=46100 dport=9090 src=172.20.77.2 dst=172.20.77.1 sport=9090 dport=46100 [ASSURED] mark=0 use=1";

    /** Remembers the line numbers it is given, in order. */
    private static final class Seen implements Analyzer {
        final List<Long> lines = new ArrayList<>();

        @Override
        public void accept(ConntrackRecord r) {
            lines.add(r.line);
        }

        @Override
        public void contribute(Report report) {
        }
    }

    private static List<Long> passedOn(NeverRepliedFlows selector, Seen seen, String... input) {
        ConntrackTextParser parser = new ConntrackTextParser();
        ConntrackRecord r = new ConntrackRecord();
        for (int i = 0; i < input.length; i++) {
            byte[] b = input[i].getBytes(StandardCharsets.US_ASCII);
            r.clear();
            assertEquals(ParseStatus.RECORD, parser.parse(b, 0, b.length, r), input[i]);
            r.line = i + 1;
            selector.accept(r);
        }
        selector.contribute(new Report());
        return seen.lines;
    }

    @Test
    void shouldPassOnAWholeNeverRepliedFlowAtItsEndAndDropAReplied() {
        Seen seen = new Seen();
        NeverRepliedFlows selector = new NeverRepliedFlows(seen);
        // 1 never replied (NEW, DESTROY); 2 replied (dropped whole); 3 still open unreplied at the end
        assertEquals(List.of(1L, 4L, 3L), passedOn(selector, seen, NEW_1, NEW_2, NEW_3, DESTROY_1, REPLY_2, DESTROY_2));
        assertEquals(3, selector.dropped());
    }

    @Test
    void shouldEndAHeldFlowWhoseNewComesAgainItsDestroyLost() {
        Seen seen = new Seen();
        assertEquals(List.of(1L, 2L, 3L), passedOn(new NeverRepliedFlows(seen), seen, NEW_1, NEW_1, DESTROY_1));
    }

    @Test
    void shouldJudgeADumpEntryByItself() {
        Seen seen = new Seen();
        NeverRepliedFlows selector = new NeverRepliedFlows(seen);
        assertEquals(List.of(1L), passedOn(selector, seen, ENTRY_UNREPLIED, ENTRY_REPLIED));
        assertEquals(1, selector.dropped());
    }
}
