package io.ctscope.fleet.ship;

import io.ctscope.fleet.summary.BoxSummary;
import io.ctscope.fleet.summary.SummaryCodec;
import io.ctscope.fleet.summary.SummaryRecorder;
import io.ctscope.fleet.topic.FleetException;
import io.ctscope.fleet.topic.FleetTopics;
import io.ctscope.fleet.topic.KafkaUnreachableException;
import io.ctscope.fleet.topic.Services;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Ships one box's journal to Kafka exactly once. A transactional producer per box ({@code transactional.id}
 * from the box name; {@code initTransactions} fences and aborts whatever an earlier instance left open) sends,
 * per transaction, the records after the box's last committed progress (with {@code --events}), the summary
 * deltas of those records, and the new progress (the last index shipped): all three become visible together
 * or not at all. On start, and after any failure (a broker stopped, the network cut), the shipper reads its
 * committed progress back, rebuilds the summaries' table by replaying the journal up to it (without sending),
 * and continues after it. The journal is the buffer: nothing is dropped while Kafka is away, only delayed.
 * With a proposal ({@code --set}) the summaries carry the box's what-if projection, refreshed with the first
 * transaction after each interval (and at the journal's end with {@code --once} or {@link #finish}).
 */
public final class Shipper {
    private static final long IDLE_WAIT_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final ShipOptions options;
    private final PrintWriter err;
    private final Clock clock;
    private final byte[] boxKey;
    private volatile boolean stopping;
    private volatile boolean draining;
    /** A producer session is running (Kafka answered, and nothing failed since). */
    private volatile boolean connected;
    /** Kafka failed or did not answer, and has not answered since (said once). */
    private volatile boolean down;
    /** The last journal index Kafka has committed for the box ({@code -1}: none known). */
    private volatile long committedIndex = -1;
    private boolean patient;
    private long nextProjectionMillis = Long.MIN_VALUE;
    /** The last journal index the summaries' projection covers. */
    private long projectedThrough = -1;
    private long shipped;
    private long transactions;
    private long lastShippedIndex = -1;
    private long lastShippedMicros = Long.MIN_VALUE;
    private String journalId;
    private final String host;

    public Shipper(ShipOptions options, PrintWriter err, Clock clock) {
        this.options = options;
        this.err = err;
        this.clock = clock;
        this.boxKey = options.box().getBytes(StandardCharsets.UTF_8);
        this.host = Services.hostName();
    }

    /** Asks the running shipper to finish its transaction and return. */
    public void stop() {
        stopping = true;
    }

    /**
     * Asks the running shipper to ship what the journal holds now (its writer has stopped) and return, as
     * {@code --once} does; {@link #stop()} still ends it at once.
     */
    public void finish() {
        draining = true;
    }

    /**
     * Waits for a broker that does not answer at the start too (retrying, said once), instead of stopping:
     * for a shipper beside {@code live}, whose journal keeps everything meanwhile.
     */
    public Shipper patient() {
        patient = true;
        return this;
    }

    /** Whether Kafka is answering now: a session is running and nothing has failed since it began. */
    public boolean connected() {
        return connected;
    }

    /** Whether Kafka failed or did not answer, and has not answered since. */
    public boolean down() {
        return down;
    }

    /** The last journal index Kafka has committed for this box, as this shipper knows it ({@code -1}: none). */
    public long committedIndex() {
        return committedIndex;
    }

    public long shipped() {
        return shipped;
    }

    public long lastShippedIndex() {
        return lastShippedIndex;
    }

    /**
     * Runs until stopped (or, with {@code --once}, until the journal's present end is shipped).
     *
     * @throws FleetException for what an operator must fix: no broker at the start, a missing topic, a box
     *                        shipped from another journal, a fenced producer, refused credentials
     */
    public void run() {
        try {
            journalId = JournalIdentity.of(options.queue());
        } catch (IOException e) {
            throw new FleetException(options.queue() + ": cannot keep the journal's ship identity ("
                + e.getClass().getSimpleName() + ")");
        }
        long backoff = 250;
        while (true) {
            try {
                checkTopics();
                break;
            } catch (KafkaUnreachableException e) {
                if (!patient) {
                    throw e;
                }
                sayDown(e.getMessage());
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                if (stopping) {
                    return;
                }
            }
        }
        while (!stopping) {
            try {
                if (session()) {
                    return;
                }
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                throw new FleetException("box " + options.box() + ": another shipper took over its transactional id "
                    + options.transactionalId() + " (is the box name used by two machines?); stopping");
            } catch (AuthorizationException e) {
                throw new FleetException("Kafka at " + options.settings().bootstrap() + " refused: "
                    + options.settings().scrub(e.getMessage()));
            } catch (AuthenticationException e) {
                throw new FleetException("Kafka at " + options.settings().bootstrap() + ": authentication failed: "
                    + options.settings().scrub(e.getMessage()));
            } catch (KafkaException e) {
                connected = false;
                sayDown("Kafka at " + options.settings().bootstrap() + " failed ("
                    + options.settings().scrub(Services.firstLine(e)) + ")");
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                continue;
            }
        }
    }

    /** Says once that Kafka is away (until it answers again). */
    private void sayDown(String what) {
        if (!down) {
            err.println("ctscope ship: " + what + ": retrying; the journal keeps every record");
            err.flush();
        }
        down = true;
    }

    private void checkTopics() {
        List<String> needed = new ArrayList<>(List.of(options.topics().summaries, options.topics().progress));
        if (options.events()) {
            needed.add(0, options.topics().events);
        }
        Properties admin = options.settings().with(Map.of("request.timeout.ms", 10_000, "default.api.timeout.ms", 15_000));
        try (Admin a = Admin.create(admin)) {
            options.topics().ensure(a, options.settings(), needed, options.createTopics(), options.partitions());
        } catch (KafkaException e) {
            throw FleetTopics.unreachable(options.settings(), options.settings().scrub(Services.firstLine(e)));
        }
    }

    /** One producer's life; true when done (--once at the end, or stopped), false never: failures throw. */
    private boolean session() {
        Properties producerProps = options.settings().with(Map.of(
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, options.transactionalId(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
            ProducerConfig.LINGER_MS_CONFIG, 10));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
            new ByteArraySerializer());
        Duration closeWait = Duration.ZERO;
        try (JournalTail tail = new JournalTail(options.queue())) {
            producer.initTransactions();
            lastShippedIndex = -1;
            lastShippedMicros = Long.MIN_VALUE;
            ShipProgress committed = ProgressReader.read(options.settings().with(Map.of()), options.topics().progress,
                options.box(), Duration.ofSeconds(15));
            if (committed != null && !committed.journalId().equals(journalId)) {
                throw new FleetException("box " + options.box() + " is already shipped from another journal (host "
                    + io.ctscope.ingest.io.Printable.of(committed.host()) + ", journal " + committed.journalId()
                    + "): a box name belongs to one machine; pick another --box");
            }
            long resumeAfter = committed == null ? -1 : committed.lastIndex();
            connected = true;
            down = false;
            committedIndex = resumeAfter;
            SummaryRecorder recorder = new SummaryRecorder(options.box(), options.intervalSeconds(), options.proposal());
            nextProjectionMillis = Long.MIN_VALUE;
            projectedThrough = -1;
            boolean pending = false;
            while (tail.next()) {
                if (tail.index() > resumeAfter) {
                    pending = true;
                    break;
                }
                recorder.accept(tail.record(), tail.index());
                noteShipped(tail.record(), tail.index());
            }
            recorder.cut();
            if (committed != null && lastShippedIndex != resumeAfter) {
                throw new FleetException("box " + options.box() + ": Kafka says index " + resumeAfter
                    + " was shipped, but the journal " + options.queue() + " ends before it (a different journal?)");
            }
            boolean done = loop(producer, tail, recorder, pending);
            closeWait = Duration.ofSeconds(5);
            return done;
        } finally {
            connected = false;
            // after a failure, unsent records are dropped at once: the journal still has them
            producer.close(closeWait);
        }
    }

    private boolean loop(KafkaProducer<byte[], byte[]> producer, JournalTail tail, SummaryRecorder recorder, boolean pending) {
        long nextLine = clock.millis() + options.intervalSeconds() * 1000L;
        long lastTransaction = clock.millis();
        while (true) {
            if (stopping) {
                return true;
            }
            int n = 0;
            if (pending || tail.next()) {
                pending = false;
                producer.beginTransaction();
                do {
                    ConntrackRecord r = tail.record();
                    long index = tail.index();
                    if (options.events()) {
                        ProducerRecord<byte[], byte[]> pr = new ProducerRecord<>(options.topics().events, null,
                            EventKeys.key(boxKey, r), tail.rawCopy());
                        pr.headers().add(ShipHeaders.INDEX, ShipHeaders.index(index));
                        producer.send(pr);
                    }
                    recorder.accept(r, index);
                    noteShipped(r, index);
                    n++;
                } while (n < options.batch() && !stopping && tail.next());
                List<BoxSummary> deltas = recorder.cut(projectNow(tail));
                commit(producer, tail, deltas);
                shipped += n;
                lastTransaction = clock.millis();
            }
            long now = clock.millis();
            if (now >= nextLine) {
                if (now - lastTransaction >= options.intervalSeconds() * 1000L) {
                    producer.beginTransaction();
                    commit(producer, tail, List.of(recorder.heartbeat()));
                    lastTransaction = now;
                }
                intervalLine(tail);
                nextLine = now + options.intervalSeconds() * 1000L;
            }
            if (n == 0) {
                if (options.once() || draining) {
                    producer.beginTransaction();
                    boolean unprojected = options.proposal() != null && projectedThrough != lastShippedIndex;
                    commit(producer, tail, List.of(unprojected ? recorder.projectingHeartbeat() : recorder.heartbeat()));
                    projectedThrough = lastShippedIndex;
                    intervalLine(tail);
                    return true;
                }
                pause(IDLE_WAIT_MS);
            }
        }
    }

    /**
     * Whether this cut projects the proposal: the first after each interval (projecting walks every flow of the
     * journal), and the one that reaches the journal's end when shipping to the end (--once, finish).
     */
    private boolean projectNow(JournalTail tail) {
        if (options.proposal() == null) {
            return false;
        }
        long now = clock.millis();
        boolean atEnd = (options.once() || draining) && tail.recordsAfter(lastShippedIndex) == 0;
        if (now < nextProjectionMillis && !atEnd) {
            return false;
        }
        nextProjectionMillis = now + options.intervalSeconds() * 1000L;
        projectedThrough = lastShippedIndex;
        return true;
    }

    /** Sends the deltas (lag filled in) and the progress, and commits the transaction begun by the caller. */
    private void commit(KafkaProducer<byte[], byte[]> producer, JournalTail tail, List<BoxSummary> deltas) {
        long wall = clock.millis();
        long lagRecords = tail.recordsAfter(lastShippedIndex);
        long endMicros = tail.lastTimestampMicros();
        long lagMillis = endMicros == Long.MIN_VALUE || lastShippedMicros == Long.MIN_VALUE ? -1
            : Math.max(0, (endMicros - lastShippedMicros) / 1000);
        long max = options.conntrackMax().getAsLong();
        for (BoxSummary s : deltas) {
            s.wallMillis = wall;
            s.conntrackMax = max;
            s.lagRecords = lagRecords;
            s.lagMillis = lagMillis;
            if (s.isHeartbeat()) {
                s.lastIndex = lastShippedIndex;
            }
            producer.send(new ProducerRecord<>(options.topics().summaries, boxKey, SummaryCodec.encode(s)));
        }
        producer.send(new ProducerRecord<>(options.topics().progress, boxKey,
            new ShipProgress(lastShippedIndex, journalId, host).encode()));
        producer.commitTransaction();
        committedIndex = lastShippedIndex;
        transactions++;
    }

    private void noteShipped(ConntrackRecord r, long index) {
        lastShippedIndex = index;
        if (r.has(Field.TIMESTAMP)) {
            lastShippedMicros = r.timestampMicros;
        }
    }

    private void intervalLine(JournalTail tail) {
        long lag = tail.recordsAfter(lastShippedIndex);
        long endMicros = tail.lastTimestampMicros();
        String seconds = endMicros == Long.MIN_VALUE || lastShippedMicros == Long.MIN_VALUE ? "?"
            : String.format(java.util.Locale.ROOT, "%.1f", Math.max(0, endMicros - lastShippedMicros) / 1e6);
        err.println("ship " + options.box() + ": " + shipped + " records shipped (last index " + lastShippedIndex + "), lag "
            + lag + " records / " + seconds + " s behind the journal end, " + transactions + " transactions"
            + (tail.damaged() > 0 ? ", " + tail.damaged() + " damaged records skipped" : ""));
        err.flush();
    }

    private void pause(long ms) {
        if (!Services.pause(ms)) {
            stopping = true;
        }
    }
}
