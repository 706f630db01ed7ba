package io.ctscope.cli;

import io.ctscope.fleet.ship.ShipOptions;
import io.ctscope.fleet.ship.Shipper;
import io.ctscope.fleet.topic.KafkaSettings;
import io.ctscope.ingest.io.Printable;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * {@code live --kafka}: the journal live writes, shipped as it grows by the same {@link Shipper} as {@code
 * ctscope ship} (one transaction per batch: records, summaries, progress), on a thread of its own. Kafka away
 * never stops live: the shipper says so once and retries while the journal keeps every record. At the end
 * (the journal written and closed) it ships what is left and returns (waiting up to a minute); once Kafka is known
 * away, live does not wait: it says where shipping stopped, and the next {@code ship} or {@code live --kafka}
 * resumes there.
 */
final class LiveShipping {
    /** How long the end waits for Kafka, answering, to take the last records. */
    private static final long DRAIN_WAIT_SECONDS = 60;
    private static final long JOIN_POLL_MILLIS = 100;

    private final Shipper shipper;
    private final Thread thread;
    private final PrintWriter err;
    private final KafkaSettings settings;
    private volatile String failure;

    private LiveShipping(ShipOptions options, PrintWriter err) {
        this.err = err;
        this.settings = options.settings();
        this.shipper = new Shipper(options, err, Clock.systemUTC()).patient();
        this.thread = new Thread(this::ship, "ctscope-live-ship");
        thread.setDaemon(true);
    }

    static LiveShipping start(ShipOptions options, PrintWriter err) {
        LiveShipping s = new LiveShipping(options, err);
        s.thread.start();
        return s;
    }

    private void ship() {
        try {
            shipper.run();
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            failure = settings.scrub(m);
            err.println("ctscope live: not shipping any more: " + Printable.of(failure) + "; the journal keeps every record");
            err.flush();
        }
    }

    /**
     * Ships what the journal holds now and stops; returns the one-line problem when not everything was
     * shipped, else null.
     */
    String finish() throws InterruptedException {
        shipper.finish();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_WAIT_SECONDS);
        // wait while Kafka answers or has not yet said (a shipper still starting), not once it is known away
        while (thread.isAlive() && !shipper.down() && System.nanoTime() < deadline) {
            thread.join(JOIN_POLL_MILLIS);
        }
        if (thread.isAlive()) {
            shipper.stop();
            thread.join(TimeUnit.SECONDS.toMillis(5));
            return "Kafka at " + settings.bootstrap() + " has the box's journal up to index " + shipper.committedIndex()
                + " only; the rest stays in the journal: the next ctscope ship or live --kafka on it sends it";
        }
        return failure == null ? null : "shipping stopped: " + failure;
    }

    /** Records this run shipped. */
    long shipped() {
        return shipper.shipped();
    }
}
