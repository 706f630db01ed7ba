package io.ctscope.analysis.whatif;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.timeout.Setting;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static io.ctscope.analysis.whatif.WhatifLines.at;
import static io.ctscope.analysis.whatif.WhatifLines.num;
import static io.ctscope.analysis.whatif.WhatifLines.run;
import static io.ctscope.analysis.whatif.WhatifLines.tcp;
import static io.ctscope.analysis.whatif.WhatifLines.udp;
import static io.ctscope.analysis.whatif.WhatifLines.udpReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code at_risk} counts flows, not gaps: a seeded capture of UDP flows that may go quiet twice (before
 * the reply, before the packet that makes them ASSURED) and TCP connections quiet in ESTABLISHED and in
 * FIN_WAIT, each tuple reused by several entries in turn, checked against a recount of the printed lines
 * (a flow is a tuple from its NEW to its DESTROY; a gap is cut when the next event of the flow comes later
 * than the proposed timeout of the state the previous one printed).
 */
class AtRiskRecountTest {
    private static final long UDP_PROPOSED = 10;
    private static final long ESTABLISHED_PROPOSED = 3600;
    private static final long FIN_WAIT_PROPOSED = 30;

    /** One event line and when it happens, for sorting the flows' lines into one capture. */
    private record Line(double t, String text) {
    }

    @Test
    void shouldCountEachFlowOnceHoweverManyOfItsGapsAreCut() {
        List<String> lines = capture(new Random(20261202));
        WhatifOptions o = new WhatifOptions();
        o.propose(Setting.UDP, UDP_PROPOSED);
        o.propose(Setting.TCP_ESTABLISHED, ESTABLISHED_PROPOSED);
        o.propose(Setting.TCP_FIN_WAIT, FIN_WAIT_PROPOSED);
        Report r = run(o, lines);
        Recount expected = recount(lines);
        assertTrue(expected.cuts > expected.flows.size() + 20, "the capture must have flows cut more than once: " + expected);
        assertTrue(expected.reusedTuplesCutTwice > 5, "and tuples whose successive entries were each cut: " + expected);
        assertEquals(expected.cuts, num(r, "at_risk.cuts"), "idle gaps");
        assertEquals(expected.flows.size(), num(r, "at_risk.flows"), "distinct flows");
        assertEquals(expected.byState, r.get("at_risk.by_state"), "distinct flows per state");
        assertEquals(expected.lives, num(r, "at_risk.flows_seen"), "every entry of the capture");
        String share = String.format(java.util.Locale.ROOT, "%.1f%% of flows at risk", 100.0 * expected.flows.size() / expected.lives);
        assertTrue(String.valueOf(r.get("verdict")).contains(share), r.get("verdict") + " should say " + share);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> examples = (List<Map<String, Object>>) r.get("at_risk.examples");
        Set<Object> exampleFlows = new HashSet<>();
        for (Map<String, Object> e : examples) {
            exampleFlows.add(e.get("next_event").toString().replaceAll("^\\[[0-9.]+\\] +\\[UPDATE\\] +", "").replaceAll(" [0-9]+ ", " "));
        }
        assertEquals(examples.size(), exampleFlows.size(), "one example a flow: " + examples);
    }

