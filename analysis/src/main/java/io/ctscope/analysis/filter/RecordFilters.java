package io.ctscope.analysis.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link RecordFilter} of the command-line options {@code --proto}, {@code --src},
 * {@code --dst}, {@code --port} and {@code --state}. Options combine with AND; the values of one option
 * (repeated, or comma-separated as in {@code --proto tcp,udp}) combine with OR. Bad values are rejected
 * here, before any input is read, with an {@link IllegalArgumentException} naming the value.
 */
public final class RecordFilters {
    private RecordFilters() {
    }

    /**
     * The filter for these option values ({@code null} or empty lists: option not given);
     * {@link RecordFilter#ALL} when no option is given.
     *
     * @throws IllegalArgumentException when a value cannot be understood
     */
    public static RecordFilter of(List<String> protocols, List<String> sources, List<String> destinations,
                                  List<String> ports, List<String> states) {
        List<RecordFilter> parts = new ArrayList<>();
        List<String> items = items("--proto", protocols);
        if (!items.isEmpty()) {
            parts.add(ProtocolMatcher.of(items));
        }
        items = items("--src", sources);
        if (!items.isEmpty()) {
            parts.add(AddressMatcher.source(items));
        }
        items = items("--dst", destinations);
        if (!items.isEmpty()) {
            parts.add(AddressMatcher.destination(items));
        }
        items = items("--port", ports);
        if (!items.isEmpty()) {
            parts.add(PortMatcher.of(items));
        }
        items = items("--state", states);
        if (!items.isEmpty()) {
            parts.add(StateMatcher.of(items));
        }
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
