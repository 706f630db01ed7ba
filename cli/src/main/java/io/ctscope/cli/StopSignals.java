package io.ctscope.cli;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * SIGINT and SIGTERM for the commands that read (a terminal's Ctrl-C reaches the whole pipeline,
 * {@code conntrack -E | ctscope report -}). The first signal stops reading: the command drains what was
 * read, closes its journal and registry as at the end of the input, prints its report and exits 0. A
 * second signal exits at once (status 128 + signal number); the journal is crash-safe, so it stays
 * intact up to the last record written.
 */
final class StopSignals {
    /** The process's own signals; {@link Main} installs them. In-process callers (tests) never see a signal. */
    static final StopSignals PROCESS = new StopSignals(code -> {
        System.err.println("ctscope: second signal: exiting at once (the journal keeps what was written)");
        System.err.flush();
        Runtime.getRuntime().halt(code);
    });

    private final IntConsumer exitNow;
    private final AtomicInteger received = new AtomicInteger();
    private volatile Runnable onStop;
    private volatile String signalName;

    StopSignals(IntConsumer exitNow) {
        this.exitNow = exitNow;
    }

    /** Takes over SIGINT and SIGTERM from the JVM's default (which exits without a report). */
    void install() {
        handle("INT");
        handle("TERM");
    }

    private void handle(String name) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> received("SIG" + s.getName(), s.getNumber()));
    }

    /** A signal arrived: the first stops the registered reader, the next exits at once. */
    void received(String name, int number) {
        if (received.getAndIncrement() > 0) {
            exitNow.accept(128 + number);
            return;
        }
        signalName = name;
        Runnable stop = onStop;
        if (stop != null) {
            stop.run();
        }
    }

    /** The first signal's name ({@code SIGINT}), or null when none came. */
    String signal() {
        return received.get() > 0 ? signalName : null;
    }

    /**
     * Runs {@code stop} on the first signal while the returned handle is open (a signal that came
     * before runs it at once).
     */
    Reading whileReading(Runnable stop) {
        onStop = stop;
        if (received.get() > 0) {
            stop.run();
        }
        return () -> onStop = null;
    }

    /** The span during which a signal stops the reader. */
    interface Reading extends AutoCloseable {
        @Override
        void close();
    }
}