    /**
     * 60 UDP and 40 TCP tuples, each used by 5 entries one after another. UDP: NEW, the reply after up to
     * 25 s, for most the ASSURED packet up to 25 s later, DESTROY when the timeout runs out. TCP: NEW,
     * SYN_RECV, ESTABLISHED, quiet up to 2 h, FIN_WAIT, quiet up to 100 s, TIME_WAIT, DESTROY. Gaps never
     * outlast the timeout in force (else the kernel would have ended the entry).
     */
    private static List<String> capture(Random random) {
        List<Line> all = new ArrayList<>();
        for (int port = 10_000; port < 10_060; port++) {
            double t = random.nextDouble() * 10;
            for (int life = 0; life < 5; life++) {
                all.add(new Line(t, at(t) + "    [NEW] udp      17 30 " + udp(port) + " [UNREPLIED] " + udpReply(port)));
                t += random.nextDouble() * 25;
                all.add(new Line(t, at(t) + " [UPDATE] udp      17 30 " + udp(port) + " " + udpReply(port)));
                long timeout = 30;
                if (random.nextInt(4) > 0) {
                    t += 2 + random.nextDouble() * 23;
                    all.add(new Line(t, at(t) + " [UPDATE] udp      17 120 " + udp(port) + " " + udpReply(port) + " [ASSURED]"));
                    timeout = 120;
                }
                t += timeout + random.nextDouble();
                all.add(new Line(t, at(t) + "[DESTROY] udp      17 " + udp(port) + " " + udpReply(port) + (timeout == 120 ? " [ASSURED]" : "")));
                t += 1 + random.nextDouble() * 50;
            }
        }
        for (int port = 20_000; port < 20_040; port++) {
            double t = random.nextDouble() * 10;
            for (int life = 0; life < 5; life++) {
                all.add(new Line(t, at(t) + "    [NEW] tcp      6 120 SYN_SENT " + tcp(port).replace(" src=172", " [UNREPLIED] src=172")));
                all.add(new Line(t + 0.01, at(t + 0.01) + " [UPDATE] tcp      6 60 SYN_RECV " + tcp(port)));
                all.add(new Line(t + 0.02, at(t + 0.02) + " [UPDATE] tcp      6 432000 ESTABLISHED " + tcp(port) + " [ASSURED]"));
                t += 0.02 + random.nextDouble() * 7200;
                all.add(new Line(t, at(t) + " [UPDATE] tcp      6 120 FIN_WAIT " + tcp(port) + " [ASSURED]"));
                t += random.nextDouble() * 100;
                all.add(new Line(t, at(t) + " [UPDATE] tcp      6 120 TIME_WAIT " + tcp(port) + " [ASSURED]"));
                t += 120.5;
                all.add(new Line(t, at(t) + "[DESTROY] tcp      6 TIME_WAIT " + tcp(port) + " [ASSURED]"));
                t += 1 + random.nextDouble() * 50;
            }
        }
        all.sort((a, b) -> Double.compare(a.t, b.t));
        List<String> lines = new ArrayList<>();
        for (Line l : all) {
            lines.add(l.text);
        }
        return lines;
    }

    private static final class Recount {
        long cuts;
        long lives;
        long reusedTuplesCutTwice;
        final Set<String> flows = new HashSet<>();
        final Map<String, Object> byState = new TreeMap<>();

        @Override
        public String toString() {
            return "cuts " + cuts + ", flows " + flows.size() + ", tuples cut in two entries " + reusedTuplesCutTwice;
        }
    }

    /** The proposed timeout of the state a line printed, or -1 where the proposal leaves it. */
    private static long proposedFor(String line) {
        if (line.contains(" udp ")) {
            return line.contains("[ASSURED]") ? -1 : UDP_PROPOSED;
        }
        return line.contains(" ESTABLISHED ") ? ESTABLISHED_PROPOSED : line.contains(" FIN_WAIT ") ? FIN_WAIT_PROPOSED : -1;
    }

    private static String stateOf(String line) {
        return line.contains(" udp ") ? "udp" : line.contains(" ESTABLISHED ") ? "tcp/ESTABLISHED" : "tcp/FIN_WAIT";
    }

    private static Recount recount(List<String> lines) {
        Recount c = new Recount();
        Map<String, String> previous = new HashMap<>();
        Map<String, String> lifeOf = new HashMap<>();
        Map<String, Integer> entriesCut = new HashMap<>();
        Set<String> flowStates = new HashSet<>();
        for (String line : lines) {
            double t = Double.parseDouble(line.substring(1, line.indexOf(']')));
            String tuple = line.substring(line.indexOf("src="), line.indexOf(" dst="))
                + line.substring(line.indexOf("sport="), line.indexOf(" dport=")) + (line.contains(" udp ") ? "/udp" : "/tcp");
            if (line.contains("[NEW]")) {
                c.lives++;
                lifeOf.put(tuple, tuple + "@" + t);
            } else if (line.contains("[UPDATE]")) {
                String before = previous.get(tuple);
                double gap = t - Double.parseDouble(before.substring(1, before.indexOf(']')));
                long proposed = proposedFor(before);
                if (proposed >= 0 && gap > proposed) {
                    c.cuts++;
                    String flow = lifeOf.get(tuple);
                    if (c.flows.add(flow) && entriesCut.merge(tuple, 1, Integer::sum) == 2) {
                        c.reusedTuplesCutTwice++;
                    }
                    if (flowStates.add(flow + " " + stateOf(before))) {
                        c.byState.merge(stateOf(before), 1L, (a, b) -> (Long) a + (Long) b);
                    }
                }
            }
            previous.put(tuple, line);
        }
        return c;
    }
}
