package io.ctscope.cli;

import io.ctscope.fleet.topic.KafkaSettings;
import io.ctscope.ingest.io.Printable;

import java.io.PrintWriter;

/** The one line ship and fleet print when they stop on an error: escaped, secrets blanked, no stack trace. */
final class FleetMessages {
    private FleetMessages() {
    }

    /** Prints {@code ctscope COMMAND: reason} for {@code e}; returns exit status 1. */
    static int failed(PrintWriter err, String command, KafkaSettings settings, RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        err.println("ctscope " + command + ": " + Printable.of(settings == null ? m : settings.scrub(m)));
        return 1;
    }
}
