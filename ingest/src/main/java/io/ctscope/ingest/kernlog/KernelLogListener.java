package io.ctscope.ingest.kernlog;

/** Told about each conntrack message of a kernel log, in input order. The event is reused after the call. */
@FunctionalInterface
public interface KernelLogListener {
    void onEvent(KernelLogEvent event);
}
