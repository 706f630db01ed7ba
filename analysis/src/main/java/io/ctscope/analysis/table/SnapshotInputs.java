package io.ctscope.analysis.table;

import java.util.ArrayList;
import java.util.List;

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

    private final List<String> names = new ArrayList<>();
    private final List<Long> takenMicros = new ArrayList<>();
    private final List<String> timeSources = new ArrayList<>();

    /** Describes the next source id (0, 1, ...): {@code takenMicros} &lt; 0 and {@code timeSource} null when unknown. */
    public void add(String name, long takenMicros, String timeSource) {
        names.add(name);
        this.takenMicros.add(takenMicros);
        timeSources.add(timeSource);
    }

    String name(int source) {
        return source >= 0 && source < names.size() ? names.get(source) : "#" + source;
    }

    long takenMicros(int source) {
        return source >= 0 && source < takenMicros.size() ? takenMicros.get(source) : -1;
    }

    String timeSource(int source) {
        return source >= 0 && source < timeSources.size() ? timeSources.get(source) : null;
    }
}
