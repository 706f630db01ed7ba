package io.ctscope.analysis.live;

import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.ingest.live.ArrivalLog;
import io.ctscope.ingest.live.LiveCounters;
import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lines from the lab capture (samples/lab/recorded, conntrack -E -o timestamp,extended,id), and a live analysis fed with them. */
final class LiveLines {
    static final String TCP_NEW = "[1795241942.518332]\t    [NEW] ipv4     2 tcp      6 10 SYN_SENT src=10.77.1.2 dst=172.20.77.2"
        + " sport=60224 dport=9090 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=9090 dport=60224 id=2470141369";
    static final String TCP_UPDATE = "[1795241942.518371]\t [UPDATE] ipv4     2 tcp      6 5 SYN_RECV src=10.77.1.2 dst=172.20.77.2"
        + " sport=60224 dport=9090 src=172.20.77.2 dst=172.20.77.1 sport=9090 dport=60224 id=2470141369";
    static final String UDP_NEW = "[1795241942.533019]\t    [NEW] ipv4     2 udp      17 5 src=10.77.1.2 dst=172.20.77.2"
        + " sport=46821 dport=5353 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=5353 dport=46821 id=2319423711";
    static final String UDP_DESTROY = "[1795241962.762837]\t[DESTROY] ipv4     2 udp      17 src=10.77.1.2 dst=172.20.77.2"
        + " sport=46821 dport=5353 src=172.20.77.2 dst=172.20.77.1 sport=5353 dport=46821 id=2319423711";

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final ArrivalLog arrivals = new ArrivalLog();
    final LiveCounters counters = new LiveCounters(m -> { });
    final LatencyRecorder latency = new LatencyRecorder();
    final LiveStatus status = new LiveStatus("test", counters, latency, arrivals, now::get);
    final LiveAnalysis analysis;
    private final ConntrackTextParser parser = new ConntrackTextParser();
    private final ConntrackRecord record = new ConntrackRecord();
    private long offset;
    private long line;

    LiveLines(ReportOptions options) {
        ReportBuilder builder = ReportBuilder.standard(options);
        analysis = new LiveAnalysis("-", builder, new SnapshotResync(builder), (in, n, reason) -> true, null, null,
            arrivals, latency, status, now::get);
    }

    /** A NEW line of a tcp flow from {@code src} with conntrack id {@code id}. */
    static String tcpNewFrom(String src, long id) {
        return TCP_NEW.replace("src=10.77.1.2", "src=" + src).replace("id=2470141369", "id=" + id);
    }

    /** One batch: the lines arrive at the current time, are analysed {@code delayNanos} later, then the batch ends. */
    void batch(long delayNanos, String... lines) {
        List<byte[]> bytes = new ArrayList<>();
        long end = offset;
        for (String l : lines) {
            byte[] b = (l + "\n").getBytes(StandardCharsets.US_ASCII);
            bytes.add(b);
            end += b.length;
        }
        arrivals.append(end, now.get());
        now.addAndGet(delayNanos);
        for (byte[] b : bytes) {
            assertEquals(ParseStatus.RECORD, parser.parse(b, 0, b.length - 1, record));
            record.source = 0;
            record.offset = offset;
            record.line = ++line;
            offset += b.length;
            analysis.onRecord(record, offset);
        }
        analysis.onEndOfBatch();
    }
}
