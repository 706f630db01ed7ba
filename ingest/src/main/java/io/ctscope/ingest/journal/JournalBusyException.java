package io.ctscope.ingest.journal;

import java.io.IOException;

/** Another process holds a journal's {@link QueueLock} and the caller chose not to wait for it. */
public final class JournalBusyException extends IOException {
    public JournalBusyException(String message) {
        super(message);
    }
}
