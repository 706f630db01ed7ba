/**
 * The report's analysis split over threads by flow key ({@link io.ctscope.analysis.shard.ShardedReport}).
 *
 * <p>What merges, and how (the states issue 15's fleet can build on):
 * <ul>
 * <li>counts add: {@link io.ctscope.analysis.count.EventCounter#merge},
 *     {@link io.ctscope.analysis.count.ProtocolStateCounts#merge},
 *     {@link io.ctscope.analysis.table.TableAnalyzer#merge} (with the other side's table at the end);</li>
 * <li>HdrHistograms merge: {@link io.ctscope.analysis.duration.DurationStats#merge},
 *     {@link io.ctscope.analysis.duration.DurationAnalyzer#merge};</li>
 * <li>top-talker totals add key by key while exact, DataSketches' {@code LongsSketch.merge} once
 *     sketched: {@link io.ctscope.analysis.top.TalkerCounts#merge}.</li>
 * </ul>
 * What does not merge from summaries, because it depends on how the flows of every part interleave
 * in time or in input order: the occupancy's per-interval high-water marks (and so its peak), NAT
 * port peaks per translated address, and each talker's share of the table's peak. Two sets of flows
 * whose summaries say "at most 40 live" may together have had 80 live at once, or 41. Those stay in
 * one ordered stage that follows every flow ({@link io.ctscope.analysis.shard.OrderedFlows}), fed
 * from the shards' {@link io.ctscope.analysis.shard.FlowTape}s, so the sharded report is exact.
 */
package io.ctscope.analysis.shard;
