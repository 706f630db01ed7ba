package io.ctscope.analysis.report;

import io.ctscope.ingest.decode.InputFormat;
import io.ctscope.ingest.decode.InputStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code input} section: what was read, in which format, how much of it was rejected, whether
 * the reading was interrupted and which inputs could not be read; and the {@link Warnings} about the
 * inputs: an interrupted run, unreadable inputs, a conntrack summary whose count differs from the
 * records read, an event stream without timestamps.
 */
public final class InputSummary {
    private final List<String> files = new ArrayList<>();
    private final Map<String, String> formats = new LinkedHashMap<>();
    private final InputStats total = new InputStats();
    private final List<InputStats> perInput = new ArrayList<>();
    private final List<InputFormat> perInputFormat = new ArrayList<>();
    private final Map<String, String> unreadable = new LinkedHashMap<>();
    private String interruptedBy;

    public void add(String name, InputFormat format, InputStats stats) {
        files.add(name);
        formats.put(name, format.label());
        total.add(stats);
        perInput.add(stats);
        perInputFormat.add(format);
    }

    /** The reading was stopped by {@code signal} (e.g. {@code SIGINT}; null when not known) before the inputs' end. */
    public void interrupted(String signal) {
        this.interruptedBy = signal != null ? signal : "a signal";
    }

    /** An input that could not be read at all, and why ({@code no such file}, {@code permission denied}). */
    public void unreadable(String name, String reason) {
        unreadable.put(name, reason);
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
        if (interruptedBy != null) {
            input.put("interrupted", true);
        }
        if (!unreadable.isEmpty()) {
            input.put("unreadable", new LinkedHashMap<>(unreadable));
        }
        warn(report);
    }

    private void warn(Report report) {
        if (interruptedBy != null) {
            Warnings.add(report, "interrupted", null, "interrupted by " + interruptedBy + ": the report covers the "
                + Long.toString(total.lines) + " lines read before it");
        }
        for (Map.Entry<String, String> e : unreadable.entrySet()) {
            Warnings.add(report, "unreadable", e.getKey(), e.getKey() + ": " + e.getValue()
                + ": not read; the report covers the other inputs");
        }
        for (int i = 0; i < files.size(); i++) {
            InputStats s = perInput.get(i);
            String name = files.get(i);
            if (s.summaryShown >= 0 && s.summaryShown != s.records) {
                Warnings.add(report, "shown_mismatch", name, name + ": conntrack says " + Long.toString(s.summaryShown)
                    + " flow " + (perInputFormat.get(i).isEventStream() ? "events" : "entries")
                    + " were shown, ctscope read " + Long.toString(s.records) + " records"
                    + (s.badLines > 0 ? " (" + Long.toString(s.badLines) + " lines rejected)" : "")
                    + ": the input is incomplete or was cut");
            }
            if (perInputFormat.get(i).isEventStream() && s.records > 0 && !s.hasTimestamps()) {
                String record = perInputFormat.get(i) == InputFormat.EVENTS_XML
                    ? "conntrack -E -o xml,timestamp > events.xml" : "conntrack -E -o timestamp,extended,id > events.txt";
                Warnings.add(report, "no_timestamps", name, name + ": events without timestamps, so no occupancy,"
                    + " rates or durations; record them with:", record);
            }
        }
    }
}
