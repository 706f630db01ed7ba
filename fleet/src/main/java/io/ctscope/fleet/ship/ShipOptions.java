package io.ctscope.fleet.ship;

import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaSettings;

import io.ctscope.analysis.whatif.WhatifOptions;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * What one {@code ctscope ship} run does: which journal, which box, which topics, whether every record goes
 * too ({@code --events}), the summary interval (s of event time; also how often the interval line and a
 * heartbeat go out, in s of the shipper's clock), the most records per transaction, and whether to stop at
 * the journal's present end ({@code --once}) instead of following it; {@code conntrackMax} reads the box's
 * {@code nf_conntrack_max} (0 when unknown), sent with every summary; {@code proposal} the timeouts to project
 * the box's table under ({@code --set}, as {@code ctscope whatif}), or null.
 */
public record ShipOptions(Path queue, String box, FleetTopics topics, boolean events, int intervalSeconds,
                          int batch, boolean once, boolean createTopics, int partitions, KafkaSettings settings,
                          LongSupplier conntrackMax, WhatifOptions proposal) {
    /** {@code transactional.id} of a box: one producer per box fences any older one. */
    public String transactionalId() {
        return "ctscope-ship-" + box;
    }

    /** Whether {@code box} is a usable box name: 1 to 100 of {@code A-Z a-z 0-9 . _ -}. */
    public static boolean isValidBox(String box) {
        return box != null && box.matches("[A-Za-z0-9._-]{1,100}");
    }
}
