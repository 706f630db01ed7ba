package io.ctscope.cli;

import io.ctscope.analysis.doctor.DoctorFacts;
import io.ctscope.analysis.doctor.NamespaceFacts;
import io.ctscope.analysis.doctor.StatsSample;
import io.ctscope.analysis.doctor.TableProfile;
import io.ctscope.analysis.timeout.KernelRules;
import io.ctscope.analysis.timeout.TimeoutPolicy;
import io.ctscope.analysis.timeout.TimeoutSettings;
import io.ctscope.analysis.timeout.TimeoutSource;
import io.ctscope.analysis.whatif.WhatifOptions;
import io.ctscope.ingest.decode.BadLineListener;
import io.ctscope.ingest.decode.ContentKind;
import io.ctscope.ingest.decode.ContentSniffer;
import io.ctscope.ingest.decode.FormatEvidence;
import io.ctscope.ingest.decode.InputDecoder;
import io.ctscope.ingest.decode.InputStats;
import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.kernlog.KernelLogParser;
import io.ctscope.ingest.stats.ConntrackStats;
import io.ctscope.ingest.stats.StatsParser;
import io.ctscope.ingest.sysctl.SysctlReader;
import io.ctscope.ingest.sysctl.SysctlSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the doctor is given, each input routed by its content: sysctl settings (a file or a
 * /proc/sys/net/netfilter directory), conntrack statistics, kernel logs, and table dumps (streamed
 * through the decoder into a {@link TableProfile}, never held). Settings and counters come first so a
 * dump's idle times use the timeouts in force. Bad lines are reported as {@code file:line: reason}.
 */
final class DoctorFiles {
    private final DoctorFacts facts;
    private final BadLineListener badLines;
    private final Instant now;
    private final List<String> unreadable = new ArrayList<>();

    DoctorFiles(DoctorFacts facts, BadLineListener badLines, Instant now) {
        this.facts = facts;
        this.badLines = badLines;
        this.now = now;
    }

    /** Inputs that could not be read or are nothing the doctor reads, each with why. */
    List<String> unreadable() {
        return unreadable;
    }

    /** Reads {@code names} as the files of namespace {@code ns}. */
    void read(List<String> names, NamespaceFacts ns) {
        List<String> dumps = new ArrayList<>();
        for (String name : names) {
            try {
                Path p = Path.of(name);
                if (Files.isDirectory(p)) {
                    ns.settings.putAll(SysctlReader.read(p, badLines));
                    continue;
                }
                ContentKind kind;
                try (InputStream in = new InputSource(name).open()) {
                    kind = ContentSniffer.sniff(in, name);
                }
                if (kind == null) {
                    dumps.add(name);
                } else if (kind == ContentKind.SYSCTL) {
                    ns.settings.putAll(SysctlReader.read(p, badLines));
                } else if (kind == ContentKind.STATS) {
                    readStats(name, ns, Files.getLastModifiedTime(p).toMillis() * 1000, "the file's time " + name);
                } else if (kind == ContentKind.KERNEL_LOG) {
                    readKernelLog(name);
                } else {
                    unreadable.add(kind.explain(name));
                }
            } catch (IOException e) {
                unreadable.add(name + ": " + message(e));
            }
        }
        for (String name : dumps) {
            try {
                readTable(name, ns, false);
            } catch (IOException e) {
                unreadable.add(name + ": " + message(e));
            }
        }
    }

    void readStats(String name, NamespaceFacts ns, long takenMicros, String takenFrom) throws IOException {
        try (InputStream in = new InputSource(name).open()) {
            addStats(StatsParser.parse(in, name, badLines), ns, takenMicros, takenFrom);
        }
    }

    static void addStats(ConntrackStats s, NamespaceFacts ns, long takenMicros, String takenFrom) {
        if (!s.isEmpty()) {
            ns.samples.add(new StatsSample(s, takenMicros, takenFrom));
        }
    }

    void readKernelLog(String name) throws IOException {
        try (InputStream in = new InputSource(name).open()) {
            readKernelLog(in, name);
        }
    }

    void readKernelLog(InputStream in, String name) throws IOException {
        facts.log.source(name);
        new KernelLogParser(name, ZoneOffset.UTC, now, facts.log, badLines).read(in);
        facts.logRead = true;
    }

    /** Streams a table dump into the namespace's profile (a new profile: the last dump read is the table). */
    void readTable(String name, NamespaceFacts ns, boolean reaped) throws IOException {
        try (InputStream in = new InputSource(name).open()) {
            readTable(in, name, ns, reaped);
        }
    }

    void readTable(InputStream in, String name, NamespaceFacts ns, boolean reaped) throws IOException {
        WhatifOptions timeouts = timeoutsInForce(ns.settings);
        TableProfile profile = new TableProfile(new TimeoutPolicy(timeouts.rules), timeouts.current,
            io.ctscope.analysis.doctor.SysctlProposal.ESTABLISHED_RULE_OF_THUMB);
        new InputDecoder(profile, badLines).decode(in, name, 0, new InputStats(), new FormatEvidence(name));
        ns.table = profile;
        ns.tableSource = name;
        ns.tableReaped = reaped || name.startsWith("/proc/");
    }

    static WhatifOptions timeoutsInForce(SysctlSettings settings) {
        WhatifOptions o = new WhatifOptions();
        o.rules = KernelRules.CURRENT;
        o.current = new TimeoutSettings(o.rules);
        SysctlTimeouts.inForce(o, settings, TimeoutSource.FILE, "sysctl");
        return o;
    }

    static String message(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
