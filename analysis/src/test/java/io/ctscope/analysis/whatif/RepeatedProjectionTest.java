package io.ctscope.analysis.whatif;

import io.ctscope.analysis.ParsedLines;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.JsonRenderer;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.timeout.Setting;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ctscope.analysis.whatif.WhatifLines.destroyUdp;
import static io.ctscope.analysis.whatif.WhatifLines.newUdp;
import static io.ctscope.analysis.whatif.WhatifLines.propose;
import static io.ctscope.analysis.whatif.WhatifLines.tcpEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A what-if report made while the input goes on (ship projects a growing journal every interval) changes
 * nothing for the reports after it: each equals the report of a run that stopped there, and the last the
 * report of one run over everything. Flows keyed by conntrack id are among them (their tuple is kept while open).
 */
class RepeatedProjectionTest {
    private static final List<String> LINES = List.of(
        newUdp(0, 1000, 30) + " id=11",
        tcpEvent(1, "NEW", 120, "SYN_SENT", 40000),
        tcpEvent(2, "UPDATE", 432000, "ESTABLISHED", 40000),
        newUdp(5, 1001, 30),
        destroyUdp(31, 1000) + " id=11",
        destroyUdp(36, 1001),
        tcpEvent(40, "UPDATE", 432000, "ESTABLISHED", 40000),
        newUdp(50, 1002, 30) + " id=12",
        destroyUdp(81, 1002) + " id=12",
        tcpEvent(90, "UPDATE", 120, "FIN_WAIT", 40000));

    private static String oneRun(WhatifOptions options, List<String> lines) {
        WhatifReport w = new WhatifReport(new ReportOptions(), options);
        ParsedLines.feed(w.builder(), lines);
        return JsonRenderer.render(w.builder().build(new InputSummary()));
    }

    @Test
    void shouldReportAsARunStoppedThereAfterEveryEarlierReport() {
        WhatifOptions options = propose(Setting.TCP_ESTABLISHED, 20);
        WhatifReport growing = new WhatifReport(new ReportOptions(), options);
        List<String> sofar = new ArrayList<>();
        for (String line : LINES) {
            ParsedLines.feed(growing.builder(), List.of(line));
            sofar.add(line);
            Report mid = growing.builder().build(new InputSummary());
            assertEquals(oneRun(propose(Setting.TCP_ESTABLISHED, 20), sofar), JsonRenderer.render(mid), "after " + line);
        }
        long peak = growing.analyzer().projectedPeak(Long.MIN_VALUE / 4, Long.MAX_VALUE / 4);
        Report last = growing.builder().build(new InputSummary());
        assertEquals(((Number) last.get("projected.peak")).longValue(), peak, "the last projection's peak over the capture");
    }
}
