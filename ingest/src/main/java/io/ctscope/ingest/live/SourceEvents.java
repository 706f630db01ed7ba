package io.ctscope.ingest.live;

/**
 * What a live source tells the operator and the report, apart from its lines: losses the kernel
 * reported, restarts, and messages (already escaped). Called from the source's own threads.
 */
public interface SourceEvents {
    /** One {@code We have hit ENOBUFS!} warning: the kernel dropped events. */
    default void onLossWarning() {
    }

    /** The source (conntrack) was restarted; {@code restarts} counts them. */
    default void onRestart(long restarts) {
    }

    /** A one-line message for stderr (prefix-free, escaped). */
    void onMessage(String message);
}
