package io.ctscope.analysis.report;

import io.ctscope.ingest.decode.InputFormat;
import io.ctscope.ingest.decode.InputStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@code input} section: what was read, in which format, how much of it was rejected. */
public final class InputSummary {
    private final List<String> files = new ArrayList<>();
    private final Map<String, String> formats = new LinkedHashMap<>();
    private final InputStats total = new InputStats();

    public void add(String name, InputFormat format, InputStats stats) {
        files.add(name);
        formats.put(name, format.label());
        total.add(stats);
    }

    public InputStats total() {
        return total;
    }

    public void contribute(Report report) {
        Map<String, Object> input = report.section("input");
        input.put("files", new ArrayList<>(files));
        input.put("formats", new LinkedHashMap<>(formats));
        input.put("lines", total.lines);
        input.put("records", total.records);
        input.put("bad_lines", total.badLines);
        input.put("loss_warnings", total.lossWarnings);
        input.put("summary_lines", total.summaryLines);
        input.put("unknown_fields", total.unknownFields);
        input.put("first_ts", total.hasTimestamps() ? Units.epochSeconds(total.firstTimestampMicros) : null);
        input.put("last_ts", total.hasTimestamps() ? Units.epochSeconds(total.lastTimestampMicros) : null);
    }
}
