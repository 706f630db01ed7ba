package io.ctscope.cli;

import io.ctscope.ingest.journal.JournalReader;
import io.ctscope.ingest.record.RecordKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Table reads journaled back to back (no event between them) are replayed as separate reads: a restarted
 * {@code live} resumes with the table the reads left, not with their union. The {@code conntrack} is a
 * script: {@code -E} prints nothing, {@code -L} lists flows A and C the first time and A alone after, with
 * conntrack's summary on stderr. So C left the table between the first two reads, with no event to say so.
 */
class LiveTableReadsReplayTest {
    private static final String A = "ipv4     2 tcp      6 118 SYN_SENT src=10.77.1.2 dst=172.20.77.2 sport=60224 dport=9090"
        + " [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=9090 dport=60224 mark=0 use=1 id=1001";
    private static final String C = "ipv4     2 tcp      6 431000 ESTABLISHED src=10.77.1.3 dst=172.20.77.2 sport=40000 dport=22"
        + " src=172.20.77.2 dst=172.20.77.1 sport=22 dport=40000 [ASSURED] mark=0 use=1 id=1003";

    @TempDir
    Path dir;

    @RegisterExtension
    final LiveProcess.Started started = new LiveProcess.Started();

    @Test
    void shouldReplayBackToBackTableReadsAsSeparateReads() throws Exception {
        LabPrerequisites.require(); // --spawn wants root
        Path reads = dir.resolve("reads");
        Path fake = dir.resolve("conntrack");
        Files.writeString(fake, "#!/bin/sh\n"
            + "case \" $* \" in\n"
            + "*\" -L \"*) n=$(cat " + reads + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > " + reads + "\n"
            + "  echo '" + A + "'\n"
            + "  if [ $n = 1 ]; then echo '" + C + "'; echo 'conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.' >&2;\n"
            + "  else echo 'conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.' >&2; fi;;\n"
            + "*) exec sleep 600;;\n"
            + "esac\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path q = dir.resolve("q");

        LiveProcess first = start(fake, q);
        first.awaitMetric("ctscope_table_reads_total", 3, Double.MAX_VALUE);
        String firstReport = first.stop();
        long firstReads = number(firstReport, "\"table_reads\": ");
        assertTrue(firstReport.contains("\"vanished_without_destroy\": 1,"), firstReport);

        // the journal: each read a run of entries under its own source, the next read under another
        List<Integer> readSources = new ArrayList<>();
        try (JournalReader reader = new JournalReader(q)) {
            reader.replay(r -> {
                if (r.kind == RecordKind.ENTRY && (readSources.isEmpty() || r.id == 1001)) {
                    readSources.add(r.source);
                }
            });
        }
        assertEquals(firstReads, readSources.size(), "A is listed once per read: " + readSources);
        for (int i = 1; i < readSources.size(); i++) {
            assertTrue(readSources.get(i) != readSources.get(i - 1), "read " + (i + 1) + " under another source than the one before: " + readSources);
        }

        LiveProcess second = start(fake, q);
        // before this run's first read (it waits up to 10 s for conntrack to subscribe): the replayed table
        String resumed = second.scrape();
        assertTrue(resumed.contains("ctscope_table_entries{protocol=\"tcp\",state=\"SYN_SENT\"} 1.0\n"), resumed);
        assertTrue(!resumed.contains("state=\"ESTABLISHED\"} 1.0"), "C left between the replayed reads:\n" + resumed);
        second.awaitMetric("ctscope_table_reads_total", 1, Double.MAX_VALUE);
        String secondReport = second.stop();
        long secondOwn = number(secondReport.substring(secondReport.indexOf("\"live\"")), "\"table_reads\": ");
        assertEquals(firstReads + secondOwn, number(secondReport.substring(secondReport.indexOf("\"resync\"")), "\"table_reads\": "),
            "every replayed read counted as a read of its own:\n" + secondReport);
        assertTrue(secondReport.contains("\"vanished_without_destroy\": 1,"), secondReport);
        assertTrue(secondReport.contains("\"entries\": 1,"), "A alone:\n" + secondReport);

        // report --queue: each read of both runs is a snapshot of its own
        CliRun fromJournal = CliRun.run("report", "--queue", q.toString(), "--format", "json");
        assertEquals(0, fromJournal.exitCode, fromJournal.err);
        assertEquals(firstReads + secondOwn, Pattern.compile("\"taken_ts\"").matcher(fromJournal.out).results().count(),
            fromJournal.out);
    }

    private static long number(String json, String before) {
        Matcher m = Pattern.compile(Pattern.quote(before) + "(\\d+)").matcher(json);
        assertTrue(m.find(), before + " in\n" + json);
        return Long.parseLong(m.group(1));
    }

    private LiveProcess start(Path fake, Path q) throws IOException {
        return LiveProcess.start(dir.resolve("report-" + started.count() + ".json"), started, "--spawn", "--conntrack",
            fake.toString(), "--queue", q.toString(), "--snapshot-every", "1", "--interval", "0");
    }
}
