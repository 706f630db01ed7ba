package io.ctscope.ingest.decode;

import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.pipeline.RecordHandler;
import io.ctscope.ingest.record.ConntrackRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the books on what was read, per input: counts lines, records, rejects, summaries and loss
 * warnings into {@link InputStats}, gathers {@link FormatEvidence}, passes each rejected line to a
 * {@link BadLineListener} and each record on to a {@link RecordSink}. The single-threaded
 * {@link InputDecoder} and the pipeline both report through it, so both count alike.
 */
public final class InputAccounting implements RecordHandler {
    private final List<String> names;
    private final List<InputStats> stats = new ArrayList<>();
    private final List<FormatEvidence> evidence = new ArrayList<>();
    private final BadLineListener badLines;
    private final RecordSink sink;
    private final boolean single;
    private final int[] indexBySource;
    private boolean stopped;

    /** Books for one input whose stats and evidence the caller holds, whatever source id its records carry. */
    public InputAccounting(String name, InputStats stats, FormatEvidence evidence, BadLineListener badLines, RecordSink sink) {
        this.names = List.of(name);
        this.stats.add(stats);
        this.evidence.add(evidence);
        this.badLines = badLines;
        this.sink = sink;
        this.single = true;
        this.indexBySource = null;
    }

    /** Books for several inputs whose records carry the given source ids (e.g. journal registry ids). */
    public InputAccounting(List<String> names, int[] sourceIds, BadLineListener badLines, RecordSink sink) {
        this(names, badLines, sink, sourceIds);
    }

    /** Books for several inputs whose records carry source ids 0, 1, 2 ... in the order of {@code names}. */
    public InputAccounting(List<String> names, BadLineListener badLines, RecordSink sink) {
        this(names, badLines, sink, null);
    }

    private InputAccounting(List<String> names, BadLineListener badLines, RecordSink sink, int[] sourceIds) {
        this.names = names;
        this.badLines = badLines;
        this.sink = sink;
        this.single = false;
        if (sourceIds == null) {
            this.indexBySource = null;
        } else {
            int max = 0;
            for (int id : sourceIds) {
                max = Math.max(max, id);
            }
            this.indexBySource = new int[max + 1];
            java.util.Arrays.fill(indexBySource, -1);
            for (int i = 0; i < sourceIds.length; i++) {
                indexBySource[sourceIds[i]] = i;
            }
        }
        for (String name : names) {
            stats.add(new InputStats());
            evidence.add(new FormatEvidence(name));
        }
    }

    private int index(int source) {
        return single ? 0 : indexBySource == null ? source : indexBySource[source];
    }

    public InputStats statsAt(int index) {
        return stats.get(index);
    }

    public InputFormat formatAt(int index) {
        return evidence.get(index).decide();
    }

    /** What input {@code index} looks like when it held no conntrack record, else null ({@link FormatEvidence#lookalike()}). */
    public ContentKind lookalikeAt(int index) {
        return evidence.get(index).lookalike();
    }

    public InputStats stats(int source) {
        return stats.get(index(source));
    }

    public InputFormat format(int source) {
        return evidence.get(index(source)).decide();
    }

    public String name(int source) {
        return names.get(index(source));
    }

    /** True once the bad-line listener asked to stop (strict mode). */
    public boolean stopped() {
        return stopped;
    }

    @Override
    public void onRecord(ConntrackRecord r, long endOffset) {
        if (stopped) {
            return;
        }
        InputStats s = stats.get(index(r.source));
        s.lines++;
        s.onRecord(r);
        if (s.records == 1) {
            badLines.onFirstRecord(names.get(index(r.source)));
        }
        evidence.get(index(r.source)).onRecord(r);
        sink.accept(r);
    }

    @Override
    public void onOtherLine(int source, long line, int status, String reason, long endOffset) {
        if (stopped) {
            return;
        }
        InputStats s = stats.get(index(source));
        s.lines++;
        if (ParseStatus.isSummary(status)) {
            s.summaryLines++;
            evidence.get(index(source)).onSummary(status == ParseStatus.SKIP_SUMMARY_EVENTS);
        } else if (status == ParseStatus.LOSS_WARNING) {
            s.lossWarnings++;
        } else if (reason == null) {
            s.skippedLines++;
        } else {
            s.badLines++;
            evidence.get(index(source)).onRejected(status);
            if (!badLines.onBadLine(names.get(index(source)), line, reason)) {
                stopped = true;
            }
        }
    }

    @Override
    public void onSummaryLine(int source, long line, int status, long shown, long endOffset) {
        if (stopped) {
            return;
        }
        InputStats s = stats.get(index(source));
        s.lines++;
        s.onSummary(shown);
        evidence.get(index(source)).onSummary(status == ParseStatus.SKIP_SUMMARY_EVENTS);
    }

    @Override
    public void onOverlongLine(int source, long line, long length, long endOffset) {
        if (stopped) {
            return;
        }
        InputStats s = stats.get(index(source));
        s.lines++;
        s.badLines++;
        if (!badLines.onBadLine(names.get(index(source)), line,
            ParseStatus.reason(ParseStatus.ERR_LINE_TOO_LONG) + " (" + length + " bytes)")) {
            stopped = true;
        }
    }
}
