package io.ctscope.analysis;

import io.ctscope.analysis.report.Report;
import io.ctscope.ingest.decode.RecordSink;

/**
 * A consumer of records that contributes sections to the report. Records arrive in input order, one
 * thread at a time; the record object is reused, so an analyzer copies what it keeps.
 */
public interface Analyzer extends RecordSink {
    /** Adds this analyzer's sections to {@code report} once all records have been seen. */
    void contribute(Report report);
}
