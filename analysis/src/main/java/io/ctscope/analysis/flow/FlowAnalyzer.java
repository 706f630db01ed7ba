package io.ctscope.analysis.flow;

import io.ctscope.analysis.report.Report;

/** A {@link FlowListener} that contributes sections to the report once every record has been seen. */
public interface FlowAnalyzer extends FlowListener {
    /** Adds this analyzer's sections; {@code table} holds the flows still open at the end. */
    void contribute(Report report, FlowTable table);
}
