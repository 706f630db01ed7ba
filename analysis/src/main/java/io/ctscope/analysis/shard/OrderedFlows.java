package io.ctscope.analysis.shard;

import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.ingest.pipeline.RecordHandler;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;

import java.util.List;

/**
 * The listeners whose state depends on all flows together in input order (occupancy at event
 * resolution, NAT port peaks, each talker's share of the table's peak), fed from the shards' tapes:
 * for each record, first the dump entries every shard let go at a new dump, then the owning shard's
 * entries, each flow's row loaded into a one-row table so that the listeners read it as they would
 * from the full one. They get {@code onRecord}, {@code onOpen}, {@code onClose},
 * {@code onCloseUnseen} and {@code onVanish}, not {@code onUpdate} or {@code onSnapshot} (none of
 * them needs those), and must not read the table's size. Runs after every shard is past the block.
 */
final class OrderedFlows implements RecordHandler {
    private static final long[] ROW_KEY = new long[io.ctscope.analysis.flow.FlowKeys.WIDTH];

    private final FlowShard[] shards;
    private final FlowAnalyzer[] listeners;
    private final FlowTable row = new FlowTable(16);
    private final int slot;
    private final int[] at;
    private long sequence;
    private int recordIndex;

    /** {@code everyRecord}: every record is analysed (no filter), so the shards write no MATCH entries. */
    private final boolean everyRecord;

    OrderedFlows(FlowShard[] shards, List<? extends FlowAnalyzer> listeners, boolean everyRecord) {
        this.shards = shards;
        this.everyRecord = everyRecord;
        this.listeners = listeners.toArray(new FlowAnalyzer[0]);
        this.slot = row.findOrInsert(ROW_KEY);
        this.at = new int[shards.length];
    }

    @Override
    public void onBlock(long sequence) {
        this.sequence = sequence;
        recordIndex = 0;
        java.util.Arrays.fill(at, 0);
    }

    @Override
    public void onRecord(ConntrackRecord r, long endOffset) {
        accept(r, recordIndex++);
    }

    void accept(ConntrackRecord r, int i) {
        long t = r.has(Field.TIMESTAMP) ? r.timestampMicros : FlowTable.NO_TIME;
        for (int s = 0; s < shards.length; s++) {
            drain(s, r, t, i, true);
        }
        if (everyRecord) {
            replay(FlowTape.MATCH, r, t);
        }
        for (int s = 0; s < shards.length; s++) {
            drain(s, r, t, i, false);
        }
    }

    /** Replays shard {@code s}'s entries of record {@code i}: only its VANISH ones when {@code vanishing}. */
    private void drain(int s, ConntrackRecord r, long t, int i, boolean vanishing) {
        FlowTape tape = shards[s].tape;
        long[] e = tape.entries(sequence);
        int n = tape.length(sequence);
        int p = at[s];
        while (p < n && FlowTape.recordIndex(e[p]) == i) {
            int kind = FlowTape.kind(e[p]);
            if (vanishing != (kind == FlowTape.VANISH)) {
                break;
            }
            if (FlowTape.size(e[p]) > 1) {
                row.loadRow(slot, e, p + 1);
            }
            replay(kind, r, t);
            p += FlowTape.size(e[p]);
        }
        at[s] = p;
    }

    private void replay(int kind, ConntrackRecord r, long t) {
        FlowAnalyzer[] ls = listeners;
        switch (kind) {
            case FlowTape.VANISH:
                for (FlowAnalyzer a : ls) {
                    a.onVanish(row, slot);
                }
                break;
            case FlowTape.MATCH:
                for (FlowAnalyzer a : ls) {
                    a.onRecord(r, t);
                }
                break;
            case FlowTape.OPEN:
                for (FlowAnalyzer a : ls) {
                    a.onOpen(r, t, row, slot);
                }
                break;
            case FlowTape.CLOSE_OBSERVED:
            case FlowTape.CLOSE_LOST:
                for (FlowAnalyzer a : ls) {
                    a.onClose(r, t, row, slot, kind == FlowTape.CLOSE_OBSERVED);
                }
                break;
            default:
                for (FlowAnalyzer a : ls) {
                    a.onCloseUnseen(r, t);
                }
                break;
        }
    }

    /** The one-row table the listeners were shown (for their contribute: none of them reads it). */
    FlowTable rowTable() {
        return row;
    }
}
