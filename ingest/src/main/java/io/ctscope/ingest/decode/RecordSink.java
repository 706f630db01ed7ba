package io.ctscope.ingest.decode;

import io.ctscope.ingest.record.ConntrackRecord;

/** Receives each accepted record. The record is reused: copy what must outlive the call. */
@FunctionalInterface
public interface RecordSink {
    void accept(ConntrackRecord record);
}
