package io.ctscope.analysis.filter;

import io.ctscope.analysis.Analyzer;
import io.ctscope.analysis.flow.FlowKeys;
import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.RecordKind;

import java.util.Arrays;

/**
 * {@code --status UNREPLIED}: passes on only the flows that never got a reply. Every flow is
 * {@code [UNREPLIED]} at its NEW, so an event-stream flow cannot be judged by one record: its records
 * are held (copied into a reusable pool) until the flow shows a reply — then they are dropped and so is
 * the rest of the flow — or until its DESTROY or the end of the input, still unreplied — then they are
 * passed on in their order. A dump entry is judged by itself.
 *
 * <p>Held flows reach the analyzers when they end, so time-based figures (occupancy, rates, durations)
 * are those of the input, while figures kept in input order (top talkers' {@code peak_entries}, NAT
 * {@code peak_ports}) count a held flow as open only while it is passed on. Memory grows with the
 * flows open and unreplied at once, one record copy per held record.
 */
public final class NeverRepliedFlows implements Analyzer {
    /** Row columns: first and last held record (pool index), and the flow's arrival number. */
    private static final int HEAD = 0;
    private static final int TAIL = 1;
    private static final int ARRIVAL = 2;
    /** {@code HEAD} of a flow that got a reply: its records are dropped until it ends. */
    private static final long REPLIED = -2;
    private static final int NONE = -1;

    private final Analyzer downstream;
    private final KeyMap flows = new KeyMap(FlowKeys.WIDTH, 3, 1 << 10);
    private final long[] key = new long[FlowKeys.WIDTH];
    private ConntrackRecord[] pool = new ConntrackRecord[0];
    private int[] next = new int[0];
    private int free = NONE;
    private int poolUsed;
    private long arrivals;
    private long dropped;

    public NeverRepliedFlows(Analyzer downstream) {
        this.downstream = downstream;
    }

    /** Records left out because their flow got a reply. */
    public long dropped() {
        return dropped;
    }

    @Override
    public void accept(ConntrackRecord r) {
        boolean unreplied = r.hasFlag(Flags.UNREPLIED);
        if (r.kind == RecordKind.ENTRY) {
            pass(r, unreplied);
            return;
        }
        FlowKeys.pack(r, true, key);
        int slot = flows.find(key);
        if (slot >= 0 && r.kind == RecordKind.NEW) {
            // a NEW for a flow still open: its DESTROY was lost, so it ended here as it stood
            end(slot);
            flows.removeSlot(slot);
            slot = NONE;
        }
        if (slot < 0) {
            if (!unreplied) {
                dropped++;
                if (r.kind != RecordKind.DESTROY) {
                    flows.setValue(flows.findOrInsert(key), HEAD, REPLIED);
                }
            } else if (r.kind == RecordKind.DESTROY) {
                downstream.accept(r);
            } else {
                slot = flows.findOrInsert(key);
                int held = hold(r);
                flows.setValue(slot, HEAD, held);
                flows.setValue(slot, TAIL, held);
                flows.setValue(slot, ARRIVAL, arrivals++);
            }
            return;
        }
        long head = flows.value(slot, HEAD);
        if (head == REPLIED) {
            dropped++;
        } else if (!unreplied) {
            dropped++;
            release((int) head, true);
            flows.setValue(slot, HEAD, REPLIED);
        } else {
            int held = hold(r);
            next[(int) flows.value(slot, TAIL)] = held;
            flows.setValue(slot, TAIL, held);
            if (r.kind == RecordKind.DESTROY) {
                end(slot);
            } else {
                return;
            }
        }
        if (r.kind == RecordKind.DESTROY) {
            flows.removeSlot(slot);
        }
    }

    private void pass(ConntrackRecord r, boolean keep) {
        if (keep) {
            downstream.accept(r);
        } else {
            dropped++;
        }
    }

    /** The flow in {@code slot} ended: passes its held records on, or forgets it when it got a reply. */
    private void end(int slot) {
        long head = flows.value(slot, HEAD);
        if (head != REPLIED) {
            release((int) head, false);
        }
    }

    /** Frees a chain of held records, passing each on first unless {@code drop}. */
    private void release(int head, boolean drop) {
        for (int i = head; i != NONE; ) {
            int n = next[i];
            if (drop) {
                dropped++;
            } else {
                downstream.accept(pool[i]);
            }
            next[i] = free;
            free = i;
            i = n;
        }
    }

    private int hold(ConntrackRecord r) {
        int i = free;
        if (i != NONE) {
            free = next[i];
        } else {
            if (poolUsed == pool.length) {
                int size = Math.max(64, pool.length * 2);
                pool = Arrays.copyOf(pool, size);
                next = Arrays.copyOf(next, size);
            }
            i = poolUsed++;
            pool[i] = new ConntrackRecord();
        }
        pool[i].copyFrom(r);
        next[i] = NONE;
        return i;
    }

    /** Passes on the flows still open and unreplied at the end of the input, in the order they began. */
    private void flush() {
        int n = 0;
        long[] order = new long[flows.size()];
        int[] slots = new int[flows.size()];
        for (int s = 0; s < flows.capacity(); s++) {
            if (flows.isUsed(s) && flows.value(s, HEAD) != REPLIED) {
                order[n] = flows.value(s, ARRIVAL) << 32 | n;
                slots[n] = s;
                n++;
            }
        }
        Arrays.sort(order, 0, n);
        for (int i = 0; i < n; i++) {
            end(slots[(int) (order[i] & 0xffffffffL)]);
        }
        flows.clear();
    }

    @Override
    public void contribute(Report report) {
        flush();
        downstream.contribute(report);
    }
}
