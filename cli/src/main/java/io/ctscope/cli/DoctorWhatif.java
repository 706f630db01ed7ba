package io.ctscope.cli;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.doctor.DoctorFacts;
import io.ctscope.analysis.doctor.NamespaceFacts;
import io.ctscope.analysis.doctor.SysctlProposal;
import io.ctscope.analysis.report.InputSummary;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.ReportValues;
import io.ctscope.analysis.timeout.Setting;
import io.ctscope.analysis.whatif.WhatifOptions;
import io.ctscope.analysis.whatif.WhatifReport;
import io.ctscope.ingest.decode.FormatEvidence;
import io.ctscope.ingest.decode.InputDecoder;
import io.ctscope.ingest.decode.InputStats;
import io.ctscope.ingest.io.InputSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Backs the doctor's timeout advice with a {@code ctscope whatif} projection on the table dump: when
 * ESTABLISHED entries hold a real share of the table under a timeout above the rule of thumb, it runs
 * the what-if of that timeout on the same dump (a second pass) and keeps its verdict.
 */
final class DoctorWhatif {
    /** The share of the table ESTABLISHED must hold for its timeout to matter. */
    static final double MIN_SHARE = 0.10;
    /** Past this many entries the projection is the doctor's own bounded pass: whatif's flow table holds every entry. */
    static final long MAX_WHATIF_ENTRIES = 100_000;

    private DoctorWhatif() {
    }

    static void run(DoctorFacts facts, NamespaceFacts ns) throws IOException {
        if (ns.table == null || ns.table.entries() == 0 || facts.whatif != null) {
            return;
        }
        Object established = ns.table.counts().byState().get("tcp/ESTABLISHED");
        if (established == null || (Long) established < MIN_SHARE * ns.table.entries()) {
            return;
        }
        WhatifOptions options = DoctorFiles.timeoutsInForce(ns.settings);
        if (options.current.get(Setting.TCP_ESTABLISHED) <= SysctlProposal.ESTABLISHED_RULE_OF_THUMB) {
            return;
        }
        if (ns.table.entries() > MAX_WHATIF_ENTRIES) {
            long past = ns.table.idlePast("tcp/ESTABLISHED");
            facts.whatif = new DoctorFacts.WhatifEvidence(Setting.TCP_ESTABLISHED.shortName(), SysctlProposal.ESTABLISHED_RULE_OF_THUMB,
                past + " of " + established + " tcp/ESTABLISHED entries idle past " + SysctlProposal.ESTABLISHED_RULE_OF_THUMB
                    + " s (timeout in force - remaining; whatif's own pass is skipped above " + MAX_WHATIF_ENTRIES
                    + " entries, its flow table holds every one)", ns.table.entries(), past, ns.tableSource, SysctlProposal.DUMP_IDLE);
            return;
        }
        options.propose(Setting.TCP_ESTABLISHED, SysctlProposal.ESTABLISHED_RULE_OF_THUMB);
        WhatifReport whatif = new WhatifReport(new ReportOptions(), options);
        InputStats stats = new InputStats();
        try (InputStream in = new InputSource(ns.tableSource).open()) {
            new InputDecoder(whatif.builder(), (i, l, r) -> true).decode(in, ns.tableSource, 0, stats, new FormatEvidence(ns.tableSource));
        }
        InputSummary summary = new InputSummary();
        Report report = whatif.builder().build(summary);
        Map<String, Object> removed = ReportValues.mapOrEmpty(report.get("removed_now"));
        facts.whatif = new DoctorFacts.WhatifEvidence(Setting.TCP_ESTABLISHED.shortName(), SysctlProposal.ESTABLISHED_RULE_OF_THUMB,
            String.valueOf(report.get("verdict")), ReportValues.num(removed.get("entries")), ReportValues.num(removed.get("removed")),
            ns.tableSource + (ns.tableReaped ? " (read again)" : ""), SysctlProposal.WHATIF);
    }
}
