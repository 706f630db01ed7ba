package io.ctscope.cli;

import io.ctscope.analysis.ReportBuilder;
import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.live.Dashboard;
import io.ctscope.analysis.live.DashboardView;
import io.ctscope.analysis.live.IntervalLine;
import io.ctscope.analysis.live.LatencyRecorder;
import io.ctscope.analysis.live.LiveAnalysis;
import io.ctscope.analysis.live.LiveStatus;
import io.ctscope.analysis.live.MetricsCollector;
import io.ctscope.analysis.live.MetricsEndpoint;
import io.ctscope.analysis.live.SnapshotResync;
import io.ctscope.analysis.report.JsonRenderer;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.TextRenderer;
import io.ctscope.ingest.decode.InputStats;
import io.ctscope.ingest.io.InputSource;
import io.ctscope.ingest.io.Printable;
import io.ctscope.ingest.journal.JournalBusyException;
import io.ctscope.ingest.journal.JournalHandler;
import io.ctscope.ingest.journal.JournalReader;
import io.ctscope.ingest.journal.JournalWriter;
import io.ctscope.ingest.journal.QueueLock;
import io.ctscope.ingest.journal.SourceRegistry;
import io.ctscope.ingest.live.ConntrackSupervisor;
import io.ctscope.ingest.live.FollowedFile;
import io.ctscope.ingest.live.JournaledGenerations;
import io.ctscope.ingest.live.LiveClock;
import io.ctscope.ingest.live.LiveCounters;
import io.ctscope.ingest.live.LiveFeed;
import io.ctscope.ingest.live.LiveSource;
import io.ctscope.ingest.live.NetlinkBufferProbe;
import io.ctscope.ingest.live.ProcessStarter;
import io.ctscope.ingest.live.SegmentCursor;
import io.ctscope.ingest.live.SegmentedJournal;
import io.ctscope.ingest.live.SpawnPreflight;
import io.ctscope.ingest.live.SpawnedSource;
import io.ctscope.ingest.live.StreamSource;
import io.ctscope.ingest.live.TableReadSources;
import io.ctscope.ingest.live.TableReads;
import io.ctscope.ingest.pipeline.IngestPipeline;
import io.ctscope.ingest.pipeline.PipelineInput;
import io.ctscope.ingest.pipeline.RecordHandler;
import io.ctscope.fleet.ship.ShipOptions;
import io.ctscope.fleet.topic.KafkaSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

@Command(
    name = "live",
    mixinStandardHelpOptions = true,
    description = {
        "Run beside the kernel for days, journaling and analysing conntrack events as they happen.",
        "",
        "Journals every record into --queue, prints a status line every --interval on stderr, serves"
            + " Prometheus metrics, and on SIGINT/SIGTERM (or after --duration) prints the report of everything"
            + " read, as ctscope report does.",
        "",
        "Sources: --spawn runs conntrack -E -o timestamp,extended,id itself (restarted when it dies; its"
            + " ENOBUFS warnings are counted as losses) and reads the table after subscribing; --follow FILE"
            + " tails a capture through rotation; - (or nothing, on a pipe) reads standard input. Restarting"
            + " with the same --queue resumes the analysis from the journal, and --follow continues the file"
            + " after its last journaled line. A second signal exits at once.",
        "",
        "With --kafka and --box, live also ships the journal as it writes it, exactly as ctscope ship does (records"
            + " with --events, summaries, with --set the box's what-if): Kafka away never stops live, it says so once"
            + " and the journal keeps every record; at the end live ships what is left before it exits, or, if Kafka"
            + " is not answering, says where shipping stopped (the next ship or live --kafka resumes there).",
        "",
    },
    footer = {
        "",
        "Examples:",
        "  ctscope live --spawn --queue /var/lib/ctscope --metrics 127.0.0.1:9469",
        "  ctscope live --spawn --queue q -- -p tcp     # arguments after -- go to conntrack",
        "  conntrack -E -o timestamp,extended,id 2>&1 | ctscope live --queue q -",
        "  ctscope live --follow /var/log/conntrack-events.log --queue q --interval 60",
    })
final class LiveCommand implements java.util.concurrent.Callable<Integer> {
    static final long DEFAULT_BUFFER = 8L << 20;
    static final long FOLLOW_POLL_NANOS = 200_000_000L;

    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisOptions analysis;

    @Option(names = "--spawn", description = "Run conntrack -E -o timestamp,extended,id and read its output;"
        + " arguments after -- go to conntrack.")
    boolean spawn;

    @Option(names = "--follow", paramLabel = "FILE",
        description = "Read FILE from its start and follow it as it grows, through rotation (rename + new file) and"
            + " truncation; on the same --queue again, continue after its last journaled line.")
    Path follow;

