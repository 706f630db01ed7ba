package io.ctscope.cli;

import io.ctscope.analysis.timeout.Setting;
import io.ctscope.analysis.timeout.TimeoutSettings;
import io.ctscope.analysis.timeout.TimeoutSource;
import io.ctscope.analysis.whatif.WhatifOptions;
import io.ctscope.ingest.sysctl.SysctlAssignment;
import io.ctscope.ingest.sysctl.SysctlReader;
import io.ctscope.ingest.sysctl.SysctlSetting;
import io.ctscope.ingest.sysctl.SysctlSettings;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns sysctl text (the lead's {@link SysctlReader}, any of the three spellings) into what-if settings:
 * {@code --set NAME=SECONDS}, {@code --timeouts FILE} (proposed), {@code --current FILE} and this
 * machine's {@code /proc/sys/net/netfilter} (in force, with {@code nf_conntrack_max}/{@code _buckets}).
 * Every problem is a usage error: a one-line message, then {@link IllegalArgumentException}.
 */
final class SysctlTimeouts {
    static final Path PROC_NETFILTER = Path.of("/proc/sys/net/netfilter");

    private SysctlTimeouts() {
    }

    /** One {@code --set}: the setting it names, which must be a timeout this model knows. */
    static void propose(WhatifOptions options, String assignment) {
        SysctlSetting s = SysctlAssignment.parse(assignment, "--set");
        options.propose(timeout(s, "--set"), s.value());
    }

    /** Reads a settings file; bad lines are printed and make it a usage error. */
    static SysctlSettings read(Path file, String option, PrintWriter err) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file or not readable");
        }
        int[] bad = {0};
        SysctlSettings settings;
        try {
            settings = SysctlReader.read(file, (input, line, reason) -> {
                err.println("ctscope whatif: " + input + ":" + line + ": " + reason);
                bad[0]++;
                return true;
            });
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": " + e.getMessage());
        }
        if (bad[0] > 0) {
            throw new IllegalArgumentException(option + " " + file + ": " + bad[0] + " bad line(s), see above");
        }
        if (settings.isEmpty()) {
            throw new IllegalArgumentException(option + " " + file + ": no conntrack setting in it");
        }
        return settings;
    }

    /** The proposed timeouts of a {@code --timeouts} file. */
    static void proposeAll(WhatifOptions options, SysctlSettings file) {
        for (SysctlSetting s : file.all()) {
            Setting t = Setting.byName(s.name());
            if (t != null) {
                options.propose(t, s.value());
            }
        }
    }

    /** Settings in force from a file or this machine: timeouts, and nf_conntrack_max/_buckets when present. */
    static void inForce(WhatifOptions options, SysctlSettings settings, TimeoutSource source, String where) {
        TimeoutSettings current = options.current;
        for (SysctlSetting s : settings.all()) {
            Setting t = Setting.byName(s.name());
            if (t != null) {
                current.set(t, s.value(), source);
            }
        }
        settings.value("nf_conntrack_max").ifPresent(v -> {
            if (options.max < 0 || !options.maxSource.equals("--max")) {
                options.max = v;
                options.maxSource = where;
            }
        });
        settings.value("nf_conntrack_buckets").ifPresent(v -> options.buckets = v);
    }

    private static Setting timeout(SysctlSetting s, String option) {
        Setting t = Setting.byName(s.name());
        if (t == null) {
            throw new IllegalArgumentException(option + " " + s.shortName() + ": not a timeout of a conntrack entry;"
                + " settable: " + settable());
        }
        return t;
    }

    static String settable() {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("tcp_timeout_established", "udp_timeout", "udp_timeout_stream", "icmp_timeout", "...")) {
            sb.append(sb.length() == 0 ? "" : ", ").append(name);
        }
        return sb.toString();
    }
}
