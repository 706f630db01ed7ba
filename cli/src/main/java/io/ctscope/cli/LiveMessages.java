package io.ctscope.cli;

import io.ctscope.ingest.live.SourceEvents;

import java.io.PrintWriter;

/** Prints the live run's messages on stderr, one line each, from whichever thread says them. */
final class LiveMessages implements SourceEvents {
    private final PrintWriter err;
    private volatile String last;

    LiveMessages(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onMessage(String message) {
        last = message;
        synchronized (err) {
            err.println("ctscope live: " + message);
            err.flush();
        }
    }

    /** The last message, for the dashboard's message line. */
    String last() {
        return last;
    }
}
