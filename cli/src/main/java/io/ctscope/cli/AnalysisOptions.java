package io.ctscope.cli;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.filter.RecordFilters;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** What the report computes and which records it looks at: the analyzers' knobs and the filters. */
final class AnalysisOptions {
    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
        description = "Entries per top-talker and NAT port list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--group", paramLabel = "/LEN", split = ",",
        description = "Group top-talker addresses by prefix: /24 for IPv4 (up to /32), /64 for IPv6 (above /32;"
            + " write v6/32 for a short IPv6 prefix). Repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--resolution", paramLabel = "INTERVAL", defaultValue = "1s",
        description = "Occupancy series interval: seconds, or 10s, 5m, 1h (default: ${DEFAULT-VALUE}).")
    String resolution;

    @Option(names = "--port-range", paramLabel = "LOW-HIGH",
        description = "The NAT source-port range in use (e.g. 32768-60999, see net.ipv4.ip_local_port_range);"
            + " NAT port pressure is then also given against it.")
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
        description = "Only records in this state (ESTABLISHED, TIME_WAIT ..., or UNREPLIED, ASSURED).")
    List<String> states = new ArrayList<>();

    /** The options as the analyzers take them; throws IllegalArgumentException with a usage message. */
    ReportOptions toReportOptions() {
        ReportOptions o = new ReportOptions();
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, not " + top);
        }
        o.top = top;
        for (String g : groups) {
            applyGroup(o, g.trim());
        }
        o.resolutionSeconds = parseInterval(resolution);
        if (portRange != null) {
            int[] range = parsePortRange(portRange);
            o.portRangeLow = range[0];
            o.portRangeHigh = range[1];
        }
        o.filter = RecordFilters.of(protocols, sources, destinations, ports, states);
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
            throw new IllegalArgumentException("bad --group \"" + g + "\": use /LEN (/8 to /32 for IPv4, /33 to /128 for IPv6), v4/LEN or v6/LEN");
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
        int dash = s.indexOf('-');
        try {
            int low = Integer.parseInt(s.substring(0, dash).trim());
            int high = Integer.parseInt(s.substring(dash + 1).trim());
            if (low >= 0 && high <= 65535 && low <= high) {
                return new int[] {low, high};
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("bad --port-range \"" + s + "\": use LOW-HIGH within 0-65535, e.g. 32768-60999");
    }
}