    @Parameters(arity = "0..*", paramLabel = "ARG",
        description = "- for standard input; with --spawn, arguments for conntrack (after --).")
    List<String> args = new ArrayList<>();

    @Option(names = "--queue", required = true, paramLabel = "DIR", description = "Journal directory (created if missing; an existing one is continued).")
    Path queue;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
        description = "Serve Prometheus metrics on http://HOST:PORT/metrics (HOST defaults to 127.0.0.1: --metrics :9469).")
    String metrics;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "10",
        description = "Seconds between status lines on stderr; 0 for none (default: ${DEFAULT-VALUE}).")
    long interval;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds.")
    Long duration;

    @Option(names = "--snapshot-every", paramLabel = "SECONDS", defaultValue = "0",
        description = "With --spawn: read the table (conntrack -L) again every SECONDS to resync; it is always read"
            + " once at the start, after subscribing (default: only then).")
    long snapshotEvery;

    @Option(names = {"-b", "--buffer-size"}, paramLabel = "BYTES", defaultValue = "" + DEFAULT_BUFFER,
        description = "With --spawn: netlink buffer to ask conntrack for (default: ${DEFAULT-VALUE}); the report says whether it took.")
    long bufferSize;

    @Option(names = "--dashboard",
        description = "Full-screen view refreshed every second (q quits like Ctrl-C); messages are printed when it closes.")
    boolean dashboard;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "Final report format: text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--conntrack", paramLabel = "PATH", defaultValue = "conntrack", hidden = true)
    String conntrack;

    @ArgGroup(exclusive = false, heading = "Shipping to Kafka as the journal grows (as ctscope ship):%n")
    KafkaOptions kafka;

    @Mixin
    ShipChoices ship;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter terminalErr = spec.commandLine().getErr();
        java.io.StringWriter held = new java.io.StringWriter();
        PrintWriter err = dashboard ? new PrintWriter(held) : terminalErr;
        try {
            return run(out, err);
        } finally {
            if (dashboard) {
                err.flush();
                terminalErr.print(held);
                terminalErr.flush();
            }
        }
    }

    private int run(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        ReportOptions options;
        try {
            options = analysis.toReportOptions();
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (format == OutputFormat.csv) {
            return usage(err, "--format csv is for ctscope report; live prints text or json");
        }
        if (spawn && follow != null) {
            return usage(err, "name one source: --spawn, --follow FILE, or - for standard input");
        }
        if (!spawn && (args.size() > 1 || (args.size() == 1 && (follow != null || !args.get(0).equals(InputSource.STDIN))))) {
            return usage(err, "name one source: --spawn, --follow FILE, or - for standard input");
        }
        if (!spawn && follow == null && args.isEmpty() && System.console() != null) {
            return usage(err, "no source: use --spawn, or pipe conntrack -E into ctscope live -");
        }
        ShipOptions shipOptions;
        try {
            shipOptions = shipOptions();
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (RuntimeException e) {
            return FleetMessages.failed(err, "live", null, e);
        }
        HostPort endpoint = null;
        if (metrics != null) {
            try {
                endpoint = HostPort.parse(metrics);
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
        }
        if (spawn) {
            String problem = SpawnPreflight.system().problem();
            if (problem != null) {
                err.println("ctscope live: " + problem);
                err.flush();
                return 1;
            }
        }
        LiveMessages messages = new LiveMessages(err);
        LiveCounters counters = new LiveCounters(messages);
        LiveFeed feed = new LiveFeed(spawn ? "conntrack" : follow != null ? follow.toString() : InputSource.STDIN, LiveClock.SYSTEM);
        LatencyRecorder latency = new LatencyRecorder();
        List<String> command = spawn ? conntrackCommand() : List.of();
        String description = spawn ? String.join(" ", command) : feed.name();
        LiveStatus status = new LiveStatus(description, counters, latency, feed.arrivals(), System::nanoTime);
        ConntrackSupervisor supervisor = null;
        LiveSource source = null;
        if (spawn) {
            supervisor = new ConntrackSupervisor(command, ProcessStarter.SYSTEM, feed, LiveClock.SYSTEM, counters);
        } else if (follow == null) {
            source = new StreamSource(System.in, feed, counters);
        }
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ctscope-live-timer");
            t.setDaemon(true);
            return t;
        });
        Report report;
        String failure;
        LiveShipping shipping = null;
        BadLineReporter badLines = BadLineReporter.immediate(err);
        QueueLock lock;
        try {
            JournalDirectory.prepare(queue);
            lock = QueueLock.acquire(queue, false, m -> { });
        } catch (JournalBusyException e) {
            err.println("ctscope live: " + Printable.of(queue.toString()) + ": another ctscope is writing this journal"
                + " (one writer per --queue)");
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("ctscope live: " + Printable.of(e.getMessage()));
            err.flush();
            return 1;
        }
        try (lock;
             SourceRegistry registry = SourceRegistry.open(queue);
             JournalWriter writer = new JournalWriter(queue)) {
            if (spawn) {
                ConntrackSupervisor sup = supervisor;
                NetlinkBufferProbe probe = NetlinkBufferProbe.system();
                // successive reads in turn under two journal sources: a replay tells back-to-back reads apart
                TableReads reads = new TableReads(List.of(conntrack, "-L", "-o", "extended,id"), ProcessStarter.SYSTEM, feed,
                    LiveClock.SYSTEM, TimeUnit.SECONDS.toNanos(snapshotEvery), () -> sup.pid() > 0 && probe.subscribed(sup.pid()),
                    counters, status::onTableRead, TableReadSources.alternating(registry::registerStream));
                source = new SpawnedSource(supervisor, reads);
            } else if (follow != null) {
                // each generation of the file is a journal source of its own, continued where it was journaled
                source = new FollowedFile(follow, feed, LiveClock.SYSTEM, FOLLOW_POLL_NANOS, counters,
                    new JournaledGenerations(registry));
            }
            LiveSource src = source;
            SegmentCursor segments = feed.segments();
            ReportBuilder builder = ReportBuilder.standard(options);
            SnapshotResync resync = new SnapshotResync(builder);
            InputStats earlier = resume(queue, resync, err);
            LiveAnalysis live = new LiveAnalysis(feed.name(), builder, resync, badLines, earlier, queue + " (earlier runs)",
                feed.arrivals(), latency, status, System::nanoTime);
            JournalHandler journal = new JournalHandler(writer, registry, System::nanoTime);
            status.journal(journal::appended);
            RecordHandler journaled = new SegmentedJournal(journal, segments);
            if (supervisor != null) {
                NetlinkBufferProbe probe = NetlinkBufferProbe.system();
                ConntrackSupervisor sup = supervisor;
                supervisor.onStart(p -> timers.schedule(() -> {
                    NetlinkBufferProbe.Measurement m = probe.measure(p.pid());
                    status.netlink(bufferSize, m, sup.bufferNotice());
                    messages.onMessage(describe(bufferSize, m));
                }, 1, TimeUnit.SECONDS));
            }
            MetricsEndpoint server = null;
            if (endpoint != null) {
                try {
                    server = MetricsEndpoint.start(endpoint.host, endpoint.port,
                        new MetricsCollector(live::report, status));
                } catch (IOException e) {
                    err.println("ctscope live: cannot serve metrics on " + metrics + ": " + e.getMessage());
                    err.flush();
                    return 1;
                }
                messages.onMessage("metrics on http://" + endpoint.host + ":" + server.port() + "/metrics");
            }
            LiveStopper stopper = new LiveStopper(src);
            if (duration != null) {
                timers.schedule(stopper::stop, duration, TimeUnit.SECONDS);
            }
            if (interval > 0 && !dashboard) {
                scheduleIntervalLine(timers, live, status, messages);
            }
            Dashboard screen = null;
            if (dashboard) {
                try {
                    screen = openDashboard(timers, stopper, live, status, messages, description);
                } catch (IOException e) {
                    err.println("ctscope live: " + e.getMessage());
                    return 2;
                }
            }
            shipping = shipOptions == null ? null : LiveShipping.start(shipOptions, err);
            new IngestPipeline(IngestPipeline.defaultParsers(), List.of(journaled, live), false)
                .run(List.of(PipelineInput.fromStart(InputSource.ofStream(feed.name(), () -> {
                    src.start();
                    return feed;
                }), 0)),
                    (input, e) -> messages.onMessage(input.source().name() + ": read error: " + e.getMessage()));
            stopper.close();
            timers.shutdownNow();
            if (screen != null) {
                screen.close();
            }
            if (server != null) {
                server.close();
            }
            failure = src.failure();
            badLines.finish();
            report = live.finish();
        }
        if (failure != null) {
            err.println("ctscope live: " + failure);
        }
        if (shipping != null) {
            // the journal is written and closed: ship what is left before exiting
            String unshipped = shipping.finish();
            err.println("ctscope live: " + (unshipped != null ? unshipped
                : "shipped " + shipping.shipped() + " records of box " + ship.box + " to " + Printable.of(kafka.kafka)));
        }
        err.flush();
        out.print(format == OutputFormat.json ? JsonRenderer.render(report) : TextRenderer.render(report));
        out.flush();
        return failure == null ? 0 : 1;
    }

    /**
     * What to ship with --kafka, or null without it.
     *
     * @throws IllegalArgumentException for a usage problem
     * @throws io.ctscope.fleet.topic.FleetException when --kafka-config cannot be read
     */
    private ShipOptions shipOptions() {
        if (kafka == null) {
            if (ship.box != null || ship.events || ship.createTopics || !ship.sets.isEmpty()) {
                throw new IllegalArgumentException("--box, --events, --create-topics and --set ship the journal: give --kafka HOST:PORT too");
            }
            return null;
        }
        String problem = ship.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        KafkaSettings settings = kafka.settings();
        int every = (int) Math.max(1, Math.min(interval > 0 ? interval : 10, 86_400));
        return new ShipOptions(queue, ship.box, kafka.topics(), ship.events, every, 5000, false, ship.createTopics,
            ship.partitions, settings, ShipCommand::conntrackMax, ship.proposal());
    }

    private List<String> conntrackCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(conntrack);
        cmd.add("-E");
        cmd.add("-o");
        cmd.add("timestamp,extended,id");
        if (bufferSize > 0) {
            cmd.add("--buffer-size");
            cmd.add(Long.toString(bufferSize));
        }
        cmd.addAll(args);
        if (onPath("stdbuf")) {
            // conntrack's stdout is block-buffered on a pipe: line-buffer it, or events wait for 4 KiB
            cmd.add(0, "-oL");
            cmd.add(0, "stdbuf");
        }
        return cmd;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Replays what earlier runs journaled into the analyzers, so they resume where they were. */
    private static InputStats resume(Path queue, SnapshotResync resync, PrintWriter err) {
        InputStats earlier = new InputStats();
        try (JournalReader reader = new JournalReader(queue)) {
            reader.replay(r -> {
                earlier.lines++;
                earlier.onRecord(r);
                resync.acceptReplayed(r);
            });
        }
        if (earlier.records == 0) {
            return null;
        }
        err.println("ctscope live: resuming from " + earlier.records + " records already in " + queue);
        return earlier;
    }

    private static String describe(long asked, NetlinkBufferProbe.Measurement m) {
        if (m == null) {
            return "could not measure conntrack's event socket buffer (ss -f netlink -m)";
        }
        return "conntrack event socket receive buffer " + m.receiveBuffer() + " bytes (asked " + asked + ": "
            + (m.receiveBuffer() >= asked ? "took" : "did not take; conntrack-tools 1.4.7 sets --buffer-size on another socket")
            + "), " + m.drops() + " drops so far";
    }

    private void scheduleIntervalLine(ScheduledExecutorService timers, LiveAnalysis live, LiveStatus status, LiveMessages messages) {
        long[] last = {System.nanoTime()};
        Report[] previous = {live.published()};
        long max = readLong(Path.of("/proc/sys/net/netfilter/nf_conntrack_max"));
        timers.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            Report current = live.report();
            messages.onMessage(IntervalLine.format(previous[0], current, (now - last[0]) / 1e9, max,
                status.lagNanos() / 1e9, status.latency().takeInterval()));
            previous[0] = current;
            last[0] = now;
        }, interval, interval, TimeUnit.SECONDS);
    }

    private static Dashboard openDashboard(ScheduledExecutorService timers, LiveStopper stopper, LiveAnalysis live,
                                           LiveStatus status, LiveMessages messages, String title) throws IOException {
        Dashboard screen = Dashboard.open(stopper::stop);
        long max = readLong(Path.of("/proc/sys/net/netfilter/nf_conntrack_max"));
        long[] at = {System.nanoTime(), System.nanoTime()};
        Report[] reports = {live.published(), live.published()};
        timers.scheduleWithFixedDelay(() -> {
            Report current = live.report();
            if (current != reports[1]) {
                reports[0] = reports[1];
                at[0] = at[1];
                reports[1] = current;
                at[1] = System.nanoTime();
            }
            screen.draw(DashboardView.render(reports[0], reports[1], (at[1] - at[0]) / 1e9, max,
                status.lagNanos() / 1e9, title, messages.last(), screen.width(), screen.height()));
        }, 0, 1, TimeUnit.SECONDS);
        return screen;
    }

    private static long readLong(Path p) {
        try {
            return Long.parseLong(io.ctscope.ingest.io.ProcFiles.read(p).trim());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private int usage(PrintWriter err, String message) {
        err.println("ctscope live: " + message);
        err.flush();
        return 2;
    }
}
