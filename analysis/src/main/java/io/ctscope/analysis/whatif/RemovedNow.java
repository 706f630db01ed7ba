package io.ctscope.analysis.whatif;

import io.ctscope.analysis.timeout.TimeoutPolicy;
import io.ctscope.analysis.timeout.TimeoutSettings;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dump evidence: which entries of a table dump the proposal removes now. A dump prints whole seconds
 * remaining, so {@code idle = timeout in force - remaining} is an entry's idle time to the second (the
 * true idle lies in {@code (idle - 1, idle]}); the proposal removes it when {@code idle > proposed}.
 * Kept apart, never counted as removable: TCP entries in a state whose timeout in force is over the
 * retransmit cap that show the cap or less left (ambiguous: a live connection with lost ACKs looks
 * like that), {@code [OFFLOAD]} entries (kept alive by the flowtable), entries with more left than the
 * setting in force (a per-rule timeout, or the setting was lowered after their last packet) and entries
 * no setting times. When the input holds several dumps, the last one counts (each new input starts a
 * new snapshot). The removed entries also give the drain schedule: when each would leave on its own
 * ({@code remaining}), and the {@code conntrack -D} command that deletes it at once.
 */
final class RemovedNow {
    static final String[] DRAIN_LABELS = {"within_1m", "within_1h", "within_1d", "later"};
    private static final long[] DRAIN_LIMITS = {60, 3600, 86_400, Long.MAX_VALUE};
    private static final int ENTRIES = 0;
    private static final int REMOVED = 1;
    private static final int AMBIGUOUS = 2;
    private static final int OFFLOAD = 3;
    private static final int ABOVE_SETTING = 4;
    private static final int UNTIMED = 5;
    private static final int COLUMNS = 6;

    private final TimeoutPolicy policy;
    private final TimeoutSettings proposed;
    private final boolean keepCommands;
    private long[][] rows = new long[StateKeys.COUNT][];
    private final long[] drain = new long[DRAIN_LABELS.length];
    private List<String> commands = new ArrayList<>();
    private LongColumn removedRemaining = new LongColumn();
    private LongColumn allRemaining = new LongColumn();
    private int snapshotSource = -1;
    private long entries;

    RemovedNow(TimeoutPolicy policy, TimeoutSettings proposed, boolean keepCommands) {
        this.policy = policy;
        this.proposed = proposed;
        this.keepCommands = keepCommands;
    }

    boolean isEmpty() {
        return entries == 0;
    }

    /** One dump entry, judged against the settings in force {@code current}. */
    void entry(ConntrackRecord r, TimeoutSettings current) {
        if (r.source != snapshotSource) {
            if (entries > 0) {
                rows = new long[StateKeys.COUNT][];
                java.util.Arrays.fill(drain, 0);
                commands = new ArrayList<>();
                removedRemaining = new LongColumn();
                allRemaining = new LongColumn();
                entries = 0;
            }
            snapshotSource = r.source;
        }
        entries++;
        long[] row = row(StateKeys.of(r.protocol, r.state));
        row[ENTRIES]++;
        int state = r.has(Field.STATE) ? r.state : 0;
        if (r.hasFlag(Flags.OFFLOAD) || r.hasFlag(Flags.HW_OFFLOAD)) {
            row[OFFLOAD]++;
            return;
        }
        long inForce = policy.timeoutFor(current, r.protocol, state, r.flags);
        if (inForce < 0 || !r.has(Field.TIMEOUT)) {
            row[UNTIMED]++;
            return;
        }
        long remaining = r.timeout;
        allRemaining.add(remaining);
        if (remaining > inForce) {
            row[ABOVE_SETTING]++;
            return;
        }
        if (r.protocol == Protocols.TCP && TimeoutPolicy.cappable(current, inForce) && remaining <= current.tcpCap()) {
            row[AMBIGUOUS]++;
            return;
        }
        int s = policy.settingFor(r.protocol, state, r.flags);
        long limit = s >= 0 ? proposed.get(s) : inForce;
        if (inForce - remaining > limit) {
            row[REMOVED]++;
            removedRemaining.add(remaining);
            drain[drainBucket(remaining)]++;
            if (keepCommands) {
                commands.add(DeleteCommand.of(r));
            }
        }
    }

