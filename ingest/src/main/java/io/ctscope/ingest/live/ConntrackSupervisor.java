package io.ctscope.ingest.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@code conntrack -E} and keeps it running: its stdout goes into the {@link LiveFeed} in whole
 * lines; its stderr is read line by line ({@link ConntrackStderr}): each ENOBUFS warning is one loss,
 * other lines are passed on escaped. When conntrack dies it is started again after a {@link Backoff}
 * delay, and the operator is told. It is not restarted when it could not be run at all (missing) or
 * was refused (not root): {@link #failure()} then says why in one line.
 *
 * <p>{@link #stop()} ends conntrack (SIGTERM); what it printed before it exited is still read, then
 * the feed ends.
 */
public final class ConntrackSupervisor implements Runnable {
    private final List<String> command;
    private final ProcessStarter starter;
    private final LiveFeed feed;
    private final LiveClock clock;
    private final SourceEvents events;
    private final Backoff backoff = new Backoff();
    private final LineCopier copier;
    private Consumer<Process> onStart = p -> { };
    private volatile boolean stopping;
    private volatile Process current;
    private volatile Thread thread;
    private volatile String failure;
    private volatile String bufferNotice;
    private long restarts;

    public ConntrackSupervisor(List<String> command, ProcessStarter starter, LiveFeed feed, LiveClock clock, SourceEvents events) {
        this.command = List.copyOf(command);
        this.starter = starter;
        this.feed = feed;
        this.clock = clock;
        this.events = events;
        this.copier = new LineCopier(feed);
    }

    /** Told of each conntrack process once started (to measure its netlink buffer). */
    public ConntrackSupervisor onStart(Consumer<Process> action) {
        this.onStart = action;
        return this;
    }

    public List<String> command() {
        return command;
    }

    /** Why conntrack could not be run (missing, not permitted), or null. */
    public String failure() {
        return failure;
    }

    /** The last {@code NOTICE: ... buffer size ...} line conntrack printed, or null. */
    public String bufferNotice() {
        return bufferNotice;
    }

    /** The pid of the running conntrack, or -1. */
    public long pid() {
        Process p = current;
        return p == null ? -1 : p.pid();
    }

    public long restarts() {
        return restarts;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (!stopping) {
                Process p;
                try {
                    p = starter.start(command);
                } catch (IOException e) {
                    failure = command.get(0) + " could not be run (" + reason(e) + "): install conntrack-tools"
                        + " (Debian/Ubuntu: apt-get install conntrack)";
                    return;
                }
                current = p;
                if (stopping) {
                    p.destroy();
                }
                long started = clock.nanoTime();
                onStart.accept(p);
                StderrReader stderr = new StderrReader(p);
                Thread errThread = new Thread(stderr, "ctscope-conntrack-stderr");
                errThread.setDaemon(true);
                errThread.start();
                try {
                    copier.copy(p.getInputStream());
                } catch (IOException e) {
                    events.onMessage("conntrack: reading its output failed: " + e.getMessage());
                    p.destroy();
                }
                int status = waitFor(p);
                errThread.join(TimeUnit.SECONDS.toMillis(5));
                current = null;
                if (stopping) {
                    return;
                }
                if (stderr.notPermitted) {
                    failure = "conntrack was refused (" + stderr.firstError + "): run ctscope live as root"
                        + " or with CAP_NET_ADMIN";
                    return;
                }
                long ran = clock.nanoTime() - started;
                long delay = backoff.delayAfter(ran);
                restarts++;
                events.onMessage("conntrack exited (status " + status + ") after " + seconds(ran) + "; restarting in "
                    + seconds(delay) + " (restart " + restarts + ")"
                    + (stderr.firstError != null ? "; it said: " + stderr.firstError : ""));
                events.onRestart(restarts);
                clock.sleepNanos(delay);
            }
        } catch (InterruptedException e) {
            // stopped while waiting to restart
        } finally {
            feed.producersDone();
        }
    }

    /** Ends conntrack; {@link #run()} returns once its output has been read. */
    public void stop() {
        stopping = true;
        Process p = current;
        if (p != null) {
            p.destroy();
        } else {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    private static int waitFor(Process p) throws InterruptedException {
        return p.waitFor();
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        int i = m == null ? -1 : m.indexOf("error=");
        return i >= 0 ? m.substring(i) : String.valueOf(m);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private final class StderrReader implements Runnable {
        private final Process process;
        volatile boolean notPermitted;
        volatile String firstError;

        StderrReader(Process process) {
            this.process = process;
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String shown = ConntrackStderr.escape(line);
                    switch (ConntrackStderr.classify(line)) {
                        case LOSS:
                            events.onLossWarning();
                            break;
                        case LOSS_EXPLANATION:
                        case SUMMARY:
                            break;
                        case BUFFER_NOTICE:
                            bufferNotice = shown;
                            break;
                        case NOT_PERMITTED:
                            notPermitted = true;
                            remember(shown);
                            events.onMessage("conntrack: " + shown);
                            break;
                        default:
                            remember(shown);
                            events.onMessage("conntrack: " + shown);
                    }
                }
            } catch (IOException e) {
                // the process is gone; its exit is reported by the supervisor
            }
        }

        private void remember(String line) {
            if (firstError == null) {
                firstError = line;
            }
        }
    }
}
