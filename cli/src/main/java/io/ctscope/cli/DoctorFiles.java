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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private Path stdinCopy;

    DoctorFiles(DoctorFacts facts, BadLineListener badLines, Instant now) {
        this.facts = facts;
        this.badLines = badLines;
        this.now = now;
    }

    /** Inputs that could not be read or are nothing the doctor reads, each with why. */
    List<String> unreadable() {
        return unreadable;
    }

    /**
     * Reads {@code names} as the files of namespace {@code ns}; {@code -} is standard input (e.g.
     * {@code conntrack -S | ctscope doctor - sysctl.txt}), kept in a temporary file so that it can be
     * recognised by content and then read like the others.
     */
    void read(List<String> names, NamespaceFacts ns) {
        Map<String, String> dumps = new LinkedHashMap<>();
        for (String name : names) {
            try {
                String file = opened(name);
                Path p = Path.of(file);
                if (Files.isDirectory(p)) {
                    ns.settings.putAll(SysctlReader.read(p, badLines));
                    continue;
                }
                ContentKind kind;
                try (InputStream in = new InputSource(file).open()) {
                    kind = ContentSniffer.sniff(in, name);
                }
                if (kind == null) {
                    dumps.put(name, file);
                } else if (kind == ContentKind.SYSCTL) {
                    try (InputStream in = new InputSource(file).open();
                         BufferedReader text = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
                        ns.settings.putAll(SysctlReader.parse(name, text, badLines));
                    }
                } else if (kind == ContentKind.STATS) {
                    try (InputStream in = new InputSource(file).open()) {
                        addStats(StatsParser.parse(in, name, badLines), ns, Files.getLastModifiedTime(p).toMillis() * 1000,
                            name.equals(file) ? "the file's time " + name : "the time standard input was read");
                    }
                } else if (kind == ContentKind.KERNEL_LOG) {
                    try (InputStream in = new InputSource(file).open()) {
                        readKernelLog(in, name);
                    }
                } else {
                    unreadable.add(kind.explain(name));
                }
            } catch (IOException e) {
                unreadable.add(name + ": " + message(e));
            }
        }
        for (Map.Entry<String, String> dump : dumps.entrySet()) {
            try (InputStream in = new InputSource(dump.getValue()).open()) {
                readTable(in, dump.getKey(), ns, false);
            } catch (IOException e) {
                unreadable.add(dump.getKey() + ": " + message(e));
            }
        }
    }

    /** The file to open for {@code name}: itself, or for standard input a copy of it read once. */
    private String opened(String name) throws IOException {
        if (!InputSource.STDIN.equals(name)) {
            return name;
        }
        if (stdinCopy == null) {
            stdinCopy = Files.createTempFile("ctscope-doctor-stdin-", ".txt");
            stdinCopy.toFile().deleteOnExit();
            Files.copy(System.in, stdinCopy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return stdinCopy.toString();
    }

    static void addStats(ConntrackStats s, NamespaceFacts ns, long takenMicros, String takenFrom) {
        if (!s.isEmpty()) {
            ns.samples.add(new StatsSample(s, takenMicros, takenFrom));
        }
    }

    void readKernelLog(InputStream in, String name) throws IOException {
        facts.log.source(name);
        new KernelLogParser(name, ZoneOffset.UTC, now, facts.log, badLines).read(in);
        facts.logRead = true;
    }

    /** Streams a table dump into the namespace's profile (a new profile: the last dump read is the table). */
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
