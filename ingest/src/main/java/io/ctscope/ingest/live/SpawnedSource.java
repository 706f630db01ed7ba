package io.ctscope.ingest.live;

/**
 * {@code --spawn}: conntrack -E under a {@link ConntrackSupervisor}, and the table reads that start
 * once it has subscribed. Stopping ends the reads first (a read in progress is written whole), then
 * conntrack.
 */
public final class SpawnedSource implements LiveSource {
    private final ConntrackSupervisor supervisor;
    private final TableReads reads;

    public SpawnedSource(ConntrackSupervisor supervisor, TableReads reads) {
        this.supervisor = supervisor;
        this.reads = reads;
    }

    @Override
    public void start() {
        LiveSource.startThread("ctscope-conntrack", supervisor);
        if (reads != null) {
            LiveSource.startThread("ctscope-table-reads", reads);
        }
    }

    @Override
    public void stop() {
        if (reads != null) {
            reads.stop();
        }
        supervisor.stop();
    }

    @Override
    public String failure() {
        return supervisor.failure();
    }
}
