package io.ctscope.cli;

import io.ctscope.analysis.filter.FilterOptions;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The filter options, under conntrack-tools' names ({@code conntrack -L -s ... -p ... -u ...}) with
 * ctscope's earlier long names kept; picocli shows them as one group in {@code --help}.
 */
final class FilterArgs {
    @Option(names = {"-p", "--proto", "--protonum"}, paramLabel = "PROTO", split = ",",
        description = "Only these protocols (tcp, udp, icmp, icmpv6, gre, sctp, dccp, udplite or a number).")
    List<String> protocols = new ArrayList<>();

    @Option(names = {"-f", "--family"}, paramLabel = "FAMILY", split = ",",
        description = "Only ipv4 or ipv6 flows.")
    List<String> families = new ArrayList<>();

    @Option(names = {"-s", "--src", "--orig-src"}, paramLabel = "CIDR", split = ",",
        description = "Only flows whose original source is in CIDR (IPv4 or IPv6, e.g. 10.0.0.0/8, fd00::/8).")
    List<String> sources = new ArrayList<>();

    @Option(names = {"-d", "--dst", "--orig-dst"}, paramLabel = "CIDR", split = ",",
        description = "Only flows whose original destination is in CIDR.")
    List<String> destinations = new ArrayList<>();

    @Option(names = {"-r", "--reply-src"}, paramLabel = "CIDR", split = ",",
        description = "Only flows whose reply source is in CIDR (the server; a DNAT's real target).")
    List<String> replySources = new ArrayList<>();

    @Option(names = {"-q", "--reply-dst"}, paramLabel = "CIDR", split = ",",
        description = "Only flows whose reply destination is in CIDR: the NAT side (the translated address"
            + " under SNAT/MASQUERADE).")
    List<String> replyDestinations = new ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", split = ",",
        description = "Only flows with this original source or destination port (or range LOW-HIGH).")
    List<String> ports = new ArrayList<>();

    @Option(names = {"--sport", "--orig-port-src"}, paramLabel = "PORT", split = ",",
        description = "Only flows with this original source port (or range).")
    List<String> sourcePorts = new ArrayList<>();

    @Option(names = {"--dport", "--orig-port-dst"}, paramLabel = "PORT", split = ",",
        description = "Only flows with this original destination port (or range).")
    List<String> destinationPorts = new ArrayList<>();

    @Option(names = "--reply-port-src", paramLabel = "PORT", split = ",",
        description = "Only flows with this reply source port (or range).")
    List<String> replySourcePorts = new ArrayList<>();

    @Option(names = "--reply-port-dst", paramLabel = "PORT", split = ",",
        description = "Only flows with this reply destination port (or range): the translated port under SNAT.")
    List<String> replyDestinationPorts = new ArrayList<>();

    @Option(names = {"-m", "--mark"}, paramLabel = "MARK[/MASK]", split = ",",
        description = "Only flows whose connmark ANDed with MASK is MARK (decimal or 0x-hex; no mark= is 0).")
    List<String> marks = new ArrayList<>();

    @Option(names = {"-w", "--zone"}, paramLabel = "ZONE", split = ",",
        description = "Only flows in this conntrack zone (no zone= is zone 0).")
    List<String> zones = new ArrayList<>();

    @Option(names = "--state", paramLabel = "STATE", split = ",",
        description = "Only flows in this state (ESTABLISHED, TIME_WAIT, SYN_SENT ...). A dump entry is kept when"
            + " it is in the state; an event-stream flow is followed from its first event in the state to its"
            + " DESTROY (its lifetime and occupancy count from there).")
    List<String> states = new ArrayList<>();

    @Option(names = {"-u", "--status"}, paramLabel = "STATUS", split = ",",
        description = "Only flows with this status: UNREPLIED (never got a reply, judged at the flow's end),"
            + " or ASSURED, SEEN_REPLY, OFFLOAD, HW_OFFLOAD (followed from the first event showing it, as"
            + " --state).")
    List<String> statuses = new ArrayList<>();

    FilterOptions toFilterOptions() {
        FilterOptions f = new FilterOptions();
        f.protocols = protocols;
        f.families = families;
        f.sources = sources;
        f.destinations = destinations;
        f.replySources = replySources;
        f.replyDestinations = replyDestinations;
        f.ports = ports;
        f.sourcePorts = sourcePorts;
        f.destinationPorts = destinationPorts;
        f.replySourcePorts = replySourcePorts;
        f.replyDestinationPorts = replyDestinationPorts;
        f.marks = marks;
        f.zones = zones;
        f.states = states;
        f.statuses = statuses;
        return f;
    }

}
