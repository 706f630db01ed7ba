package io.ctscope.ingest.live;

/** {@code --spawn}: conntrack -E under a {@link ConntrackSupervisor}. */
public final class SpawnedSource implements LiveSource {
    private final ConntrackSupervisor supervisor;

    public SpawnedSource(ConntrackSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public void start() {
        LiveSource.startThread("ctscope-conntrack", supervisor);
    }

    @Override
    public void stop() {
        supervisor.stop();
    }

    @Override
    public String failure() {
        return supervisor.failure();
    }
}
