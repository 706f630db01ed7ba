package io.ctscope.analysis.whatif;

import io.ctscope.analysis.ParsedLines;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.timeout.KernelRules;
import io.ctscope.analysis.timeout.Setting;
import io.ctscope.analysis.timeout.TimeoutSettings;

import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** conntrack lines for the what-if tests, at {@link #T0} plus seconds, run through {@link WhatifReport}. */
final class WhatifLines {
    /** 2024-11-21 06:20:00 UTC. */
    static final long T0 = 1_732_170_000L;

    private WhatifLines() {
    }

    static String at(double seconds) {
        long micros = T0 * 1_000_000L + Math.round(seconds * 1_000_000);
        return String.format("[%d.%06d]\t", micros / 1_000_000, micros % 1_000_000);
    }

    static String udp(int port) {
        return "src=10.0.0.3 dst=172.16.0.3 sport=" + port + " dport=53";
    }

    static String udpReply(int port) {
        return "src=172.16.0.3 dst=172.16.0.1 sport=53 dport=" + port;
    }

    static String newUdp(double t, int port, long timeout) {
        return at(t) + "    [NEW] udp      17 " + timeout + " " + udp(port) + " [UNREPLIED] " + udpReply(port);
    }

    static String destroyUdp(double t, int port) {
        return at(t) + "[DESTROY] udp      17 " + udp(port) + " " + udpReply(port);
    }

    static String tcp(int port) {
        return "src=10.0.0.2 dst=172.16.0.2 sport=" + port + " dport=22 src=172.16.0.2 dst=172.16.0.1 sport=22 dport=" + port;
    }

    static String tcpEvent(double t, String kind, long timeout, String state, int port) {
        return at(t) + String.format("%9s ", "[" + kind + "]") + "tcp      6 " + (timeout >= 0 ? timeout + " " : "")
            + state + " " + tcp(port) + " [ASSURED]";
    }

    static WhatifOptions propose(Setting s, long seconds) {
        WhatifOptions o = new WhatifOptions();
        o.propose(s, seconds);
        return o;
    }

    static WhatifOptions withCurrent(WhatifOptions o, TimeoutSettings current) {
        o.current = current;
        return o;
    }

    static TimeoutSettings defaults() {
        return new TimeoutSettings(KernelRules.CURRENT);
    }

    static Report run(WhatifOptions options, List<String> lines) {
        WhatifReport w = new WhatifReport(new ReportOptions(), options);
        ParsedLines.feed(w.builder(), lines);
        Report r = w.builder().build(new InputSummary());
        WhatifReport.tidy(r);
        return r;
    }

    /** Each list is one input (source 0, 1, ...), read in that order, as several files are. */
    @SafeVarargs
    static Report runInputs(WhatifOptions options, List<String>... inputs) {
        WhatifReport w = new WhatifReport(new ReportOptions(), options);
        ConntrackTextParser parser = new ConntrackTextParser();
        ConntrackRecord r = new ConntrackRecord();
        for (int source = 0; source < inputs.length; source++) {
            for (String line : inputs[source]) {
                byte[] b = line.getBytes(StandardCharsets.US_ASCII);
                if (parser.parse(b, 0, b.length, r) != ParseStatus.RECORD) {
                    throw new AssertionError("not a record: " + line);
                }
                r.source = source;
                w.builder().accept(r);
            }
        }
        Report report = w.builder().build(new InputSummary());
        WhatifReport.tidy(report);
        return report;
    }

    /** A {@code conntrack -L} line of the UDP flow {@link #udp}(port) with {@code left} seconds left. */
    static String listedUdp(int port, long left, boolean assured) {
        return "udp      17 " + left + " " + udp(port) + " " + udpReply(port) + (assured ? " [ASSURED]" : "") + " mark=0 use=1";
    }

    static long num(Report r, String path) {
        Object v = r.get(path);
        if (!(v instanceof Number)) {
            throw new AssertionError(path + " is " + v);
        }
        return ((Number) v).longValue();
    }

    /** The series point {@code [ts, point, low, high]} whose interval ends at T0 + {@code second}. */
    static long[] seriesAt(Report r, long second) {
        @SuppressWarnings("unchecked")
        List<long[]> series = (List<long[]>) r.get("projected.series");
        for (long[] p : series) {
            if (p[0] == T0 + second) {
                return p;
            }
        }
        throw new AssertionError("no series point at T0+" + second);
    }
}
