package io.ctscope.ingest.live;

/**
 * A producer of a {@link LiveFeed}: started once on its own thread, stopped by a signal, the end of
 * {@code --duration} or the dashboard's {@code q}; the feed ends once the source has handed over what
 * it read.
 */
public interface LiveSource {
    void start();

    void stop();

    /** Why the source could not run at all (one line), or null. */
    default String failure() {
        return null;
    }

    /** Starts {@code body} on a daemon thread named {@code name}. */
    static Thread startThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
