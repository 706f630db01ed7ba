package io.ctscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(
    name = "ctscope",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Analyze Linux netfilter connection tracking: what fills the conntrack table, who fills it, and why.",
        "",
        "Reads `conntrack -E` event streams (text or -o xml), /proc/net/nf_conntrack, /proc/net/ip_conntrack"
            + " and `conntrack -L` dumps (text or -o xml), plain or gzip-compressed; the format is detected per"
            + " input. `ctscope help COMMAND` (or `ctscope COMMAND --help`) explains a command.",
    },
    footer = {
        "",
        "Examples:",
        "  ctscope report /proc/net/nf_conntrack",
        "  conntrack -L -o extended 2>&1 | ctscope report -",
        "  ctscope report --format json capture.events.gz | jq .table.by_state",
        "",
        "Exit status: 0 ok, 1 failure (unreadable input, bad line with --strict),",
        "2 usage error.",
    })
final class CtscopeCommand implements Callable<Integer> {
    /**
     * The subcommands by name, in the order help lists them. Not in the annotation: picocli would build
     * the model of every one of them (reflection over all their options) before running any, a third of
     * a short run's start-up; {@link Main} adds the one a command line names, or all of them.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(ReportCommand.class, IngestCommand.class,
        WhatifCommand.class, DoctorCommand.class, LiveCommand.class, ShipCommand.class, FleetCommand.class, FleetFoldCommand.class,
        CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    private static Map<String, Class<?>> subcommands(Class<?>... classes) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> c : classes) {
            byName.put(c.getAnnotation(Command.class).name(), c);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
