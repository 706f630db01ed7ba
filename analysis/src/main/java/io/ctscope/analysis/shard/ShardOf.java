package io.ctscope.analysis.shard;

import io.ctscope.analysis.flow.FlowKeys;
import io.ctscope.ingest.record.ConntrackRecord;

/**
 * Which of {@code n} shards a record's flow belongs to: a hash of the flow's packed key
 * ({@link FlowKeys}, the key the flow table uses), so every record of a flow goes to one shard.
 */
final class ShardOf {
    private final int n;
    private final long[] key = new long[FlowKeys.WIDTH];

    ShardOf(int n) {
        this.n = n;
    }

    int of(ConntrackRecord r) {
        FlowKeys.pack(r, true, key);
        long h = 0x9E37_79B9_7F4A_7C15L;
        for (long k : key) {
            h = (h ^ k) * 0xBF58_476D_1CE4_E5B9L;
            h ^= h >>> 29;
        }
        return (int) Long.remainderUnsigned(h, n);
    }
}
