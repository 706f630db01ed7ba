package io.ctscope.analysis.table;

import java.util.HashMap;
import java.util.Map;

/**
 * What the command line knows of each input when it is a table snapshot: its name and when it was
 * taken if the input itself does not say (a file's modification time, the moment /proc was read).
 * Indexed by source id; an input not described is named {@code #id}, with no time.
 */
public final class SnapshotInputs {
    /** Time sources, as {@code table.snapshots[].time_source} names them. */
    public static final String FROM_RECORDS = "records";
    public static final String FILE_MTIME = "mtime";
    public static final String READ_TIME = "read";

    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, Long> takenMicros = new HashMap<>();
    private final Map<Integer, String> timeSources = new HashMap<>();
    private int next;

    /** Describes the next source id (0, 1, ...): {@code takenMicros} &lt; 0 and {@code timeSource} null when unknown. */
    public void add(String name, long takenMicros, String timeSource) {
        set(next, name, takenMicros, timeSource);
    }

    /** Describes source id {@code source} (a journal's registry id). */
    public void set(int source, String name, long takenMicros, String timeSource) {
        names.put(source, name);
        this.takenMicros.put(source, takenMicros);
        timeSources.put(source, timeSource);
        next = Math.max(next, source + 1);
    }

    String name(int source) {
        return names.getOrDefault(source, "#" + source);
    }

    /** When input {@code source} was taken, µs, or -1 when unknown. */
    public long takenMicros(int source) {
        return takenMicros.getOrDefault(source, -1L);
    }

    String timeSource(int source) {
        return timeSources.get(source);
    }
}
