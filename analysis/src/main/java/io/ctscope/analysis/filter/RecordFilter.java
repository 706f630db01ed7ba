package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.ConntrackRecord;

/** Decides whether a record takes part in the analysis. Called once per record: must not allocate. */
public interface RecordFilter {
    /** Accepts everything. */
    RecordFilter ALL = new RecordFilter() {
        @Override
        public boolean test(ConntrackRecord r) {
            return true;
        }

        @Override
        public String describe() {
            return "";
        }
    };

    boolean test(ConntrackRecord r);

    /** The filter as the operator wrote it, e.g. {@code --proto tcp --src 10.0.0.0/8}; empty for {@link #ALL}. */
    String describe();
}