    /** The {@link #DRAIN_LABELS} bucket of an entry leaving in {@code seconds}. */
    static int drainBucket(long seconds) {
        int i = 0;
        while (seconds > DRAIN_LIMITS[i]) {
            i++;
        }
        return i;
    }

    private long[] row(int key) {
        long[] row = rows[key];
        if (row == null) {
            row = new long[COLUMNS];
            rows[key] = row;
        }
        return row;
    }

    List<String> commands() {
        return commands;
    }

    long removed() {
        long n = 0;
        for (long[] row : rows) {
            if (row != null) {
                n += row[REMOVED];
            }
        }
        return n;
    }

    /**
     * {@code [[after_s, removed_left, entries_left], ...]}: if the proposal were applied at the moment of
     * the dump and nothing were deleted, how many of the removable entries, and of all timed entries,
     * would still be in the table {@code after_s} seconds later (no new packets for them assumed). An
     * entry printed with {@code r} seconds left is there at {@code r} and gone at {@code r + 1}.
     * Every second for a minute, then every minute to an hour, hourly to a day, daily to the last.
     */
    private List<long[]> drainSeries() {
        long[] removedLeft = removedRemaining.sorted();
        long[] allLeft = allRemaining.sorted();
        long last = allLeft.length == 0 ? 0 : allLeft[allLeft.length - 1] + 1;
        List<long[]> series = new ArrayList<>();
        long after = 0;
        while (true) {
            series.add(new long[] {after, atLeast(removedLeft, after), atLeast(allLeft, after)});
            if (after >= last) {
                break;
            }
            after += after < 60 ? 1 : after < 3600 ? 60 : after < 86_400 ? 3600 : 86_400;
            after = Math.min(after, last);
        }
        return series;
    }

    /** How many of the sorted {@code values} are {@code >= x}. */
    private static long atLeast(long[] values, long x) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return values.length - lo;
    }

    /** The {@code removed_now} section. */
    Map<String, Object> section() {
        Map<String, Object> out = new LinkedHashMap<>();
        long removed = 0;
        long ambiguous = 0;
        long offload = 0;
        long above = 0;
        long untimed = 0;
        Map<String, Object> byState = new LinkedHashMap<>();
        for (int key = 0; key < rows.length; key++) {
            long[] row = rows[key];
            if (row == null) {
                continue;
            }
            removed += row[REMOVED];
            ambiguous += row[AMBIGUOUS];
            offload += row[OFFLOAD];
            above += row[ABOVE_SETTING];
            untimed += row[UNTIMED];
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entries", row[ENTRIES]);
            m.put("removed", row[REMOVED]);
            m.put("left", row[ENTRIES] - row[REMOVED]);
            m.put("ambiguous", row[AMBIGUOUS]);
            m.put("offload", row[OFFLOAD]);
            m.put("above_setting", row[ABOVE_SETTING]);
            byState.put(StateKeys.name(key), m);
        }
        out.put("entries", entries);
        out.put("removed", removed);
        out.put("left", entries - removed);
        out.put("ambiguous", ambiguous);
        out.put("offload", offload);
        out.put("above_setting", above);
        out.put("untimed", untimed);
        out.put("by_state", byState);
        Map<String, Object> schedule = new LinkedHashMap<>();
        for (int i = 0; i < DRAIN_LABELS.length; i++) {
            schedule.put(DRAIN_LABELS[i], drain[i]);
        }
        schedule.put("series", drainSeries());
        out.put("drain", schedule);
        out.put("delete_commands", removed);
        return out;
    }
}
