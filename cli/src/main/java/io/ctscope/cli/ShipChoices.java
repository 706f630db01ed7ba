package io.ctscope.cli;

import io.ctscope.analysis.whatif.WhatifOptions;
import io.ctscope.fleet.ship.ShipOptions;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.ingest.io.Printable;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** What a box ships and as whom: the options {@code ship} and {@code live --kafka} share. */
final class ShipChoices {
    @Option(names = "--box", paramLabel = "NAME", description = "This box's name in the fleet: A-Z a-z 0-9 . _ - (1-100).")
    String box;

    @Option(names = "--events", description = "Ship every record too, keyed by box and flow (the journal's own record bytes).")
    boolean events;

    @Option(names = "--create-topics", description = "Create the topics that do not exist (else shipping stops and names the first one missing).")
    boolean createTopics;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + FleetTopics.DEFAULT_PARTITIONS,
        description = "Partitions of the events and summaries topics created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--set", paramLabel = "NAME=SECONDS",
        description = "A proposed timeout to project the box's table under (repeatable; as ctscope whatif --set,"
            + " e.g. tcp_timeout_established=3600): the summaries carry the box's what-if, and ctscope fleet ranks"
            + " the boxes the proposal helps most.")
    List<String> sets = new ArrayList<>();

    /** The usage problem with these choices, or null. */
    String problem() {
        if (box == null) {
            return "--box NAME is required: this box's name in the fleet";
        }
        if (!ShipOptions.isValidBox(box)) {
            return "--box wants 1 to 100 of A-Z a-z 0-9 . _ -, not " + Printable.of(box);
        }
        if (partitions < 1) {
            return "--partitions wants at least 1";
        }
        try {
            proposal();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    /**
     * The proposal as {@code ctscope whatif --queue DIR --set ...} reads it (current kernel rules, the
     * defaults where the stream shows nothing, 1 s resolution), or null without --set.
     *
     * @throws IllegalArgumentException for a --set that is not a conntrack timeout
     */
    WhatifOptions proposal() {
        if (sets.isEmpty()) {
            return null;
        }
        WhatifOptions o = new WhatifOptions();
        for (String s : sets) {
            SysctlTimeouts.propose(o, s);
        }
        return o;
    }
}
