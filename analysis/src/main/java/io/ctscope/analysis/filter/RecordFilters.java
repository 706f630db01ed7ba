package io.ctscope.analysis.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the {@link RecordFilter}s of the command-line filter options ({@link FilterOptions}). Options
 * combine with AND; the values of one option (repeated, or comma-separated as in {@code --proto tcp,udp})
 * combine with OR. Bad values are rejected here, before any input is read, with an
 * {@link IllegalArgumentException} naming the value. Three parts: {@link #records} tests each record
 * (protocol, family, addresses, ports, mark and zone never change during a flow's life, so it selects
 * whole flows); {@link #flowEntry} picks a flow at its first record in a state or status and follows
 * it to its end; {@link #neverReplied} says whether only flows that never got a reply are wanted.
 */
public final class RecordFilters {
    private RecordFilters() {
    }

    /**
     * The filter of {@code --proto --src --dst --port --state} ({@code null} or empty lists: option not
     * given), all as record tests; {@link RecordFilter#ALL} when no option is given.
     *
     * @throws IllegalArgumentException when a value cannot be understood
     */
    public static RecordFilter of(List<String> protocols, List<String> sources, List<String> destinations,
                                  List<String> ports, List<String> states) {
        FilterOptions o = new FilterOptions();
        o.protocols = protocols;
        o.sources = sources;
        o.destinations = destinations;
        o.ports = ports;
        List<RecordFilter> parts = recordParts(o);
        add(parts, "--state", states, StateMatcher::of);
        return allOf(parts);
    }

    /** The record tests: everything but {@code --state} and {@code --status}. */
    public static RecordFilter records(FilterOptions o) {
        return allOf(recordParts(o));
    }

    /** {@code --state} and the {@code --status} bits other than UNREPLIED: the record a flow is picked at. */
    public static RecordFilter flowEntry(FilterOptions o) {
        List<RecordFilter> parts = new ArrayList<>();
        add(parts, "--state", o.states, StateMatcher::of);
        List<String> statuses = StatusMatcher.names(items("--status", o.statuses));
        if (!statuses.isEmpty() && !statuses.contains(StatusMatcher.UNREPLIED)) {
            parts.add(StatusMatcher.of(statuses));
        }
        return allOf(parts);
    }

    /** {@code --status UNREPLIED}: only flows that never got a reply ({@link NeverRepliedFlows}). */
    public static boolean neverReplied(FilterOptions o) {
        return StatusMatcher.names(items("--status", o.statuses)).contains(StatusMatcher.UNREPLIED);
    }

    private static List<RecordFilter> recordParts(FilterOptions o) {
        List<RecordFilter> parts = new ArrayList<>();
        add(parts, "--proto", o.protocols, ProtocolMatcher::of);
        add(parts, "--family", o.families, FamilyMatcher::of);
        add(parts, "--src", o.sources, AddressMatcher::source);
        add(parts, "--dst", o.destinations, AddressMatcher::destination);
        add(parts, "--reply-src", o.replySources, AddressMatcher::replySource);
        add(parts, "--reply-dst", o.replyDestinations, AddressMatcher::replyDestination);
        for (PortMatcher.Which which : PortMatcher.Which.values()) {
            add(parts, which.option, ports(o, which), items -> PortMatcher.of(which, items));
        }
        add(parts, "--mark", o.marks, MarkMatcher::of);
        add(parts, "--zone", o.zones, ZoneMatcher::of);
        return parts;
    }

    private static List<String> ports(FilterOptions o, PortMatcher.Which which) {
        switch (which) {
            case ORIGINAL_SOURCE:
                return o.sourcePorts;
            case ORIGINAL_DESTINATION:
                return o.destinationPorts;
            case REPLY_SOURCE:
                return o.replySourcePorts;
            case REPLY_DESTINATION:
                return o.replyDestinationPorts;
            default:
                return o.ports;
        }
    }

    /** Adds the matcher of an option's values when it was given. */
    private static void add(List<RecordFilter> parts, String option, List<String> values,
                            Function<List<String>, RecordFilter> matcher) {
        List<String> items = items(option, values);
        if (!items.isEmpty()) {
            parts.add(matcher.apply(items));
        }
    }

    private static RecordFilter allOf(List<RecordFilter> parts) {
        if (parts.isEmpty()) {
            return RecordFilter.ALL;
        }
        return parts.size() == 1 ? parts.get(0) : new AllOf(parts);
    }

    /** The option's values split at commas and trimmed; an empty item ({@code tcp,,udp}) is an error. */
    static List<String> items(String option, List<String> values) {
        List<String> items = new ArrayList<>();
        if (values == null) {
            return items;
        }
        for (String value : values) {
            for (String item : value.split(",", -1)) {
                String trimmed = item.trim();
                if (trimmed.isEmpty()) {
                    throw new IllegalArgumentException("bad " + option + " \"" + value + "\": empty item");
                }
                items.add(trimmed);
            }
        }
        return items;
    }
}
