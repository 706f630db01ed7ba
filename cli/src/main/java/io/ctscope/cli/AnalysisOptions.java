package io.ctscope.cli;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.filter.PortRange;
import io.ctscope.analysis.filter.RecordFilters;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** What the report computes and which records it looks at: the analyzers' knobs and the filters. */
final class AnalysisOptions {
    /** Lists longer than this are not a top any more; the NAT lists size their memory from it. */
    static final int MAX_TOP = 10_000;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
        description = "Entries per top-talker and NAT port list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--group", paramLabel = "/LEN", split = ",",
        description = "Group top-talker addresses by prefix: /24 for IPv4 (up to /32), /64 for IPv6 (above /32;"
            + " v4/LEN and v6/LEN say the family, e.g. v6/32). Repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--resolution", paramLabel = "INTERVAL", defaultValue = "1s",
        description = "Occupancy series interval: seconds, or 10s, 5m, 1h (default: ${DEFAULT-VALUE}); doubled"
            + " automatically when a capture would need more than --series-points intervals.")
    String resolution;

    @Option(names = "--series-points", paramLabel = "N", defaultValue = "4096",
        description = "Most intervals in an occupancy series (default: ${DEFAULT-VALUE}); longer captures get wider"
            + " intervals. 0: as many as memory allows (131,072 at most).")
    int seriesPoints;

    @Option(names = "--port-range", paramLabel = "LOW-HIGH",
        description = "The source-port range your SNAT/MASQUERADE rule maps to (its --to-ports, e.g. 32768-60999);"
            + " NAT port pressure is then also given against it. Without --to-ports Linux keeps a free source"
            + " port and otherwise picks one from 1024-65535.")
    String portRange;

    @Option(names = "--proto", paramLabel = "PROTO", split = ",",
        description = "Only these protocols (tcp, udp, icmp, icmpv6, gre, sctp, dccp, udplite or a number).")
    List<String> protocols = new ArrayList<>();

    @Option(names = "--src", paramLabel = "CIDR", split = ",",
        description = "Only flows whose original source is in CIDR (IPv4 or IPv6, e.g. 10.0.0.0/8, fd00::/8).")
    List<String> sources = new ArrayList<>();

    @Option(names = "--dst", paramLabel = "CIDR", split = ",",
        description = "Only flows whose original destination is in CIDR.")
    List<String> destinations = new ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", split = ",",
        description = "Only flows with this original source or destination port (or range LOW-HIGH).")
    List<String> ports = new ArrayList<>();

    @Option(names = "--state", paramLabel = "STATE", split = ",",
        description = "Only flows in this state (ESTABLISHED, TIME_WAIT ..., or UNREPLIED, ASSURED). A dump entry"
            + " is kept when it is in the state; an event-stream flow is followed from its first event in the"
            + " state to its DESTROY (its lifetime and occupancy count from there).")
    List<String> states = new ArrayList<>();

    /** The options as the analyzers take them; throws IllegalArgumentException with a usage message. */
    ReportOptions toReportOptions() {
        ReportOptions o = new ReportOptions();
        if (top < 1 || top > MAX_TOP) {
            throw new IllegalArgumentException("--top must be 1 to " + MAX_TOP + ", not " + top);
        }
        o.top = top;
        for (String g : groups) {
            applyGroup(o, g.trim());
        }
        o.resolutionSeconds = parseInterval(resolution);
        if (seriesPoints < 0) {
            throw new IllegalArgumentException("--series-points must be 0 (no limit) or more, not " + seriesPoints);
        }
        o.seriesPoints = seriesPoints;
        if (portRange != null) {
            int[] range = parsePortRange(portRange);
            o.portRangeLow = range[0];
            o.portRangeHigh = range[1];
        }
        o.filter = RecordFilters.of(protocols, sources, destinations, ports, List.of());
        o.stateFilter = RecordFilters.of(List.of(), List.of(), List.of(), List.of(), states);
        return o;
    }

    private static void applyGroup(ReportOptions o, String g) {
        boolean v6 = g.startsWith("v6/");
        boolean v4 = g.startsWith("v4/");
        String len = v6 || v4 ? g.substring(3) : g.startsWith("/") ? g.substring(1) : null;
        int n;
        try {
            n = len == null ? -1 : Integer.parseInt(len);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > 128 || (v4 && n > 32)) {
            throw new IllegalArgumentException("bad --group \"" + g + "\": use /LEN (/0 to /32 is IPv4, /33 to /128 IPv6), or v4/LEN, v6/LEN (v6/32 for a short IPv6 prefix)");
        }
        if (v6 || (!v4 && n > 32)) {
            o.groupV6 = n;
        } else {
            o.groupV4 = n;
        }
    }

    static long parseInterval(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3600;
            t = t.substring(0, t.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n <= 0) {
            throw new IllegalArgumentException("bad --resolution \"" + s + "\": use whole seconds, or 10s, 5m, 1h");
        }
        return n * unit;
    }

    static int[] parsePortRange(String s) {
        if (s.indexOf('-') < 0) {
            throw new IllegalArgumentException("bad --port-range \"" + s + "\": use LOW-HIGH, e.g. 32768-60999");
        }
        return PortRange.parse("--port-range", s);
    }
}
